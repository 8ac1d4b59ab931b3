// Registry: finds, checks and loads plugin libraries, and creates plugin objects from them.
//
// Plugins load only from the configured directories. Every refusal is a LoadError with a stable
// ID and one sentence naming the file, what was expected and what to do. Checks that need no
// loading (location, file type) run before dlopen. A library stays loaded as long as the
// registry or any object it made is alive, and is never unloaded by a reload.
//
// Thread safety: load_* are not thread-safe; after loading, find/plugins/create_* are safe to
// call from several threads.
#pragma once

#include "plugin_host/guarded.hpp"

#include <labelflow/sdk/abi.hpp>
#include <labelflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace labelflow::plugin_host {

// Stable IDs of load failures, documented in docs/plugins.md.
namespace error_id {
inline constexpr const char* kOutsidePluginDir = "plugin.outside_dir";
inline constexpr const char* kNotSharedLibrary = "plugin.not_shared_library";
inline constexpr const char* kOpenFailed = "plugin.open_failed";
inline constexpr const char* kEntryMissing = "plugin.entry_missing";
inline constexpr const char* kAbiMismatch = "plugin.abi_mismatch";
inline constexpr const char* kToolchainMismatch = "plugin.toolchain_mismatch";
inline constexpr const char* kWrongKind = "plugin.wrong_kind";
inline constexpr const char* kDuplicateName = "plugin.duplicate_name";
inline constexpr const char* kUnknownPlugin = "plugin.unknown";
inline constexpr const char* kOptionsRefused = "plugin.options_refused";
inline constexpr const char* kCreateFailed = "plugin.create_failed";
}  // namespace error_id

struct LoadError {
  std::string id;               // one of error_id
  std::filesystem::path path;   // the library concerned (empty when none, e.g. unknown name)
  std::string message;          // one line: what was found, what was expected, what to do
  std::string to_string() const;  // "PATH: ID: MESSAGE" ("ID: MESSAGE" when path is empty)
};

struct PluginDescriptor {
  sdk::PluginKind kind;
  std::string name;
  std::string version;
  std::uint32_t abi_major = 0;
  std::uint32_t abi_minor = 0;
  std::string compiler;
  std::filesystem::path path;
  std::filesystem::path widget_path;  // empty when the label type ships no widget
  // "KIND NAME VERSION abi=M.m PATH", the line --list-plugins prints.
  std::string list_line() const;
};

// The outcome of creating and configuring one plugin object.
template <class Guarded>
struct Created {
  std::shared_ptr<Guarded> object;          // null on failure
  // Keys the plugin refused in configure(); report each under error_id::kOptionsRefused.
  // When non-empty, object is null and `errors` is empty.
  std::vector<sdk::ConfigError> option_errors;
  std::vector<LoadError> errors;            // unknown plugin, wrong kind, create failed, ...
  bool ok() const { return object != nullptr; }
};

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Loads every *.so directly inside each directory (sorted by file name, not recursive).
  // Returns every failure; the good plugins are registered regardless.
  std::vector<LoadError> load_directories(const std::vector<std::filesystem::path>& dirs);

  // Loads one library, which must lie inside one of `allowed_dirs`.
  std::vector<LoadError> load_file(const std::filesystem::path& path,
                                   const std::vector<std::filesystem::path>& allowed_dirs);

  // All registered plugins in load order.
  std::vector<PluginDescriptor> plugins() const;
  const PluginDescriptor* find(sdk::PluginKind kind, std::string_view name) const;

  // Creates an object of the named plugin and configures it with `options`.
  Created<GuardedLabelType> create_label_type(std::string_view name,
                                              const boost::json::object& options) const;
  Created<GuardedStorage> create_storage(std::string_view name,
                                         const boost::json::object& options) const;
  Created<GuardedRouter> create_router(std::string_view name,
                                       const boost::json::object& options) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace labelflow::plugin_host
