#include "config/daemon_config.hpp"

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <fstream>
#include <sstream>

namespace labelflow::config {
namespace {

constexpr std::array<const char*, 7> kLevels = {"trace", "debug",    "info", "warn",
                                                "error", "critical", "off"};

template <class List>
std::string joined(const List& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

template <class List>
bool one_of(const List& items, const std::string& value) {
  for (const auto& item : items) {
    if (value == item) return true;
  }
  return false;
}

void read_log(TableReader& root, LogConfig& log) {
  const toml::table* table = root.table("log");
  if (table == nullptr) return;
  TableReader r(*table, root.file(), root.diags(), "[log]");
  if (auto level = r.string("level")) {
    if (one_of(kLevels, *level))
      log.level = *level;
    else
      r.bad_value("level", "'" + *level + "' is not a level; use one of " + joined(kLevels));
  }
  if (auto format = r.string("format")) {
    if (*format == "text" || *format == "json")
      log.format = *format;
    else
      r.bad_value("format", "'" + *format + "' is not a format; use text or json");
  }
  r.finish();
}

void read_positive(TableReader& r, std::string_view key, std::int64_t& out) {
  if (auto v = r.integer(key)) {
    if (*v >= 1)
      out = *v;
    else
      r.bad_value(key, "must be at least 1, found " + std::to_string(*v));
  }
}

// An IPv4 or IPv6 address literal, as the server compares it with peer addresses.
bool ip_literal(const std::string& text) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

void read_http(TableReader& root, HttpConfig& http) {
  const toml::table* table = root.table("http");
  if (table == nullptr) return;
  TableReader r(*table, root.file(), root.diags(), "[http]");
  read_positive(r, "threads", http.threads);
  read_positive(r, "max_body_bytes", http.max_body_bytes);
  read_positive(r, "max_header_bytes", http.max_header_bytes);
  read_positive(r, "request_timeout_seconds", http.request_timeout_seconds);
  read_positive(r, "max_connections", http.max_connections);
  if (const toml::node* node = r.get("trusted_proxies")) {
    if (auto list = r.string_list("trusted_proxies")) {
      std::size_t index = 0;
      for (const auto& address : *list) {
        if (!ip_literal(address)) {
          const toml::node* item = node->as_array()->get(index);
          r.diags().error(
              item ? position_of(r.file(), item->source()) : r.value_pos("trusted_proxies"),
              error_id::kBadValue,
              "[http] trusted_proxies: '" + address +
                  "' is not an IP address (write the proxy's address, e.g. \"127.0.0.1\")");
        }
        http.trusted_proxies.push_back(address);
        ++index;
      }
    }
  }
  r.finish();
}

void read_storage(TableReader& root, std::vector<StorageInstance>& out) {
  const toml::table* table = root.table("storage");
  if (table == nullptr) return;
  for (const auto& [key, node] : *table) {
    std::string name(key.str());
    std::string where = "[storage." + name + "]";
    if (!node.is_table()) {
      root.diags().error(
          position_of(root.file(), node.source()), error_id::kWrongType,
          where + " must be a table with a 'type' key, found " + type_phrase(node.type()));
      continue;
    }
    TableReader r(*node.as_table(), root.file(), root.diags(), where);
    out.push_back({name, read_plugin_spec(r, {}, /*resolve_paths=*/true)});
    r.finish();
  }
}

void read_plugin_dirs(TableReader& r, DaemonConfig& config) {
  config.plugin_dirs_where = r.value_pos("plugin_dirs");
  const toml::node* node = r.get("plugin_dirs");
  if (node == nullptr) return;
  auto dirs = r.string_list("plugin_dirs");
  if (!dirs) return;
  std::size_t index = 0;
  for (const auto& dir : *dirs) {
    std::filesystem::path p(dir);
    if (p.is_relative()) p = config.file.parent_path() / p;
    p = p.lexically_normal();
    std::error_code ec;
    if (!std::filesystem::is_directory(p, ec)) {
      const toml::node* item = node->as_array()->get(index);
      r.diags().error(item ? position_of(r.file(), item->source()) : r.value_pos("plugin_dirs"),
                      error_id::kBadValue,
                      "plugin directory " + p.string() + " does not exist or is not a directory");
    }
    config.plugin_dirs.push_back(p);
    ++index;
  }
}

bool zone_exists(const std::string& zone) {
  if (zone == "UTC") return true;
  if (zone.empty() || zone.find("..") != std::string::npos || zone.front() == '/') return false;
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / zone, ec);
}

}  // namespace

const StorageInstance* DaemonConfig::find_storage(std::string_view name) const {
  for (const auto& s : storage) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

bool parse_listen(std::string_view text, std::string& host, std::uint16_t& port) {
  std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  std::string_view h = text.substr(0, colon);
  std::string_view p = text.substr(colon + 1);
  if (h.front() == '[') {
    if (h.size() < 3 || h.back() != ']') return false;
    h = h.substr(1, h.size() - 2);
  } else if (h.find(':') != std::string_view::npos) {
    return false;  // an IPv6 address needs brackets
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
  if (ec != std::errc() || end != p.data() + p.size() || value > 65535) return false;
  host = std::string(h);
  port = static_cast<std::uint16_t>(value);
  return true;
}

std::optional<toml::table> parse_toml_file(const std::filesystem::path& path, Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error({path, 0, 0}, error_id::kIo,
                "cannot open " + path.string() + ": no such readable file");
    return std::nullopt;
  }
  std::ostringstream content;
  content << in.rdbuf();
  try {
    return toml::parse(content.str(), path.string());
  } catch (const toml::parse_error& err) {
    diags.error(position_of(path, err.source()), error_id::kParse,
                "TOML syntax error: " + std::string(err.description()));
    return std::nullopt;
  }
}

DaemonConfig load_daemon_config(const std::filesystem::path& path, Diagnostics& diags) {
  DaemonConfig config;
  config.file = path.lexically_normal();
  const std::filesystem::path dir = config.file.parent_path();
  config.projects_dir = (dir / "projects").lexically_normal();
  config.reviewers_file = (dir / "reviewers.toml").lexically_normal();
  auto table = parse_toml_file(config.file, diags);
  if (!table) return config;
  config.parsed = true;

  TableReader r(*table, config.file, diags);
  if (auto listen = r.string("listen")) {
    if (!parse_listen(*listen, config.listen_host, config.listen_port)) {
      r.bad_value("listen", "'" + *listen +
                                "' is not HOST:PORT (e.g. 127.0.0.1:8080 or "
                                "[::1]:8080)");
    }
  }
  if (auto state = r.path("state", true)) config.state = *state;
  read_plugin_dirs(r, config);
  read_storage(r, config.storage);
  if (auto secret = read_secret(r, "admin_token", false, "the admin token")) {
    config.admin_token = *secret;
  }
  read_log(r, config.log);
  read_http(r, config.http);
  if (auto zone = r.non_empty_string("timezone")) {
    if (zone_exists(*zone))
      config.timezone = *zone;
    else
      r.bad_value("timezone", "'" + *zone + "' is not a known time zone (e.g. UTC, Europe/Paris)");
  }
  if (auto p = r.path("projects_dir")) config.projects_dir = *p;
  if (auto p = r.path("reviewers")) config.reviewers_file = *p;
  r.finish();
  return config;
}

}  // namespace labelflow::config
