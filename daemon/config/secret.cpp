#include "config/secret.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace labelflow::config {
namespace {

std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  auto first = s.find_first_not_of(ws);
  if (first == std::string::npos) return {};
  auto last = s.find_last_not_of(ws);
  return s.substr(first, last - first + 1);
}

}  // namespace

std::string Secret::describe() const {
  if (source_.empty()) return "none";
  return value_ ? source_ : source_ + " (unset)";
}

std::optional<Secret> read_secret(TableReader& reader, const std::string& prefix, bool required,
                                  const std::string& what) {
  const std::string env_key = prefix + "_env";
  const std::string file_key = prefix + "_file";
  if (reader.get(prefix) != nullptr) {
    reader.diags().error(reader.key_pos(prefix), error_id::kSecretLiteral,
                         reader.describe(prefix) + ": " + what +
                             " is never written in a config file; name an environment variable "
                             "with '" +
                             env_key + "' or a file with '" + file_key + "'");
  }
  auto env_name = reader.non_empty_string(env_key);
  auto file = reader.path(file_key);
  const bool has_env = reader.raw().contains(env_key);
  const bool has_file = reader.raw().contains(file_key);
  if (has_env && has_file) {
    reader.diags().error(
        reader.key_pos(file_key), error_id::kConflict,
        "give either '" + env_key + "' or '" + file_key + "' for " + what + ", not both");
    return std::nullopt;
  }
  if (!has_env && !has_file) {
    if (required) {
      reader.diags().error(reader.table_pos(), error_id::kMissingKey,
                           "missing '" + env_key + "' or '" + file_key + "' for " + what);
    }
    return std::nullopt;
  }
  if (env_name) {
    const char* value = std::getenv(env_name->c_str());
    if (value == nullptr || *value == '\0') {
      reader.diags().warning(
          reader.value_pos(env_key), error_id::kSecretUnset,
          "environment variable " + *env_name + " (" + what +
              ") is not set: nobody can sign in with it until the daemon is restarted "
              "with it set");
      return Secret("env " + *env_name, std::nullopt);
    }
    return Secret("env " + *env_name, trim(value));
  }
  if (file) {
    std::ifstream in(*file, std::ios::binary);
    std::ostringstream content;
    if (in) content << in.rdbuf();
    std::string value = trim(content.str());
    if (!in || value.empty()) {
      reader.diags().error(reader.value_pos(file_key), error_id::kSecretUnreadable,
                           "cannot read " + what + " from " + file->string() +
                               (in ? ": the file is empty" : ": no such readable file"));
      return std::nullopt;
    }
    return Secret("file " + file->string(), std::move(value));
  }
  return std::nullopt;  // wrong type, already reported
}

}  // namespace labelflow::config
