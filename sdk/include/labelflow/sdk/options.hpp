// OptionReader: reads a plugin's options with type checks, and refuses unknown keys.
//
//   OptionReader r(options);
//   auto classes = r.string_list("classes", /*required=*/true);
//   bool multi = r.boolean("multi").value_or(false);
//   return r.finish();   // one ConfigError per bad or unknown key
#pragma once

#include <labelflow/sdk/status.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace labelflow::sdk {

class OptionReader {
 public:
  explicit OptionReader(const boost::json::object& options) : options_(options) {}

  // The value under `key` (null when absent), marking the key as known.
  const boost::json::value* raw(std::string_view key, bool required = false) {
    known_.emplace(key);
    auto it = options_.find(key);
    if (it == options_.end()) {
      if (required) error(key, "is required");
      return nullptr;
    }
    return &it->value();
  }

  std::optional<std::string> string(std::string_view key, bool required = false) {
    const auto* v = raw(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) return wrong_type(key, "a string"), std::nullopt;
    return std::string(v->as_string());
  }

  std::optional<bool> boolean(std::string_view key, bool required = false) {
    const auto* v = raw(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_bool()) return wrong_type(key, "true or false"), std::nullopt;
    return v->as_bool();
  }

  std::optional<std::int64_t> integer(std::string_view key, bool required = false) {
    const auto* v = raw(key, required);
    if (v == nullptr) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= INT64_MAX) return static_cast<std::int64_t>(v->as_uint64());
    return wrong_type(key, "an integer"), std::nullopt;
  }

  std::optional<double> number(std::string_view key, bool required = false) {
    const auto* v = raw(key, required);
    if (v == nullptr) return std::nullopt;
    if (v->is_double()) return v->as_double();
    if (v->is_int64()) return static_cast<double>(v->as_int64());
    if (v->is_uint64()) return static_cast<double>(v->as_uint64());
    return wrong_type(key, "a number"), std::nullopt;
  }

  // A list of strings; with `non_empty`, an empty list is refused. Duplicates are refused.
  std::optional<std::vector<std::string>> string_list(std::string_view key, bool required = false,
                                                      bool non_empty = true) {
    const auto* v = raw(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_array()) return wrong_type(key, "a list of strings"), std::nullopt;
    std::vector<std::string> out;
    for (const auto& item : v->as_array()) {
      if (!item.is_string()) return wrong_type(key, "a list of strings"), std::nullopt;
      std::string s(item.as_string());
      if (std::find(out.begin(), out.end(), s) != out.end()) {
        error(key, "lists \"" + s + "\" twice");
        return std::nullopt;
      }
      out.push_back(std::move(s));
    }
    if (non_empty && out.empty()) return error(key, "must not be empty"), std::nullopt;
    return out;
  }

  void error(std::string_view key, std::string message) {
    errors_.push_back({std::string(key), std::move(message)});
  }

  // All errors so far, plus one per key that was never read ("unknown option").
  std::vector<ConfigError> finish() {
    for (const auto& kv : options_) {
      std::string key(kv.key());
      if (known_.count(key)) continue;
      std::string message = "unknown option";
      if (auto near = closest(key); !near.empty()) message += " (did you mean '" + near + "'?)";
      errors_.push_back({key, message});
    }
    return errors_;
  }

 private:
  void wrong_type(std::string_view key, const char* expected) {
    error(key, std::string("must be ") + expected);
  }

  // A known key within edit distance 2 of `key`, or empty.
  std::string closest(const std::string& key) const {
    std::string best;
    std::size_t best_distance = 3;
    for (const auto& k : known_) {
      std::size_t d = edit_distance(key, k);
      if (d < best_distance) best_distance = d, best = k;
    }
    return best;
  }

  static std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        std::size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = above;
      }
    }
    return row[b.size()];
  }

  const boost::json::object& options_;
  std::set<std::string, std::less<>> known_;
  std::vector<ConfigError> errors_;
};

}  // namespace labelflow::sdk
