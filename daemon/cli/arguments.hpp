// A small parser for `--flag value`, `--flag=value` and boolean `--flag` options.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

namespace labelflow::cli {

class Arguments {
 public:
  // `with_value`: flags that take a value; `switches`: flags that do not.
  Arguments(std::set<std::string, std::less<>> with_value,
            std::set<std::string, std::less<>> switches)
      : with_value_(std::move(with_value)), switches_(std::move(switches)) {}

  // Parses `args`; on failure returns a one-line message ("unknown option --x").
  std::optional<std::string> parse(std::span<const std::string> args);

  std::optional<std::string> value(std::string_view flag) const;
  bool has(std::string_view flag) const;

 private:
  std::set<std::string, std::less<>> with_value_;
  std::set<std::string, std::less<>> switches_;
  std::map<std::string, std::string, std::less<>> values_;
  std::set<std::string, std::less<>> present_;
};

}  // namespace labelflow::cli
