#include "plugin_host/library_loader.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <exception>
#include <labelflow/sdk/label_type.hpp>
#include <string_view>

namespace labelflow::plugin_host::detail {
namespace fs = std::filesystem;

namespace {

std::string abi_text(std::uint32_t major, std::uint32_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

std::string boost_text(std::uint32_t v) {
  return std::to_string(v / 100) + "." + std::to_string(v % 100);
}

// The dlerror text inside Boost.DLL's exception message, or the whole message.
std::string dlerror_text(const std::exception& e) {
  std::string_view what = e.what();
  constexpr std::string_view kMarker = "dlerror system message: ";
  auto at = what.find(kMarker);
  if (at == std::string_view::npos) return std::string(what);
  what.remove_prefix(at + kMarker.size());
  if (!what.empty() && what.back() == ')') what.remove_suffix(1);
  return std::string(what);
}

LoadError error(const char* id, const fs::path& shown, std::string message) {
  return LoadError{id, shown, std::move(message)};
}

bool valid_kind(sdk::PluginKind k) {
  return k == sdk::PluginKind::label_type || k == sdk::PluginKind::storage ||
         k == sdk::PluginKind::router;
}

}  // namespace

std::variant<LoadedLibrary, LoadError> open_library(const fs::path& shown,
                                                    const fs::path& canonical) {
  LoadedLibrary out;
  try {
    out.library = std::make_shared<boost::dll::shared_library>(
        canonical, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    return error(error_id::kOpenFailed, shown,
                 "could not be loaded (" + dlerror_text(e) +
                     "): install its missing dependencies or rebuild it against the installed SDK");
  }

  for (const char* entry : {sdk::kInfoEntry, sdk::kCreateEntry, sdk::kDestroyEntry}) {
    if (!out.library->has(entry)) {
      return error(
          error_id::kEntryMissing, shown,
          std::string("has no entry point ") + entry +
              ", so it is not a labelflow plugin: add LABELFLOW_PLUGIN(Class, \"name\", "
              "\"version\") to one of its sources, or remove it from the plugin directory");
    }
  }
  const sdk::PluginInfo* info = nullptr;
  try {
    auto& info_fn = out.library->get_alias<sdk::InfoFn>(sdk::kInfoEntry);
    out.create = &out.library->get_alias<sdk::CreateFn>(sdk::kCreateEntry);
    out.destroy = &out.library->get_alias<sdk::DestroyFn>(sdk::kDestroyEntry);
    info = info_fn();
  } catch (const std::exception& e) {
    return error(error_id::kEntryMissing, shown,
                 "has unusable entry points (" + dlerror_text(e) +
                     "): rebuild it with LABELFLOW_PLUGIN from the installed SDK");
  }
  if (info == nullptr) {
    return error(error_id::kEntryMissing, shown,
                 std::string("returned no info record from ") + sdk::kInfoEntry +
                     ": rebuild it with LABELFLOW_PLUGIN from the installed SDK");
  }

  // Only abi_major and abi_minor are read before the major is known to match (abi.hpp).
  if (info->abi_major != sdk::kAbiMajor || info->abi_minor > sdk::kAbiMinor) {
    return error(error_id::kAbiMismatch, shown,
                 "built for SDK ABI " + abi_text(info->abi_major, info->abi_minor) +
                     "; this daemon speaks " + abi_text(sdk::kAbiMajor, sdk::kAbiMinor) +
                     ": rebuild it against the installed SDK");
  }
  const std::string_view stdlib = info->stdlib_abi != nullptr ? info->stdlib_abi : "(none)";
  if (stdlib != LABELFLOW_SDK_STDLIB_ABI) {
    return error(error_id::kToolchainMismatch, shown,
                 "built with C++ standard library ABI " + std::string(stdlib) +
                     "; this daemon uses " + LABELFLOW_SDK_STDLIB_ABI +
                     ": rebuild it with the daemon's compiler and standard library");
  }
  if (info->boost_version != sdk::kBoostVersion) {
    return error(error_id::kToolchainMismatch, shown,
                 "built with Boost " + boost_text(info->boost_version) +
                     "; this daemon uses Boost " + boost_text(sdk::kBoostVersion) +
                     ": rebuild it against Boost " + boost_text(sdk::kBoostVersion));
  }
  if (!valid_kind(info->kind)) {
    return error(error_id::kWrongKind, shown,
                 "declares plugin kind " + std::to_string(static_cast<std::uint32_t>(info->kind)) +
                     "; expected label_type, storage or router: rebuild it with LABELFLOW_PLUGIN "
                     "from the installed SDK");
  }
  if (info->name == nullptr || *info->name == '\0') {
    return error(error_id::kEntryMissing, shown,
                 "declares an empty plugin name: give LABELFLOW_PLUGIN a name");
  }

  const std::string compiler = info->compiler != nullptr ? info->compiler : "unknown";
  if (compiler != LABELFLOW_SDK_COMPILER) {
    spdlog::info("plugin {}: built with {}, the daemon with {} (allowed; noted for support)",
                 shown.string(), compiler, LABELFLOW_SDK_COMPILER);
  }
  out.canonical = canonical;
  out.descriptor.kind = info->kind;
  out.descriptor.name = info->name;
  out.descriptor.version = info->version != nullptr ? info->version : "";
  out.descriptor.abi_major = info->abi_major;
  out.descriptor.abi_minor = info->abi_minor;
  out.descriptor.compiler = compiler;
  out.descriptor.path = shown;
  return out;
}

std::variant<void*, std::string> create_raw(const LoadedLibrary& lib) noexcept {
  std::array<char, 1024> message{};
  void* object = nullptr;
  int rc = 1;
  try {
    rc = lib.create(&object, message.data(), message.size());
  } catch (...) {
    // The SDK's create is noexcept; a hand-written one might not be.
    return std::string("its create entry point threw");
  }
  if (rc != 0 || object == nullptr) {
    message.back() = '\0';
    std::string text = message.data();
    return text.empty() ? std::string("create returned ") + std::to_string(rc) : text;
  }
  return object;
}

fs::path find_widget(const LoadedLibrary& lib) {
  const fs::path dir = lib.descriptor.path.parent_path();
  std::string named;
  auto raw = create_raw(lib);
  if (auto* object = std::get_if<void*>(&raw)) {
    auto label_type = adopt<sdk::LabelType>(lib, *object);
    try {
      named = label_type->widget();
    } catch (const std::exception& e) {
      spdlog::warn("plugin '{}' (label_type) threw in widget: {}", lib.descriptor.name, e.what());
    } catch (...) {
      spdlog::warn("plugin '{}' (label_type) threw in widget", lib.descriptor.name);
    }
  }
  std::error_code ec;
  if (!named.empty()) {
    // Only a plain file name beside the library; never a path that leaves the directory.
    if (fs::path(named).filename() == fs::path(named) && named != "." && named != "..") {
      if (fs::is_regular_file(dir / named, ec)) return dir / named;
    }
    spdlog::warn("plugin '{}': widget file '{}' is not beside {}; the UI falls back to JSON",
                 lib.descriptor.name, named, lib.descriptor.path.string());
  }
  fs::path conventional = dir / (lib.descriptor.name + ".widget.js");
  if (fs::is_regular_file(conventional, ec)) return conventional;
  return {};
}

}  // namespace labelflow::plugin_host::detail
