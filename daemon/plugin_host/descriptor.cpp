// LoadError and PluginDescriptor printing: the lines users see in logs and --list-plugins.
#include "plugin_host/registry.hpp"

namespace labelflow::plugin_host {

std::string LoadError::to_string() const {
  // Errors about no file in particular (an unknown plugin name) read "ID: MESSAGE".
  std::string out = path.empty() ? std::string() : path.string() + ": ";
  out += id;
  out += ": ";
  out += message;
  return out;
}

std::string PluginDescriptor::list_line() const {
  std::string out = sdk::kind_name(kind);
  out += ' ';
  out += name;
  out += ' ';
  out += version;
  out += " abi=";
  out += std::to_string(abi_major);
  out += '.';
  out += std::to_string(abi_minor);
  out += ' ';
  out += path.string();
  return out;
}

}  // namespace labelflow::plugin_host
