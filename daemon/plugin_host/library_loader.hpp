// Opening one plugin library and checking its entry points and info record (the checks that
// need the library loaded). Internal to the plugin host.
#pragma once

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <labelflow/sdk/abi.hpp>
#include <memory>
#include <string>
#include <variant>

#include "plugin_host/registry.hpp"

namespace labelflow::plugin_host::detail {

// A library that passed every check. Objects made from it hold `library` in their deleter, so
// the library stays loaded while the registry or any of its objects is alive.
struct LoadedLibrary {
  std::shared_ptr<boost::dll::shared_library> library;
  sdk::CreateFn* create = nullptr;
  sdk::DestroyFn* destroy = nullptr;
  std::filesystem::path canonical;
  PluginDescriptor descriptor;
};

// dlopen (RTLD_NOW | RTLD_LOCAL), then entry points, ABI version, toolchain and kind, in that
// order; the first failing check is returned. `shown` is the path users see.
std::variant<LoadedLibrary, LoadError> open_library(const std::filesystem::path& shown,
                                                    const std::filesystem::path& canonical);

// One raw object from the library's create entry point, or the plugin's message.
std::variant<void*, std::string> create_raw(const LoadedLibrary& lib) noexcept;

// An owning pointer whose deleter calls the library's destroy and keeps the library loaded.
template <class Interface>
std::shared_ptr<Interface> adopt(const LoadedLibrary& lib, void* raw) {
  auto destroy = lib.destroy;
  auto keep = lib.library;
  // The plugin converted an Interface* to void*, so converting back is exact.
  return std::shared_ptr<Interface>(
      static_cast<Interface*>(raw),
      [destroy, keep](Interface* p) noexcept { destroy(static_cast<void*>(p)); });
}

// For a label type: the widget file beside the library (the file named by widget(), else
// `<name>.widget.js`), or empty. Makes and destroys one unconfigured object to ask it.
std::filesystem::path find_widget(const LoadedLibrary& lib);

}  // namespace labelflow::plugin_host::detail
