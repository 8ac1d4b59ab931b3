#include <algorithm>
#include <functional>

#include "config/pipeline.hpp"

namespace labelflow::config {
namespace {

struct Slot {
  const Stage* stage;
  std::vector<std::size_t> candidates;  // indexes into the member list
};

// Maximum bipartite matching of slots to distinct members (augmenting paths; rows need a
// handful of slots, so the simple algorithm is plenty).
std::size_t max_matching(const std::vector<Slot>& slots, std::size_t member_count) {
  std::vector<std::ptrdiff_t> owner(member_count, -1);
  std::size_t matched = 0;
  for (std::size_t s = 0; s < slots.size(); ++s) {
    std::vector<bool> seen(member_count, false);
    std::function<bool(std::size_t)> augment = [&](std::size_t slot) {
      for (std::size_t m : slots[slot].candidates) {
        if (seen[m]) continue;
        seen[m] = true;
        if (owner[m] < 0 || augment(static_cast<std::size_t>(owner[m]))) {
          owner[m] = static_cast<std::ptrdiff_t>(slot);
          return true;
        }
      }
      return false;
    };
    if (augment(s)) ++matched;
  }
  return matched;
}

bool holds_any(const Reviewer& r, const std::vector<std::string>& roles) {
  return std::any_of(roles.begin(), roles.end(),
                     [&](const auto& role) { return r.has_role(role); });
}

std::vector<Slot> make_slots(const std::vector<Stage>& stages,
                             const std::vector<const Reviewer*>& members, bool with_extra) {
  std::vector<Slot> slots;
  for (const auto& stage : stages) {
    std::int64_t count = stage.kind == StageKind::adjudicate ? 1
                         : with_extra                        ? stage.max_reviewers
                                                             : stage.reviewers;
    Slot slot{&stage, {}};
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (holds_any(*members[m], stage.roles)) slot.candidates.push_back(m);
    }
    for (std::int64_t i = 0; i < count; ++i) slots.push_back(slot);
  }
  return slots;
}

std::string describe_need(const std::vector<Stage>& stages, bool with_extra) {
  std::string out;
  for (const auto& stage : stages) {
    std::int64_t count = stage.kind == StageKind::adjudicate ? 1
                         : with_extra                        ? stage.max_reviewers
                                                             : stage.reviewers;
    std::string roles;
    for (const auto& role : stage.roles) roles += (roles.empty() ? "" : "/") + role;
    out += (out.empty() ? "" : ", ") + std::string("'") + stage.name + "' " +
           std::to_string(count) + " x " + roles;
  }
  return out;
}

// True when some slot can be given to an expert in `domain` while every other slot still gets a
// distinct member.
bool expert_fits(std::vector<Slot> slots, const std::vector<const Reviewer*>& members,
                 const std::string& domain) {
  for (auto& slot : slots) {
    std::vector<std::size_t> saved = slot.candidates;
    std::erase_if(slot.candidates,
                  [&](std::size_t m) { return !members[m]->has_expertise(domain); });
    bool fits = !slot.candidates.empty() && max_matching(slots, members.size()) == slots.size();
    slot.candidates = std::move(saved);
    if (fits) return true;
  }
  return false;
}

}  // namespace

void check_staffing(const Project& project, const ReviewerSet& reviewers, Diagnostics& diags) {
  std::vector<const Reviewer*> members;
  for (const auto& id : project.members) {
    if (const Reviewer* r = reviewers.find(id)) members.push_back(r);
  }
  const Position staff_where =
      project.members_where.line != 0 ? project.members_where : project.pipeline_where;

  bool roles_ok = true;
  for (const auto& stage : project.pipeline) {
    bool someone = std::any_of(members.begin(), members.end(),
                               [&](const Reviewer* r) { return holds_any(*r, stage.roles); });
    if (!someone) {
      roles_ok = false;
      std::string roles;
      for (const auto& role : stage.roles) roles += (roles.empty() ? "" : " or ") + role;
      diags.error(project.default_pipeline ? staff_where : stage.where, error_id::kNoRoleMember,
                  "stage '" + stage.name + "' needs a reviewer with role " + roles +
                      " but no member of project '" + project.id + "' has it");
    }
  }
  for (const auto& domain : project.expert_domains) {
    bool any = std::any_of(members.begin(), members.end(),
                           [&](const Reviewer* r) { return r->has_expertise(domain); });
    if (!any) {
      diags.error(project.expert_domains_where, error_id::kNoExpert,
                  "expert domain '" + domain + "' has no expert among the members of project '" +
                      project.id + "'; give a member expertise \"" + domain +
                      "\" in the reviewers file");
    }
  }
  if (!roles_ok || project.pipeline.empty()) return;

  std::vector<Slot> slots = make_slots(project.pipeline, members, false);
  std::size_t filled = max_matching(slots, members.size());
  if (filled < slots.size()) {
    diags.error(staff_where, error_id::kTooFewMembers,
                "a row of project '" + project.id + "' needs " + std::to_string(slots.size()) +
                    " distinct reviewers (" + describe_need(project.pipeline, false) +
                    ") but its members can fill only " + std::to_string(filled));
    return;
  }
  std::vector<Slot> extra = make_slots(project.pipeline, members, true);
  std::size_t extra_filled = max_matching(extra, members.size());
  if (extra_filled < extra.size()) {
    diags.warning(staff_where, error_id::kTooFewMembers,
                  "with every reviewer add_reviewer_below may add, a row of project '" +
                      project.id + "' needs " + std::to_string(extra.size()) +
                      " distinct reviewers (" + describe_need(project.pipeline, true) +
                      ") but its members can fill only " + std::to_string(extra_filled) +
                      "; the extra reviewers will be skipped");
  }

  for (const auto& domain : project.expert_domains) {
    bool any = std::any_of(members.begin(), members.end(),
                           [&](const Reviewer* r) { return r->has_expertise(domain); });
    if (any && !expert_fits(slots, members, domain)) {
      diags.error(project.expert_domains_where, error_id::kNoExpert,
                  "no expert in '" + domain +
                      "' can take a stage of a row together with the "
                      "other reviewers (check the experts' roles); specialized rows could never "
                      "get one (I3)");
    }
  }
}

}  // namespace labelflow::config
