#include "plugin_host/registry.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <system_error>

#include "plugin_host/error_counter.hpp"
#include "plugin_host/file_checks.hpp"
#include "plugin_host/library_loader.hpp"

namespace labelflow::plugin_host {
namespace fs = std::filesystem;

struct Registry::Impl {
  std::vector<std::shared_ptr<detail::LoadedLibrary>> libraries;  // load order

  const detail::LoadedLibrary* by_name(std::string_view name) const {
    for (const auto& lib : libraries) {
      if (lib->descriptor.name == name) return lib.get();
    }
    return nullptr;
  }
};

namespace {

// Finds the library for `name` of `kind`, or explains why there is none.
const detail::LoadedLibrary* lookup(const std::vector<std::shared_ptr<detail::LoadedLibrary>>& libs,
                                    sdk::PluginKind kind, std::string_view name,
                                    std::vector<LoadError>& errors) {
  for (const auto& lib : libs) {
    if (lib->descriptor.name != name) continue;
    if (lib->descriptor.kind == kind) return lib.get();
    errors.push_back({error_id::kWrongKind, lib->descriptor.path,
                      "plugin '" + std::string(name) + "' is a " +
                          sdk::kind_name(lib->descriptor.kind) + " plugin, but a " +
                          sdk::kind_name(kind) + " is needed here: name a " + sdk::kind_name(kind) +
                          " plugin instead"});
    return nullptr;
  }
  std::string known;
  for (const auto& lib : libs) {
    if (lib->descriptor.kind != kind) continue;
    known += known.empty() ? "" : ", ";
    known += lib->descriptor.name;
  }
  errors.push_back({error_id::kUnknownPlugin,
                    {},
                    "no " + std::string(sdk::kind_name(kind)) + " plugin named '" +
                        std::string(name) +
                        "' is loaded (loaded: " + (known.empty() ? std::string("none") : known) +
                        "): check the name or install the plugin into a plugin directory"});
  return nullptr;
}

std::string describe_option_errors(const std::vector<sdk::ConfigError>& errors) {
  std::string out;
  for (const auto& e : errors) {
    out += out.empty() ? "" : "; ";
    out += e.key.empty() ? std::string("(options)") : "'" + e.key + "'";
    out += ": " + e.message;
  }
  return out;
}

// Shared by the three create_* functions: create, wrap, configure under a guard.
template <class Interface, class Guarded>
Created<Guarded> create_object(const std::vector<std::shared_ptr<detail::LoadedLibrary>>& libs,
                               sdk::PluginKind kind, std::string_view name,
                               const boost::json::object& options) {
  Created<Guarded> out;
  const detail::LoadedLibrary* lib = lookup(libs, kind, name, out.errors);
  if (lib == nullptr) return out;
  const std::string label = "plugin '" + lib->descriptor.name + "' (" + sdk::kind_name(kind) + ")";
  auto raw = detail::create_raw(*lib);
  if (auto* message = std::get_if<std::string>(&raw)) {
    detail::note_plugin_error();
    spdlog::error("{} failed to create an object: {}", label, *message);
    out.errors.push_back({error_id::kCreateFailed, lib->descriptor.path,
                          label + " could not create an object: " + *message +
                              ": fix what the plugin reports, or reinstall it"});
    return out;
  }
  std::shared_ptr<Interface> object = detail::adopt<Interface>(*lib, std::get<void*>(raw));
  std::string thrown;
  try {
    out.option_errors = object->configure(options);
  } catch (const std::exception& e) {
    thrown = e.what();
  } catch (...) {
    thrown = "an exception that is not a std::exception";
  }
  if (!thrown.empty()) {
    detail::note_plugin_error();
    spdlog::error("{} threw in configure: {}", label, thrown);
    out.errors.push_back(
        {error_id::kCreateFailed, lib->descriptor.path,
         label + " threw in configure: " + thrown + ": report it to the plugin's authors"});
    return out;
  }
  if (!out.option_errors.empty()) {
    // Reported through option_errors only (one per key, each under kOptionsRefused), so that
    // callers can point at each key; a summary in `errors` would report them twice.
    spdlog::debug("{} refused its options: {}", label, describe_option_errors(out.option_errors));
    return out;
  }
  out.object = std::make_shared<Guarded>(std::move(object), lib->descriptor.name);
  return out;
}

}  // namespace

Registry::Registry() : impl_(std::make_unique<Impl>()) {}
Registry::~Registry() = default;

std::vector<LoadError> Registry::load_directories(const std::vector<fs::path>& dirs) {
  std::vector<LoadError> errors;
  for (const auto& dir : dirs) {
    std::vector<fs::path> files;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      errors.push_back({error_id::kOpenFailed, detail::shown_path(dir),
                        "plugin directory " + dir.string() + " cannot be read (" + ec.message() +
                            "): create it or fix the daemon's plugin directories"});
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->path().extension() == ".so") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
    for (const auto& file : files) {
      auto more = load_file(file, dirs);
      errors.insert(errors.end(), more.begin(), more.end());
    }
  }
  return errors;
}

