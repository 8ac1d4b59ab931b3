#include "config/table_reader.hpp"

#include <algorithm>
#include <numeric>

namespace labelflow::config {

Position position_of(const std::filesystem::path& file, const toml::source_region& region) {
  return {file, region.begin.line, region.begin.column};
}

std::string type_phrase(toml::node_type type) {
  switch (type) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus swaps of adjacent characters ("lsiten").
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  for (const auto& c : candidates) {
    std::size_t dist = edit_distance(word, c);
    if (dist < best_distance) {
      best_distance = dist;
      best = c;
    }
  }
  return best;
}

TableReader::TableReader(const toml::table& table, std::filesystem::path file, Diagnostics& diags,
                         std::string where)
    : table_(table), file_(std::move(file)), diags_(diags), where_(std::move(where)) {}

std::string TableReader::describe(std::string_view key) const {
  std::string out = "key '" + std::string(key) + "'";
  if (!where_.empty()) out += " in " + where_;
  return out;
}

Position TableReader::value_pos(std::string_view key) const {
  if (const auto* node = table_.get(key)) return position_of(file_, node->source());
  return table_pos();
}

Position TableReader::key_pos(std::string_view key) const {
  auto it = table_.find(key);
  if (it != table_.end()) return position_of(file_, it->first.source());
  return table_pos();
}

void TableReader::bad_value(std::string_view key, const std::string& message) {
  diags_.error(value_pos(key), error_id::kBadValue, describe(key) + ": " + message);
}

void TableReader::wrong_type(std::string_view key, const toml::node& node,
                             std::string_view expected) {
  diags_.error(
      position_of(file_, node.source()), error_id::kWrongType,
      describe(key) + " must be " + std::string(expected) + ", found " + type_phrase(node.type()));
}

const toml::node* TableReader::get(std::string_view key, bool required) {
  known_.emplace(key);
  const toml::node* node = table_.get(key);
  if (node == nullptr && required) {
    std::string where = where_.empty() ? std::string("the file") : where_;
    diags_.error(table_pos(), error_id::kMissingKey,
                 "missing required key '" + std::string(key) + "' in " + where);
  }
  return node;
}

std::optional<std::string> TableReader::string(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return std::nullopt;
  if (!node->is_string()) return wrong_type(key, *node, "a string"), std::nullopt;
  return node->as_string()->get();
}

std::optional<std::string> TableReader::non_empty_string(std::string_view key, bool required) {
  auto s = string(key, required);
  if (s && s->empty()) {
    bad_value(key, "must not be empty");
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return std::nullopt;
  // Type first: value_or<int64_t> on a float node is undefined behaviour in toml++ 3.3.
  if (!node->is_integer()) return wrong_type(key, *node, "an integer"), std::nullopt;
  return node->as_integer()->get();
}

std::optional<double> TableReader::number(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return std::nullopt;
  if (node->is_integer()) return static_cast<double>(node->as_integer()->get());
  if (node->is_floating_point()) return node->as_floating_point()->get();
  return wrong_type(key, *node, "a number"), std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return std::nullopt;
  if (!node->is_boolean()) return wrong_type(key, *node, "true or false"), std::nullopt;
  return node->as_boolean()->get();
}

std::optional<std::vector<std::string>> TableReader::string_list(std::string_view key,
                                                                 bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return std::nullopt;
  if (!node->is_array()) return wrong_type(key, *node, "an array of strings"), std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (const toml::node& item : *node->as_array()) {
    Position at = position_of(file_, item.source());
    if (!item.is_string()) {
      diags_.error(at, error_id::kWrongType,
                   describe(key) + " must be an array of strings, found " +
                       type_phrase(item.type()) + " in it");
      ok = false;
      continue;
    }
    const std::string& s = item.as_string()->get();
    if (s.empty()) {
      diags_.error(at, error_id::kBadValue, describe(key) + ": empty string in the list");
      ok = false;
    } else if (std::find(out.begin(), out.end(), s) != out.end()) {
      diags_.error(at, error_id::kDuplicate, describe(key) + ": '" + s + "' is listed twice");
      ok = false;
    } else {
      out.push_back(s);
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::filesystem::path> TableReader::path(std::string_view key, bool required) {
  auto s = non_empty_string(key, required);
  if (!s) return std::nullopt;
  std::filesystem::path p(*s);
  if (p.is_relative()) p = file_.parent_path() / p;
  return p.lexically_normal();
}

const toml::table* TableReader::table(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return nullptr;
  if (!node->is_table()) return wrong_type(key, *node, "a table"), nullptr;
  return node->as_table();
}

const toml::array* TableReader::table_array(std::string_view key, bool required) {
  const toml::node* node = get(key, required);
  if (node == nullptr) return nullptr;
  // An empty array is a valid (empty) array of tables; callers decide whether empty is allowed.
  const bool empty_array = node->is_array() && node->as_array()->empty();
  if (!node->is_array_of_tables() && !empty_array) {
    wrong_type(key, *node, "an array of tables ([[" + std::string(key) + "]])");
    return nullptr;
  }
  return node->as_array();
}

void TableReader::finish() {
  std::vector<std::string> candidates(known_.begin(), known_.end());
  for (const auto& [key, node] : table_) {
    if (known_.count(key.str()) != 0) continue;
    std::string message = "unknown key '" + std::string(key.str()) + "'";
    if (!where_.empty()) message += " in " + where_;
    std::string suggestion = closest_match(key.str(), candidates);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    diags_.error(position_of(file_, key.source()), error_id::kUnknownKey, message);
  }
}

}  // namespace labelflow::config
