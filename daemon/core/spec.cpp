#include "core/spec.hpp"

#include <set>

namespace labelflow::core {

std::vector<StageSpec> default_pipeline() {
  StageSpec review;
  review.kind = StageKind::review;
  review.name = "review";
  review.roles = static_cast<RoleMask>(Role::primary);
  review.reviewers = 2;
  StageSpec qa;
  qa.kind = StageKind::adjudicate;
  qa.name = "adjudicate";
  qa.roles = static_cast<RoleMask>(Role::qa);
  qa.when = AdjudicateWhen::always;
  return {review, qa};
}

ProjectSpec with_defaults(ProjectSpec spec) {
  if (spec.stages.empty()) spec.stages = default_pipeline();
  for (auto& s : spec.stages) {
    if (s.name.empty()) s.name = s.kind == StageKind::review ? "review" : "adjudicate";
    if (s.kind == StageKind::review && s.max_reviewers == 0) s.max_reviewers = s.reviewers;
    if (s.kind != StageKind::review) s.reviewers = 1;
  }
  return spec;
}

std::vector<SpecError> validate(const ProjectSpec& spec, const std::vector<ReviewerSpec>& all) {
  std::vector<SpecError> errors;
  auto err = [&](std::string path, std::string msg) {
    errors.push_back({std::move(path), std::move(msg)});
  };
  if (spec.id.empty()) err("id", "project id is empty");
  if (spec.labels.empty()) err("labels", "a project needs at least one label");
  std::set<std::string> seen(spec.labels.begin(), spec.labels.end());
  if (seen.size() != spec.labels.size()) err("labels", "label names must be unique");
  if (spec.expert_domains.size() > kMaxExpertDomains) {
    err("expert_domains", "at most " + std::to_string(kMaxExpertDomains) + " expert domains");
  }
  if (spec.stages.empty() || spec.stages.size() > kMaxStages) {
    err("pipeline", "between 1 and " + std::to_string(kMaxStages) + " stages");
  }
  if (!spec.stages.empty() && spec.stages.front().kind != StageKind::review) {
    err("pipeline[0]", "the first stage must be a review stage");
  }
  for (std::size_t i = 0; i < spec.stages.size(); ++i) {
    const auto& s = spec.stages[i];
    const std::string p = "pipeline[" + std::to_string(i) + "]";
    if (s.kind == StageKind::escalate) err(p + ".kind", "escalation is implicit, not a stage");
    if (s.roles == 0) err(p + ".roles", "at least one role (primary, qa)");
    if (s.kind == StageKind::review) {
      if (s.reviewers < 1 || s.reviewers > 16) err(p + ".reviewers", "between 1 and 16");
      if (s.max_reviewers < s.reviewers || s.max_reviewers > 16) {
        err(p + ".max_reviewers", "between reviewers and 16");
      }
      if (s.add_reviewer_below && (*s.add_reviewer_below < 0 || *s.add_reviewer_below > 1)) {
        err(p + ".add_reviewer_below", "between 0 and 1");
      }
    }
    if (s.sample_rate < 0 || s.sample_rate > 1) err(p + ".sample_rate", "between 0 and 1");
    if (s.agree_threshold < 0 || s.agree_threshold > 1) {
      err(p + ".agree_threshold", "between 0 and 1");
    }
  }
  if (spec.lease_ttl_seconds < 1) err("lease.lease_ttl_seconds", "at least 1");
  if (spec.max_leases_per_reviewer < 1) err("lease.max_leases_per_reviewer", "at least 1");
  std::set<std::string> ids;
  for (const auto& r : all) ids.insert(r.id);
  for (std::size_t i = 0; i < spec.members.size(); ++i) {
    if (!ids.count(spec.members[i])) {
      err("members[" + std::to_string(i) + "]", "unknown reviewer '" + spec.members[i] + "'");
    }
  }
  return errors;
}

}  // namespace labelflow::core
