// The binary contract between labelflowd and a plugin library: versions, the info record and
// the signatures of the three exported entry points. Declared here once; both the export
// macro (plugin.hpp) and the daemon's loader use these declarations.
#pragma once

#include <boost/version.hpp>

#include <cstddef>
#include <cstdint>

// SDK ABI version. Major: incompatible change (the daemon refuses other majors). Minor:
// additions only; a plugin built for minor m loads into a daemon whose minor is >= m.
#ifndef LABELFLOW_SDK_ABI_MAJOR
#define LABELFLOW_SDK_ABI_MAJOR 1
#endif
#ifndef LABELFLOW_SDK_ABI_MINOR
#define LABELFLOW_SDK_ABI_MINOR 0
#endif

// The standard library's ABI: objects such as std::string and std::vector cross the boundary,
// so daemon and plugin must agree on their layout.
#if defined(_LIBCPP_VERSION)
#define LABELFLOW_SDK_STDLIB_ABI "libc++"
#elif defined(__GLIBCXX__) && defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
#define LABELFLOW_SDK_STDLIB_ABI "libstdc++/cxx11"
#elif defined(__GLIBCXX__)
#define LABELFLOW_SDK_STDLIB_ABI "libstdc++/cow"
#else
#define LABELFLOW_SDK_STDLIB_ABI "unknown"
#endif

#define LABELFLOW_SDK_STRINGIFY2(x) #x
#define LABELFLOW_SDK_STRINGIFY(x) LABELFLOW_SDK_STRINGIFY2(x)
#if defined(__clang__)
#define LABELFLOW_SDK_COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define LABELFLOW_SDK_COMPILER                                                         \
  "gcc " LABELFLOW_SDK_STRINGIFY(__GNUC__) "." LABELFLOW_SDK_STRINGIFY(__GNUC_MINOR__) \
      "." LABELFLOW_SDK_STRINGIFY(__GNUC_PATCHLEVEL__)
#else
#define LABELFLOW_SDK_COMPILER "unknown"
#endif

namespace labelflow::sdk {

inline constexpr std::uint32_t kAbiMajor = LABELFLOW_SDK_ABI_MAJOR;
inline constexpr std::uint32_t kAbiMinor = LABELFLOW_SDK_ABI_MINOR;
// Boost major*100 + minor, e.g. 181 for 1.81: boost::json values cross the boundary.
inline constexpr std::uint32_t kBoostVersion =
    BOOST_VERSION / 100000 * 100 + BOOST_VERSION / 100 % 1000;

enum class PluginKind : std::uint32_t {
  label_type = 1,
  storage = 2,
  router = 3,
};

inline const char* kind_name(PluginKind k) noexcept {
  switch (k) {
    case PluginKind::label_type: return "label_type";
    case PluginKind::storage: return "storage";
    case PluginKind::router: return "router";
  }
  return "unknown";
}

// Plain data returned by the info entry point. It is read before anything else is called.
// Layout rule: abi_major and abi_minor stay the first two fields in every ABI version, so a
// daemon can read them from any plugin and refuse a major it does not speak before it reads
// the rest.
struct PluginInfo {
  std::uint32_t abi_major;
  std::uint32_t abi_minor;
  PluginKind kind;
  std::uint32_t boost_version;  // kBoostVersion of the plugin's build
  const char* name;             // registered name, e.g. "ner"
  const char* version;          // the plugin's own version, e.g. "1.2.0"
  const char* stdlib_abi;       // LABELFLOW_SDK_STDLIB_ABI of the plugin's build
  const char* compiler;         // LABELFLOW_SDK_COMPILER; logged, never checked
};

// Entry-point names (Boost.DLL aliases) and signatures. The plugin defines them noexcept;
// the loader imports them through these non-noexcept types, a permitted conversion.
inline constexpr const char* kInfoEntry = "labelflow_plugin_info";
inline constexpr const char* kCreateEntry = "labelflow_plugin_create";
inline constexpr const char* kDestroyEntry = "labelflow_plugin_destroy";

// Returns the library's static info record.
using InfoFn = const PluginInfo*();
// Creates one plugin object. On success returns 0 and stores the object in *out: a
// LabelType*, Storage* or Router* (by the info's kind) converted to void*. On failure returns
// non-zero, stores null, and writes a NUL-terminated message of at most error_size bytes.
using CreateFn = int(void** out, char* error, std::size_t error_size);
// Destroys an object made by create, inside the library that allocated it.
using DestroyFn = void(void* object);

}  // namespace labelflow::sdk