std::vector<LoadError> Registry::load_file(const fs::path& path,
                                           const std::vector<fs::path>& allowed_dirs) {
  const fs::path shown = detail::shown_path(path);
  fs::path canonical;
  if (auto e = detail::check_location(path, allowed_dirs, canonical)) return {*e};
  // Loading the same file again (a reload, a directory listed twice) is a no-op: libraries are
  // never unloaded or replaced while the daemon runs.
  for (const auto& lib : impl_->libraries) {
    if (lib->canonical == canonical) return {};
  }
  if (auto e = detail::check_shared_object(shown, canonical)) return {*e};

  auto opened = detail::open_library(shown, canonical);
  if (auto* e = std::get_if<LoadError>(&opened)) return {*e};
  auto lib =
      std::make_shared<detail::LoadedLibrary>(std::get<detail::LoadedLibrary>(std::move(opened)));

  if (const auto* first = impl_->by_name(lib->descriptor.name)) {
    return {{error_id::kDuplicateName, shown,
             "plugin name '" + lib->descriptor.name + "' is already taken by " +
                 first->descriptor.path.string() +
                 ", so this file is not loaded: remove one of the two files or rename one plugin"}};
  }
  if (lib->descriptor.kind == sdk::PluginKind::label_type) {
    lib->descriptor.widget_path = detail::find_widget(*lib);
  }
  spdlog::info("loaded plugin {}", lib->descriptor.list_line());
  impl_->libraries.push_back(std::move(lib));
  return {};
}

std::vector<PluginDescriptor> Registry::plugins() const {
  std::vector<PluginDescriptor> out;
  out.reserve(impl_->libraries.size());
  for (const auto& lib : impl_->libraries) out.push_back(lib->descriptor);
  return out;
}

const PluginDescriptor* Registry::find(sdk::PluginKind kind, std::string_view name) const {
  const auto* lib = impl_->by_name(name);
  return lib != nullptr && lib->descriptor.kind == kind ? &lib->descriptor : nullptr;
}

Created<GuardedLabelType> Registry::create_label_type(std::string_view name,
                                                      const boost::json::object& options) const {
  return create_object<sdk::LabelType, GuardedLabelType>(
      impl_->libraries, sdk::PluginKind::label_type, name, options);
}

Created<GuardedStorage> Registry::create_storage(std::string_view name,
                                                 const boost::json::object& options) const {
  return create_object<sdk::Storage, GuardedStorage>(impl_->libraries, sdk::PluginKind::storage,
                                                     name, options);
}

Created<GuardedRouter> Registry::create_router(std::string_view name,
                                               const boost::json::object& options) const {
  return create_object<sdk::Router, GuardedRouter>(impl_->libraries, sdk::PluginKind::router, name,
                                                   options);
}

}  // namespace labelflow::plugin_host
