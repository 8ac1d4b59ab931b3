// LABELFLOW_PLUGIN: the one line that turns a class into a loadable labelflow plugin.
//
//   class MyType final : public labelflow::sdk::LabelType { ... };
//   LABELFLOW_PLUGIN(MyType, "my_type", "1.0.0")
//
// Put it in exactly one .cpp file of the plugin's shared library. It defines the three
// entry points declared in abi.hpp as Boost.DLL aliases; they never let an exception escape.
#pragma once

#include <labelflow/sdk/abi.hpp>
#include <labelflow/sdk/label_type.hpp>
#include <labelflow/sdk/router.hpp>
#include <labelflow/sdk/storage.hpp>

#include <boost/dll/alias.hpp>

#include <cstring>
#include <exception>
#include <type_traits>

namespace labelflow::sdk::detail {

// The plugin interface a class implements, and its kind.
template <class T>
struct PluginTraits {
  static_assert(std::is_base_of_v<LabelType, T> || std::is_base_of_v<Storage, T> ||
                    std::is_base_of_v<Router, T>,
                "LABELFLOW_PLUGIN needs a class derived from LabelType, Storage or Router");
  using Interface = std::conditional_t<
      std::is_base_of_v<LabelType, T>, LabelType,
      std::conditional_t<std::is_base_of_v<Storage, T>, Storage, Router>>;
  static constexpr PluginKind kind =
      std::is_base_of_v<LabelType, T>
          ? PluginKind::label_type
          : (std::is_base_of_v<Storage, T> ? PluginKind::storage : PluginKind::router);
};

inline void copy_message(char* out, std::size_t size, const char* message) noexcept {
  if (out == nullptr || size == 0) return;
  std::strncpy(out, message, size - 1);
  out[size - 1] = '\0';
}

template <class T>
int create(void** out, char* error, std::size_t error_size) noexcept {
  using Interface = typename PluginTraits<T>::Interface;
  if (out == nullptr) return 1;
  *out = nullptr;
  try {
    Interface* object = new T();
    *out = static_cast<void*>(object);
    return 0;
  } catch (const std::exception& e) {
    copy_message(error, error_size, e.what());
  } catch (...) {
    copy_message(error, error_size, "unknown exception in the plugin's constructor");
  }
  return 1;
}

template <class T>
void destroy(void* object) noexcept {
  using Interface = typename PluginTraits<T>::Interface;
  delete static_cast<Interface*>(object);
}

}  // namespace labelflow::sdk::detail

#define LABELFLOW_PLUGIN(ClassName, NameLiteral, VersionLiteral)                             \
  namespace labelflow_plugin_entry {                                                         \
  const ::labelflow::sdk::PluginInfo* info() noexcept {                                      \
    static const ::labelflow::sdk::PluginInfo record = {                                     \
        ::labelflow::sdk::kAbiMajor,                                                         \
        ::labelflow::sdk::kAbiMinor,                                                         \
        ::labelflow::sdk::detail::PluginTraits<ClassName>::kind,                             \
        ::labelflow::sdk::kBoostVersion,                                                     \
        NameLiteral,                                                                         \
        VersionLiteral,                                                                      \
        LABELFLOW_SDK_STDLIB_ABI,                                                            \
        LABELFLOW_SDK_COMPILER};                                                             \
    return &record;                                                                          \
  }                                                                                          \
  int create(void** out, char* error, std::size_t error_size) noexcept {                     \
    return ::labelflow::sdk::detail::create<ClassName>(out, error, error_size);              \
  }                                                                                          \
  void destroy(void* object) noexcept { ::labelflow::sdk::detail::destroy<ClassName>(object); } \
  }                                                                                          \
  BOOST_DLL_ALIAS(labelflow_plugin_entry::info, labelflow_plugin_info)                       \
  BOOST_DLL_ALIAS(labelflow_plugin_entry::create, labelflow_plugin_create)                   \
  BOOST_DLL_ALIAS(labelflow_plugin_entry::destroy, labelflow_plugin_destroy)
