// A plugin that defines the SDK's aliases by hand, so its info record can be wrong in exactly
// one way (Boost version, standard library ABI, kind) or one entry point can be left out.
#include <boost/dll/alias.hpp>
#include <cstring>
#include <labelflow/sdk/abi.hpp>

#ifndef HAND_BOOST
#define HAND_BOOST ::labelflow::sdk::kBoostVersion
#endif
#ifndef HAND_STDLIB
#define HAND_STDLIB LABELFLOW_SDK_STDLIB_ABI
#endif
#ifndef HAND_KIND
#define HAND_KIND 1
#endif

namespace hand {

const labelflow::sdk::PluginInfo* info() noexcept {
  static const labelflow::sdk::PluginInfo record = {
      labelflow::sdk::kAbiMajor,
      labelflow::sdk::kAbiMinor,
      static_cast<labelflow::sdk::PluginKind>(HAND_KIND),
      HAND_BOOST,
      TEST_PLUGIN_NAME,
      "0.0.1",
      HAND_STDLIB,
      "hand-written"};
  return &record;
}

int create(void** out, char* error, std::size_t size) noexcept {
  *out = nullptr;
  std::strncpy(error, "this test plugin makes no objects", size - 1);
  error[size - 1] = '\0';
  return 1;
}

void destroy(void*) noexcept {}

}  // namespace hand

BOOST_DLL_ALIAS(hand::info, labelflow_plugin_info)
#ifndef HAND_OMIT_CREATE
BOOST_DLL_ALIAS(hand::create, labelflow_plugin_create)
#endif
BOOST_DLL_ALIAS(hand::destroy, labelflow_plugin_destroy)
