#include "service/runtime/spec_build.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>

namespace labelflow::service {
namespace {

core::RoleMask role_mask(const std::vector<std::string>& roles) {
  core::RoleMask mask = 0;
  for (const auto& r : roles) {
    if (r == config::kRolePrimary) mask |= static_cast<core::RoleMask>(core::Role::primary);
    if (r == config::kRoleQa) mask |= static_cast<core::RoleMask>(core::Role::qa);
  }
  return mask;
}

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

core::ProjectSpec project_spec(const config::Project& project) {
  core::ProjectSpec spec;
  spec.id = project.id;
  for (const auto& l : project.labels) spec.labels.push_back(l.name);
  spec.expert_domains = project.expert_domains;
  for (const auto& st : project.pipeline) {
    core::StageSpec s;
    s.kind = st.kind == config::StageKind::review ? core::StageKind::review
                                                   : core::StageKind::adjudicate;
    s.name = st.name;
    s.roles = role_mask(st.roles);
    s.reviewers = static_cast<int>(st.reviewers);
    s.add_reviewer_below = st.add_reviewer_below;
    s.max_reviewers = static_cast<int>(st.max_reviewers);
    s.when = st.when == config::AdjudicateWhen::always ? core::AdjudicateWhen::always
                                                        : core::AdjudicateWhen::disagreement;
    s.sample_rate = st.sample_rate;
    s.agree_threshold = st.agree_threshold;
    spec.stages.push_back(std::move(s));
  }
  spec.members = project.members;
  spec.lease_ttl_seconds = project.lease.ttl_seconds;
  spec.max_leases_per_reviewer = static_cast<int>(project.lease.max_leases_per_reviewer);
  spec.skip_reasons = project.skip_reasons;
  spec.seed = fnv1a(project.id);  // stable across restarts: sampling replays identically
  return core::with_defaults(std::move(spec));
}

std::vector<core::ReviewerSpec> reviewer_specs(const config::ReviewerSet& reviewers) {
  std::vector<core::ReviewerSpec> out;
  for (const auto& r : reviewers.reviewers) {
    core::ReviewerSpec s;
    s.id = r.id;
    s.roles = role_mask(r.roles);
    s.expertise = r.expertise;
    s.hourly_rate = r.hourly_rate;
    s.weekly_min_hours = r.weekly_min_hours;
    out.push_back(std::move(s));
  }
  return out;
}

std::string config_hash(const config::Project& project) {
  std::ifstream in(project.file, std::ios::binary);
  if (!in) return {};
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(bytes)));
  return buf;
}

}  // namespace labelflow::service
