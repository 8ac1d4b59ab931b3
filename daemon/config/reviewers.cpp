#include "config/reviewers.hpp"

#include <algorithm>
#include <cctype>

#include "config/daemon_config.hpp"

namespace labelflow::config {

bool Reviewer::has_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Reviewer::has_expertise(std::string_view domain) const {
  return std::find(expertise.begin(), expertise.end(), domain) != expertise.end();
}

const Reviewer* ReviewerSet::find(std::string_view id) const {
  for (const auto& r : reviewers) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  if (std::isalnum(static_cast<unsigned char>(id.front())) == 0) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
  });
}

namespace {

void read_roles(TableReader& r, Reviewer& reviewer) {
  auto roles = r.string_list("roles", true);
  if (!roles) return;
  if (roles->empty()) r.bad_value("roles", "list at least one role: primary, qa");
  for (const auto& role : *roles) {
    if (role != kRolePrimary && role != kRoleQa) {
      r.bad_value("roles", "'" + role + "' is not a role; use primary and/or qa");
    } else {
      reviewer.roles.push_back(role);
    }
  }
}

void read_non_negative(TableReader& r, std::string_view key, double& out) {
  if (auto v = r.number(key)) {
    if (*v >= 0.0)
      out = *v;
    else
      r.bad_value(key, "must not be negative");
  }
}

}  // namespace

ReviewerSet load_reviewers(const std::filesystem::path& path, Diagnostics& diags) {
  ReviewerSet set;
  set.file = path.lexically_normal();
  auto table = parse_toml_file(set.file, diags);
  if (!table) return set;
  TableReader root(*table, set.file, diags);
  const toml::array* entries = root.table_array("reviewers", true);
  root.finish();
  if (entries == nullptr) return set;

  std::size_t index = 0;
  for (const toml::node& node : *entries) {
    ++index;
    TableReader r(*node.as_table(), set.file, diags,
                  "[[reviewers]] entry " + std::to_string(index));
    Reviewer reviewer;
    reviewer.where = r.table_pos();
    auto id = r.non_empty_string("id", true);
    if (id && !valid_id(*id)) {
      r.bad_value("id", "'" + *id +
                            "' is not a valid id (letters, digits, '_', '-', '.'; "
                            "starting with a letter or digit)");
    } else if (id && set.find(*id) != nullptr) {
      diags.error(r.value_pos("id"), error_id::kDuplicate,
                  "reviewer id '" + *id + "' is already used by another [[reviewers]] entry");
      id.reset();
    }
    reviewer.name = r.non_empty_string("name").value_or(id.value_or(""));
    read_roles(r, reviewer);
    if (auto expertise = r.string_list("expertise")) reviewer.expertise = *expertise;
    read_non_negative(r, "hourly_rate", reviewer.hourly_rate);
    read_non_negative(r, "weekly_min_hours", reviewer.weekly_min_hours);
    std::string what = "the token of reviewer '" + id.value_or("?") + "'";
    if (auto token = read_secret(r, "token", true, what)) reviewer.token = *token;
    r.finish();
    if (id) {
      reviewer.id = *id;
      set.reviewers.push_back(std::move(reviewer));
    }
  }
  return set;
}

}  // namespace labelflow::config
