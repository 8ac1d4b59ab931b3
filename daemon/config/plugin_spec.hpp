// PluginSpec: a plugin object declared in a TOML table (a storage instance, a project's label or
// router): the plugin's registered name, its options as JSON, and where each came from so a
// plugin's refusal of an option can be reported at that option's line.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "config/table_reader.hpp"

namespace labelflow::config {

struct PluginSpec {
  std::string type;             // registered plugin name, e.g. "ner"
  boost::json::object options;  // every key of the table except the reserved ones
  Position table_where;         // the table itself
  Position type_where;          // the `type` value
  // Each option's key; nested ones as "a.b" (table entry, at the key) and "a[2]" (array item).
  std::map<std::string, Position, std::less<>> option_where;

  // Position of option `key` (or of its nearest recorded parent), else of the table.
  Position where(std::string_view key) const;
};

// Converts a TOML node to JSON: integers stay int64, floats double, arrays and tables nest,
// dates and times become their TOML text (e.g. "2024-05-01").
boost::json::value to_json(const toml::node& node);

// Reads `type` (required) and every key not in `reserved` as a plugin option (`type` is always
// reserved). With `resolve_paths`, a string option named `root` or ending in `_dir`, `_path` or
// `_file` that holds a relative path is resolved against the config file's directory, like every
// other path in the configuration, and made absolute.
PluginSpec read_plugin_spec(TableReader& reader, const std::vector<std::string>& reserved,
                            bool resolve_paths);

}  // namespace labelflow::config
