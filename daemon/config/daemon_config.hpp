// DaemonConfig: configs/labelflowd.toml, the daemon-wide settings. Every key is documented in
// docs/configuration.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/diagnostics.hpp"
#include "config/plugin_spec.hpp"
#include "config/secret.hpp"

namespace labelflow::config {

struct StorageInstance {
  std::string name;   // the NAME of [storage.NAME], what projects' source/sink refer to
  PluginSpec plugin;  // `type` is the storage plugin's name
};

struct LogConfig {
  std::string level = "info";   // trace, debug, info, warn, error, critical, off
  std::string format = "text";  // text | json
};

struct HttpConfig {
  std::int64_t threads = 2;
  std::int64_t max_body_bytes = 16 * 1024 * 1024;
  std::int64_t max_header_bytes = 16 * 1024;
  std::int64_t request_timeout_seconds = 30;
  std::int64_t max_connections = 1024;
  // Reverse proxies whose X-Forwarded-For names the client (address literals); empty: none.
  std::vector<std::string> trusted_proxies;
};

struct DaemonConfig {
  std::filesystem::path file;  // where it was read from
  bool parsed = false;         // false when the file could not be read or parsed
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;                // 0 picks a free port
  std::filesystem::path state;                     // SQLite database file
  std::vector<std::filesystem::path> plugin_dirs;  // empty: the built-in default directory
  Position plugin_dirs_where;
  std::vector<StorageInstance> storage;
  Secret admin_token;  // from admin_token_env / admin_token_file; may be unset
  LogConfig log;
  HttpConfig http;
  std::string timezone = "UTC";
  std::filesystem::path projects_dir;    // default: "projects" beside the file
  std::filesystem::path reviewers_file;  // default: "reviewers.toml" beside the file

  const StorageInstance* find_storage(std::string_view name) const;
};

// Parses and checks the daemon config at `path`; every problem goes to `diags`. The result is
// filled as far as the file allowed (defaults elsewhere) so later checks can still run.
DaemonConfig load_daemon_config(const std::filesystem::path& path, Diagnostics& diags);

// Reads and parses a TOML file; a missing file is `config.io`, bad syntax `config.parse`.
std::optional<toml::table> parse_toml_file(const std::filesystem::path& path, Diagnostics& diags);

// Parses "HOST:PORT" or "[IPv6]:PORT". Returns false when malformed.
bool parse_listen(std::string_view text, std::string& host, std::uint16_t& port);

}  // namespace labelflow::config
