// The engine's own typed view of a project and its reviewers. The app fills these from the
// TOML config (daemon/config); the engine never reads files. validate() reports every problem
// with the field it concerns, so a config layer can map it back to file:line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace labelflow::core {

enum class Role : std::uint8_t { primary = 1, qa = 2 };
using RoleMask = std::uint8_t;  // bit set of Role values

enum class StageKind : std::uint8_t { review, adjudicate, escalate };
enum class AdjudicateWhen : std::uint8_t { always, disagreement };

struct StageSpec {
  StageKind kind = StageKind::review;
  std::string name;  // shown in exports; default "review" / "adjudicate"
  RoleMask roles = static_cast<RoleMask>(Role::primary);
  // review
  int reviewers = 2;
  std::optional<double> add_reviewer_below;  // add one reviewer while agreement is below
  int max_reviewers = 0;                     // 0 = reviewers (no growth)
  // adjudicate
  AdjudicateWhen when = AdjudicateWhen::always;
  double sample_rate = 0.0;  // share of agreeing rows adjudicated anyway (when = disagreement)
  // both: the stage disagrees when its agreement is below this
  double agree_threshold = 1.0;
};

struct ProjectSpec {
  std::string id;
  std::vector<std::string> labels;          // label names, in schema order
  std::vector<std::string> expert_domains;  // at most kMaxExpertDomains
  std::vector<StageSpec> stages;            // empty = default pipeline
  std::vector<std::string> members;         // reviewer ids; empty = every reviewer
  std::int64_t lease_ttl_seconds = 1800;
  int max_leases_per_reviewer = 1;
  std::vector<std::string> skip_reasons;
  std::uint64_t seed = 0;  // for deterministic sampling
};

struct ReviewerSpec {
  std::string id;
  RoleMask roles = static_cast<RoleMask>(Role::primary);
  std::vector<std::string> expertise;  // domains
  double hourly_rate = 0.0;
  double weekly_min_hours = 0.0;
};

inline constexpr std::size_t kMaxExpertDomains = 32;
inline constexpr std::size_t kMaxStages = 16;

inline bool has_role(RoleMask mask, Role r) { return (mask & static_cast<RoleMask>(r)) != 0; }

// The seed's workflow: two blind primaries, then QA always.
std::vector<StageSpec> default_pipeline();

// Fills defaults (empty stages -> default pipeline; max_reviewers 0 -> reviewers; names).
ProjectSpec with_defaults(ProjectSpec spec);

struct SpecError {
  std::string path;  // e.g. "pipeline[1].sample_rate"
  std::string message;
};
// Every problem of a (defaulted) spec; empty when usable.
std::vector<SpecError> validate(const ProjectSpec& spec, const std::vector<ReviewerSpec>& all);

}  // namespace labelflow::core
