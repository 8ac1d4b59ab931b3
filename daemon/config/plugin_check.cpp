#include "config/plugin_check.hpp"

namespace labelflow::config {
namespace {

// Reports a Created<> outcome against `spec`; `what` names the object, e.g. "label 'intent'".
template <class Guarded>
std::shared_ptr<Guarded> report(plugin_host::Created<Guarded> created, const PluginSpec& spec,
                                const std::string& what, const plugin_host::Registry& registry,
                                sdk::PluginKind kind, Diagnostics& diags) {
  for (const auto& e : created.errors) {
    // A refusal also comes key by key in option_errors, reported below at each key.
    if (e.id == plugin_host::error_id::kOptionsRefused && !created.option_errors.empty()) {
      continue;
    }
    std::string message = what + ": " + e.message;
    if (e.id == plugin_host::error_id::kUnknownPlugin) {
      std::vector<std::string> names;
      for (const auto& d : registry.plugins()) {
        if (d.kind == kind) names.push_back(d.name);
      }
      std::string hint = closest_match(spec.type, names);
      if (!hint.empty()) message += "; did you mean '" + hint + "'?";
    }
    diags.error(spec.type_where, e.id, message);
  }
  for (const auto& e : created.option_errors) {
    std::string message = what + " (type " + spec.type + "): ";
    message += e.key.empty() ? e.message : "option '" + e.key + "': " + e.message;
    diags.error(spec.where(e.key), plugin_host::error_id::kOptionsRefused, message);
  }
  if (!created.ok() && created.errors.empty() && created.option_errors.empty()) {
    diags.error(spec.type_where, plugin_host::error_id::kCreateFailed,
                what + ": plugin '" + spec.type + "' did not create an object");
  }
  return created.object;
}

}  // namespace

void load_plugins(const DaemonConfig& daemon, const std::filesystem::path& default_dir,
                  plugin_host::Registry& registry, Diagnostics& diags) {
  std::vector<std::filesystem::path> dirs = daemon.plugin_dirs;
  Position where = daemon.plugin_dirs_where;
  if (dirs.empty()) {
    dirs.push_back(default_dir);
    std::error_code ec;
    if (!std::filesystem::is_directory(default_dir, ec)) {
      diags.error(where, error_id::kIo,
                  "the default plugin directory " + default_dir.string() + " does not exist; " +
                      (daemon.file.empty() ? std::string("give --config FILE with 'plugin_dirs'")
                                           : "set 'plugin_dirs' in " + daemon.file.string()));
      return;
    }
  }
  for (const auto& e : registry.load_directories(dirs)) {
    std::string message = e.path.empty() ? e.message : e.path.string() + ": " + e.message;
    diags.error(where, e.id, message);
  }
}

PluginObjects create_plugin_objects(const Config& config, const plugin_host::Registry& registry,
                                    Diagnostics& diags) {
  PluginObjects out;
  for (const auto& s : config.daemon.storage) {
    if (s.plugin.type.empty()) continue;  // already reported as missing
    auto object = report(registry.create_storage(s.plugin.type, s.plugin.options), s.plugin,
                         "storage '" + s.name + "'", registry, sdk::PluginKind::storage, diags);
    if (object) out.storage.emplace(s.name, std::move(object));
  }
  for (const auto& project : config.projects) {
    ProjectPlugins plugins;
    for (const auto& label : project.labels) {
      if (label.plugin.type.empty()) continue;
      auto object =
          report(registry.create_label_type(label.plugin.type, label.plugin.options), label.plugin,
                 "label '" + label.name + "'", registry, sdk::PluginKind::label_type, diags);
      if (object) plugins.labels.emplace(label.name, std::move(object));
    }
    if (project.router && !project.router->type.empty()) {
      plugins.router = report(registry.create_router(project.router->type, project.router->options),
                              *project.router, "router of project '" + project.id + "'", registry,
                              sdk::PluginKind::router, diags);
    }
    out.projects.emplace(project.id, std::move(plugins));
  }
  return out;
}

}  // namespace labelflow::config
