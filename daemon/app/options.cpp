#include "app/options.hpp"

#include "app/logging.hpp"

namespace labelflow::app {

const char* usage() {
  return "usage: labelflowd --config FILE [--log-level LEVEL]   run the daemon\n"
         "       labelflowd --check-config FILE                 validate every config file and "
         "plugin option\n"
         "       labelflowd --list-plugins [--config FILE]      list loadable plugins\n"
         "       labelflowd --version\n"
         "       labelflowd --help\n"
         "LEVEL: trace, debug, info, warn, error, critical, off\n";
}

std::optional<Options> parse_options(const std::vector<std::string>& args, std::string& error) {
  Options opts;
  bool run = false, check = false, list = false, version = false, help = false;
  std::optional<std::filesystem::path> config_file;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> value;
    if (auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    }
    auto take_value = [&]() -> std::optional<std::string> {
      if (value) return value;
      if (i + 1 < args.size()) return args[++i];
      error = flag + " needs a value";
      return std::nullopt;
    };
    auto no_value = [&] {
      if (value) error = flag + " takes no value";
      return !value;
    };
    if (flag == "--config" || flag == "--check-config") {
      auto v = take_value();
      if (!v) return std::nullopt;
      if (v->empty()) return error = flag + " needs a file name", std::nullopt;
      if (config_file) return error = "give only one configuration file", std::nullopt;
      config_file = *v;
      (flag == "--config" ? run : check) = true;
    } else if (flag == "--log-level") {
      auto v = take_value();
      if (!v) return std::nullopt;
      if (!parse_level(*v)) return error = "unknown log level '" + *v + "'", std::nullopt;
      opts.log_level = *v;
    } else if (flag == "--list-plugins") {
      if (!no_value()) return std::nullopt;
      list = true;
    } else if (flag == "--version") {
      if (!no_value()) return std::nullopt;
      version = true;
    } else if (flag == "--help" || flag == "-h") {
      help = true;
    } else {
      error = "unknown argument '" + args[i] + "'";
      return std::nullopt;
    }
  }
  int modes = (check ? 1 : 0) + (list ? 1 : 0) + (version ? 1 : 0) + (help ? 1 : 0);
  if (modes > 1 || (check && run)) {
    error = "choose one of --config, --check-config, --list-plugins, --version, --help";
    return std::nullopt;
  }
  if (help)
    opts.mode = Mode::help;
  else if (version)
    opts.mode = Mode::version;
  else if (list)
    opts.mode = Mode::list_plugins;
  else if (check)
    opts.mode = Mode::check_config;
  else if (run)
    opts.mode = Mode::run;
  else
    return error = "nothing to do", std::nullopt;
  if ((version || help) && (config_file || opts.log_level)) {
    error = "--version and --help take no other option";
    return std::nullopt;
  }
  if (config_file) opts.config = *config_file;
  return opts;
}

}  // namespace labelflow::app
