// A small parser for `--flag value`, `--flag=value` and boolean `--flag` options, and (when
// allowed) positional arguments such as a project or task id.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace labelflow::cli {

class Arguments {
 public:
  // `with_value`: flags that take a value; `switches`: flags that do not.
  Arguments(std::set<std::string, std::less<>> with_value,
            std::set<std::string, std::less<>> switches, bool positionals = false)
      : with_value_(std::move(with_value)),
        switches_(std::move(switches)),
        allow_positionals_(positionals) {}

  // Parses `args`; on failure returns a one-line message ("unknown option --x").
  std::optional<std::string> parse(std::span<const std::string> args);

  std::optional<std::string> value(std::string_view flag) const;
  bool has(std::string_view flag) const;
  // The arguments that are not flags or flag values, in order (only with positionals = true).
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  std::set<std::string, std::less<>> with_value_;
  std::set<std::string, std::less<>> switches_;
  std::map<std::string, std::string, std::less<>> values_;
  std::set<std::string, std::less<>> present_;
  bool allow_positionals_ = false;
  std::vector<std::string> positionals_;
};

}  // namespace labelflow::cli
