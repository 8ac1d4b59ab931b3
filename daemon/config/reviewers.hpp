// Reviewers: configs/reviewers.toml, the people every project draws its members from.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config/diagnostics.hpp"
#include "config/secret.hpp"

namespace labelflow::config {

inline constexpr const char* kRolePrimary = "primary";
inline constexpr const char* kRoleQa = "qa";

struct Reviewer {
  std::string id;
  std::string name;
  std::vector<std::string> roles;      // non-empty subset of {primary, qa}
  std::vector<std::string> expertise;  // domains
  double hourly_rate = 0.0;
  double weekly_min_hours = 0.0;
  Secret token;  // from token_env / token_file; may be unset (that reviewer cannot sign in)
  Position where;

  bool has_role(std::string_view role) const;
  bool has_expertise(std::string_view domain) const;
};

struct ReviewerSet {
  std::filesystem::path file;
  std::vector<Reviewer> reviewers;

  const Reviewer* find(std::string_view id) const;
};

// Parses and checks the reviewers file; every problem goes to `diags`. Reviewers with errors
// are still returned when their id could be read, so projects naming them are not flagged too.
ReviewerSet load_reviewers(const std::filesystem::path& path, Diagnostics& diags);

// True for ids usable in URLs and reports: [A-Za-z0-9][A-Za-z0-9_.-]*, at most 64 characters.
bool valid_id(std::string_view id);

}  // namespace labelflow::config
