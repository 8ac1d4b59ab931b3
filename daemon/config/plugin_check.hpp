// Plugins of a configuration: loads the plugin libraries the daemon config names and creates
// every plugin object the configuration declares (storage instances, each project's labels and
// router), reporting every failure at the TOML position it concerns: a refused option at that
// option's key (`plugin.options_refused`), an unknown plugin name at the `type` value
// (`plugin.unknown`), a library that fails to load at the `plugin_dirs` key.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "config/config.hpp"
#include "config/diagnostics.hpp"
#include "plugin_host/registry.hpp"

namespace labelflow::config {

// The plugin objects of one project, by label name.
struct ProjectPlugins {
  std::map<std::string, std::shared_ptr<plugin_host::GuardedLabelType>, std::less<>> labels;
  std::shared_ptr<plugin_host::GuardedRouter> router;  // null when the project has no [router]
};

struct PluginObjects {
  std::map<std::string, std::shared_ptr<plugin_host::GuardedStorage>, std::less<>> storage;
  std::map<std::string, ProjectPlugins, std::less<>> projects;  // by project id
};

// Loads every library in `daemon.plugin_dirs`, or in `default_dir` when that list is empty.
// Load failures are reported at the `plugin_dirs` key (or the file when absent) with the
// loader's ID (plugin.abi_mismatch, ...) and a message starting with the library's path.
void load_plugins(const DaemonConfig& daemon, const std::filesystem::path& default_dir,
                  plugin_host::Registry& registry, Diagnostics& diags);

// Creates and configures every plugin object of `config`. Objects that fail are left out.
PluginObjects create_plugin_objects(const Config& config, const plugin_host::Registry& registry,
                                    Diagnostics& diags);

}  // namespace labelflow::config
