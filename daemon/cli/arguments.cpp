#include "cli/arguments.hpp"

namespace labelflow::cli {

std::optional<std::string> Arguments::parse(std::span<const std::string> args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> inline_value;
    if (flag.rfind("--", 0) != 0) {
      if (!allow_positionals_) return "unexpected argument '" + flag + "'";
      positionals_.push_back(flag);
      continue;
    }
    if (auto eq = flag.find('='); eq != std::string::npos) {
      inline_value = flag.substr(eq + 1);
      flag.resize(eq);
    }
    if (present_.count(flag)) return "option " + flag + " given twice";
    if (switches_.count(flag)) {
      if (inline_value) return "option " + flag + " takes no value";
      present_.insert(flag);
      continue;
    }
    if (!with_value_.count(flag)) return "unknown option " + flag;
    if (!inline_value) {
      if (i + 1 >= args.size()) return "option " + flag + " needs a value";
      inline_value = args[++i];
    }
    present_.insert(flag);
    values_[flag] = *inline_value;
  }
  return std::nullopt;
}

std::optional<std::string> Arguments::value(std::string_view flag) const {
  auto it = values_.find(flag);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

bool Arguments::has(std::string_view flag) const { return present_.count(flag) > 0; }

}  // namespace labelflow::cli
