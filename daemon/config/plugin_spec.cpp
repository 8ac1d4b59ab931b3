#include "config/plugin_spec.hpp"

#include <algorithm>
#include <sstream>

namespace labelflow::config {
namespace {

template <class T>
std::string toml_text(const T& value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_path_option(std::string_view key) {
  return key == "root" || ends_with(key, "_dir") || ends_with(key, "_path") ||
         ends_with(key, "_file");
}

// Records the positions of everything nested under option `path`: table entries as
// "path.key" (at the key), array items as "path[i]" (at the item), the spelling plugins use in
// ConfigError::key (e.g. "domains.technical[2]").
void record_nested(const std::filesystem::path& file, const std::string& path,
                   const toml::node& node, std::map<std::string, Position, std::less<>>& out) {
  if (const toml::table* t = node.as_table()) {
    for (const auto& [key, value] : *t) {
      std::string sub = path + "." + std::string(key.str());
      out[sub] = position_of(file, key.source());
      record_nested(file, sub, value, out);
    }
  } else if (const toml::array* a = node.as_array()) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      std::string sub = path + "[" + std::to_string(i) + "]";
      out[sub] = position_of(file, (*a)[i].source());
      record_nested(file, sub, (*a)[i], out);
    }
  }
}

}  // namespace

Position PluginSpec::where(std::string_view key) const {
  // The exact key, else its nearest recorded parent ("a.b[3]" -> "a.b" -> "a").
  std::string_view k = key;
  while (!k.empty()) {
    if (auto it = option_where.find(k); it != option_where.end()) return it->second;
    std::size_t cut = k.find_last_of(".[");
    if (cut == std::string_view::npos) break;
    k = k.substr(0, cut);
  }
  return table_where;
}

boost::json::value to_json(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return boost::json::value(node.as_string()->get());
    case toml::node_type::integer:
      return boost::json::value(node.as_integer()->get());
    case toml::node_type::floating_point:
      return boost::json::value(node.as_floating_point()->get());
    case toml::node_type::boolean:
      return boost::json::value(node.as_boolean()->get());
    case toml::node_type::date:
      return boost::json::value(toml_text(node.as_date()->get()));
    case toml::node_type::time:
      return boost::json::value(toml_text(node.as_time()->get()));
    case toml::node_type::date_time:
      return boost::json::value(toml_text(node.as_date_time()->get()));
    case toml::node_type::array: {
      boost::json::array out;
      for (const toml::node& item : *node.as_array()) out.push_back(to_json(item));
      return out;
    }
    case toml::node_type::table: {
      boost::json::object out;
      for (const auto& [key, value] : *node.as_table()) out[key.str()] = to_json(value);
      return out;
    }
    case toml::node_type::none:
      break;
  }
  return nullptr;
}

PluginSpec read_plugin_spec(TableReader& reader, const std::vector<std::string>& reserved,
                            bool resolve_paths) {
  PluginSpec spec;
  spec.table_where = reader.table_pos();
  spec.type_where = reader.value_pos("type");
  spec.type = reader.non_empty_string("type", true).value_or("");
  for (const auto& [key, node] : reader.raw()) {
    const std::string name(key.str());
    if (name == "type" || std::find(reserved.begin(), reserved.end(), name) != reserved.end()) {
      continue;
    }
    reader.allow(name);
    spec.option_where[name] = position_of(reader.file(), key.source());
    record_nested(reader.file(), name, node, spec.option_where);
    boost::json::value value = to_json(node);
    if (resolve_paths && is_path_option(name) && node.is_string()) {
      std::filesystem::path p(node.as_string()->get());
      if (!p.empty() && p.is_relative()) {
        // Absolute: a plugin cannot know the config's directory, and may run after a chdir.
        std::error_code ec;
        std::filesystem::path full = std::filesystem::absolute(reader.file().parent_path() / p, ec);
        value = full.lexically_normal().string();
      }
    }
    spec.options[name] = std::move(value);
  }
  return spec;
}

}  // namespace labelflow::config
