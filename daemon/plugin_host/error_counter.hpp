// The counter behind plugin_error_count(): every exception or contract violation that came out
// of plugin code. Internal to the plugin host.
#pragma once

namespace labelflow::plugin_host::detail {

void note_plugin_error() noexcept;

}  // namespace labelflow::plugin_host::detail
