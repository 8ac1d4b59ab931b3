// Secret: a token or signing key read from an environment variable or a file when the
// configuration loads. The value is reachable only through reveal(); describe() names where it
// came from and never the value, so printing or logging a config cannot leak it.
#pragma once

#include <optional>
#include <string>

#include "config/table_reader.hpp"

namespace labelflow::config {

class Secret {
 public:
  Secret() = default;
  Secret(std::string source, std::optional<std::string> value)
      : source_(std::move(source)), value_(std::move(value)) {}

  // True when a value was found (an unset environment variable leaves it empty).
  bool has_value() const noexcept { return value_.has_value(); }
  // REQUIRES: has_value(). Use only to compare or sign; never print or log the result.
  const std::string& reveal() const { return *value_; }
  // "env LABELFLOW_TOKEN_ALICE", "file /etc/labelflow/alice.token" or "none", plus
  // " (unset)" when nothing was found.
  std::string describe() const;

 private:
  std::string source_;
  std::optional<std::string> value_;
};

// Reads a secret from `<prefix>_env` or `<prefix>_file` (exactly one must be given when
// `required`; never both). A key named `prefix` itself (a literal secret) is refused with
// `config.secret_literal`. An unset environment variable is a `config.secret_unset` warning: the
// secret stays empty (e.g. that reviewer cannot sign in). An unreadable or empty file is a
// `config.secret_unreadable` error. Surrounding whitespace (a trailing newline) is trimmed.
std::optional<Secret> read_secret(TableReader& reader, const std::string& prefix, bool required,
                                  const std::string& what);

}  // namespace labelflow::config
