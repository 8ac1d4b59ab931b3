#include "classification_value.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>

namespace labelflow::labels::classification {
namespace {

std::string known_classes(const ClassificationOptions& options) {
  std::string out;
  for (const auto& c : options.classes) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

std::string unknown_class(const ClassificationOptions& options, std::string_view name) {
  return "unknown class \"" + std::string(name) + "\"; expected one of: " +
         known_classes(options);
}

}  // namespace

std::vector<sdk::FieldError> validate_value(const ClassificationOptions& options,
                                            const boost::json::value& value) {
  std::vector<sdk::FieldError> errors;
  if (!options.multi) {
    if (!value.is_string()) {
      errors.push_back({"", "must be a string naming one class"});
    } else if (!options.index_of(value.as_string())) {
      errors.push_back({"", unknown_class(options, value.as_string())});
    }
    return errors;
  }
  if (!value.is_array()) {
    errors.push_back({"", "must be a list of class names (multi-class label)"});
    return errors;
  }
  const auto& list = value.as_array();
  std::vector<bool> seen(options.classes.size(), false);
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string path = "/" + std::to_string(i);
    if (!list[i].is_string()) {
      errors.push_back({path, "must be a string naming one class"});
      continue;
    }
    auto index = options.index_of(list[i].as_string());
    if (!index) {
      errors.push_back({path, unknown_class(options, list[i].as_string())});
    } else if (seen[*index]) {
      errors.push_back({path, "\"" + options.classes[*index] + "\" is listed twice"});
    } else {
      seen[*index] = true;
    }
  }
  return errors;
}

std::optional<std::vector<std::uint32_t>> decode(const ClassificationOptions& options,
                                                 const boost::json::value& value) {
  if (!validate_value(options, value).empty()) return std::nullopt;
  std::vector<std::uint32_t> out;
  if (!options.multi) {
    out.push_back(*options.index_of(value.as_string()));
    return out;
  }
  for (const auto& element : value.as_array()) {
    out.push_back(*options.index_of(element.as_string()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::uint32_t> decode_or_throw(const ClassificationOptions& options,
                                           const boost::json::value& value,
                                           std::string_view where) {
  auto errors = validate_value(options, value);
  if (!errors.empty()) {
    throw std::invalid_argument(std::string(where) + ": label" + errors.front().path + " " +
                                errors.front().message);
  }
  return *decode(options, value);
}

boost::json::value encode(const ClassificationOptions& options,
                          const std::vector<std::uint32_t>& classes) {
  if (!options.multi) return boost::json::value(options.classes.at(classes.at(0)));
  boost::json::array list;
  for (auto c : classes) list.emplace_back(options.classes.at(c));
  return list;
}

double agreement_of(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::vector<std::uint32_t> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  double union_size = static_cast<double>(a.size() + b.size() - common.size());
  return static_cast<double>(common.size()) / union_size;
}

boost::json::value diff_of(const ClassificationOptions& options,
                           const std::vector<std::uint32_t>& a,
                           const std::vector<std::uint32_t>& b) {
  boost::json::array only_a, only_b, both;
  for (std::uint32_t c = 0; c < options.classes.size(); ++c) {
    bool in_a = std::binary_search(a.begin(), a.end(), c);
    bool in_b = std::binary_search(b.begin(), b.end(), c);
    if (in_a && in_b) both.emplace_back(options.classes[c]);
    else if (in_a) only_a.emplace_back(options.classes[c]);
    else if (in_b) only_b.emplace_back(options.classes[c]);
  }
  return boost::json::object{
      {"only_a", std::move(only_a)}, {"only_b", std::move(only_b)}, {"both", std::move(both)}};
}

}  // namespace labelflow::labels::classification
