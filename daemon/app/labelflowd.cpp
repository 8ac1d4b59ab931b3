#include "app/labelflowd.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

#include "app/app.hpp"
#include "app/logging.hpp"
#include "app/options.hpp"
#include "common/version.hpp"
#include "config/config.hpp"
#include "config/plugin_check.hpp"

#if !defined(LABELFLOW_DEFAULT_PLUGIN_DIR) || !defined(LABELFLOW_BUILD_DIR) || \
    !defined(LABELFLOW_INSTALLED_PLUGIN_DIR)
#error \
    "the build defines LABELFLOW_DEFAULT_PLUGIN_DIR, LABELFLOW_BUILD_DIR, LABELFLOW_INSTALLED_PLUGIN_DIR"
#endif

namespace labelflow::app {
namespace {

void print(std::ostream& out, const config::Diagnostics& diags) {
  for (const auto& d : diags.sorted()) out << d.to_string() << "\n";
}

// --check-config: every file, every plugin, every error; summary on success.
int check_config(const Options& opts) {
  setup_logging(*parse_level(opts.log_level.value_or("warn")), LogFormat::text);
  config::Diagnostics diags;
  config::Config config = config::load_config(opts.config, diags);
  std::size_t plugin_count = 0;
  if (config.daemon.parsed) {
    plugin_host::Registry registry;
    config::load_plugins(config.daemon, default_plugin_dir(), registry, diags);
    config::create_plugin_objects(config, registry, diags);
    plugin_count = registry.plugins().size();
  }
  print(std::cerr, diags);
  if (diags.has_errors()) {
    std::cerr << opts.config.string() << ": " << diags.error_count() << " error(s), "
              << diags.warning_count() << " warning(s)\n";
    return kExitConfig;
  }
  std::size_t labels = 0;
  for (const auto& p : config.projects) labels += p.labels.size();
  std::cout << opts.config.string() << ": ok: " << config.reviewers.reviewers.size()
            << " reviewer(s), " << config.projects.size() << " project(s), " << labels
            << " label(s), " << config.daemon.storage.size() << " storage instance(s), "
            << plugin_count << " plugin(s), " << diags.warning_count() << " warning(s)\n";
  return kExitOk;
}

// --list-plugins: one KIND NAME VERSION abi=M.m PATH line per plugin.
int list_plugins(const Options& opts) {
  setup_logging(*parse_level(opts.log_level.value_or("warn")), LogFormat::text);
  config::Diagnostics diags;
  config::DaemonConfig daemon;
  if (!opts.config.empty()) {
    daemon = config::load_daemon_config(opts.config, diags);
    if (diags.has_errors()) {
      print(std::cerr, diags);
      return kExitConfig;
    }
  }
  plugin_host::Registry registry;
  config::load_plugins(daemon, default_plugin_dir(), registry, diags);
  for (const auto& p : registry.plugins()) std::cout << p.list_line() << '\n';
  print(std::cerr, diags);
  return diags.has_errors() ? kExitConfig : kExitOk;
}

int run(const Options& opts) {
  // Until the config says otherwise, log as text at info so load errors are visible.
  setup_logging(*parse_level(opts.log_level.value_or("info")), LogFormat::text);
  config::Diagnostics diags;
  config::Config config = config::load_config(opts.config, diags);
  if (config.daemon.parsed) {
    auto level = parse_level(opts.log_level.value_or(config.daemon.log.level));
    setup_logging(*level, config.daemon.log.format == "json" ? LogFormat::json : LogFormat::text);
  }
  for (const auto& d : diags.sorted()) {
    if (d.severity == config::Severity::error)
      spdlog::error("{}", d.to_string());
    else
      spdlog::warn("{}", d.to_string());
  }
  if (diags.has_errors()) {
    spdlog::error("cannot start: {} configuration error(s)", diags.error_count());
    return kExitConfig;
  }
  spdlog::info("labelflowd {} starting with {}", kVersion, opts.config.string());
  App app(std::move(config), opts.config, default_plugin_dir());
  if (!app.start()) return kExitConfig;
  return app.run();
}

}  // namespace

std::filesystem::path default_plugin_dir() {
  // A labelflowd inside the build tree uses the plugins built beside it; an installed one (or a
  // copy anywhere else) uses the installed plugin directory.
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::string build_dir = LABELFLOW_BUILD_DIR;
  if (!ec && exe.string().rfind(build_dir + "/", 0) == 0) return LABELFLOW_DEFAULT_PLUGIN_DIR;
  return LABELFLOW_INSTALLED_PLUGIN_DIR;
}

int labelflowd_main(int argc, char** argv) {
  std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  std::string error;
  auto opts = parse_options(args, error);
  if (!opts) {
    std::cerr << "labelflowd: " << error << '\n' << usage();
    return kExitUsage;
  }
  try {
    switch (opts->mode) {
      case Mode::help:
        std::cout << usage();
        return kExitOk;
      case Mode::version:
        std::cout << "labelflowd " << kVersion << '\n';
        return kExitOk;
      case Mode::check_config:
        return check_config(*opts);
      case Mode::list_plugins:
        return list_plugins(*opts);
      case Mode::run:
        return run(*opts);
    }
  } catch (const std::exception& e) {
    // A bug or an environment failure (e.g. out of memory): say so and fail, never abort.
    std::cerr << "labelflowd: fatal: " << e.what() << '\n';
    return kExitConfig;
  }
  return kExitUsage;
}

}  // namespace labelflow::app
