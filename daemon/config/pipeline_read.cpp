#include <algorithm>

#include "config/pipeline.hpp"

namespace labelflow::config {

std::vector<Stage> default_pipeline() {
  Stage review;
  review.kind = StageKind::review;
  review.name = "review";
  review.roles = {kRolePrimary};
  review.reviewers = 2;
  review.max_reviewers = 2;
  Stage qa;
  qa.kind = StageKind::adjudicate;
  qa.name = "qa";
  qa.roles = {kRoleQa};
  qa.when = AdjudicateWhen::always;
  return {review, qa};
}

namespace {

const std::vector<std::string> kReviewOnly = {"reviewers", "add_reviewer_below", "max_reviewers"};
const std::vector<std::string> kAdjudicateOnly = {"when", "sample_rate"};

void check_unit_range(TableReader& r, std::string_view key, double value, const char* id) {
  if (value < 0.0 || value > 1.0) {
    r.diags().error(r.value_pos(key), id,
                    r.describe(key) + " must lie in [0, 1], found " + std::to_string(value));
  }
}

void refuse_keys(TableReader& r, const std::vector<std::string>& keys, const char* kind) {
  for (const auto& key : keys) {
    r.allow(key);
    if (r.raw().contains(key)) {
      r.diags().error(r.key_pos(key), error_id::kNotForStage,
                      r.describe(key) + " does not apply to a stage of kind '" + kind + "'");
    }
  }
}

void read_roles(TableReader& r, Stage& stage) {
  auto roles = r.string_list("roles");
  if (!roles) return;
  if (roles->empty()) {
    r.bad_value("roles", "list at least one role: primary, qa");
    return;
  }
  std::vector<std::string> good;
  for (const auto& role : *roles) {
    if (role == kRolePrimary || role == kRoleQa)
      good.push_back(role);
    else
      r.bad_value("roles", "'" + role + "' is not a role; use primary and/or qa");
  }
  if (!good.empty()) stage.roles = good;
}

void read_review(TableReader& r, Stage& stage) {
  refuse_keys(r, kAdjudicateOnly, "review");
  stage.roles = {kRolePrimary};
  read_roles(r, stage);
  if (auto n = r.integer("reviewers")) {
    if (*n >= 1 && *n <= 100)
      stage.reviewers = *n;
    else
      r.bad_value("reviewers", "must be between 1 and 100, found " + std::to_string(*n));
  }
  stage.add_reviewer_below = r.number("add_reviewer_below");
  if (stage.add_reviewer_below) {
    check_unit_range(r, "add_reviewer_below", *stage.add_reviewer_below, error_id::kBadThreshold);
  }
  // One extra reviewer by default when the stage may add one; otherwise exactly `reviewers`.
  stage.max_reviewers = stage.reviewers + (stage.add_reviewer_below ? 1 : 0);
  if (auto max = r.integer("max_reviewers")) {
    if (*max < stage.reviewers) {
      r.diags().error(r.value_pos("max_reviewers"), error_id::kMaxBelowReviewers,
                      r.describe("max_reviewers") + " (" + std::to_string(*max) +
                          ") is below reviewers (" + std::to_string(stage.reviewers) + ")");
    } else if (*max > 100) {
      r.bad_value("max_reviewers", "must be at most 100");
    } else {
      stage.max_reviewers = *max;
    }
  }
}

void read_adjudicate(TableReader& r, Stage& stage) {
  refuse_keys(r, kReviewOnly, "adjudicate");
  stage.roles = {kRoleQa};
  read_roles(r, stage);
  if (auto when = r.string("when")) {
    if (*when == "always")
      stage.when = AdjudicateWhen::always;
    else if (*when == "disagreement")
      stage.when = AdjudicateWhen::disagreement;
    else
      r.bad_value("when", "'" + *when + "' is not allowed; use always or disagreement");
  }
  if (auto rate = r.number("sample_rate")) {
    check_unit_range(r, "sample_rate", *rate, error_id::kBadRate);
    stage.sample_rate = std::clamp(*rate, 0.0, 1.0);
    if (stage.when == AdjudicateWhen::always) {
      r.diags().error(r.key_pos("sample_rate"), error_id::kNotForStage,
                      r.describe("sample_rate") +
                          " applies only with when = \"disagreement\" (every row is adjudicated "
                          "with when = \"always\")");
    }
  }
}

Stage read_stage(TableReader& r) {
  Stage stage;
  stage.where = r.table_pos();
  auto kind = r.string("kind", true);
  if (auto name = r.non_empty_string("name", true)) {
    if (valid_id(*name))
      stage.name = *name;
    else
      r.bad_value("name",
                  "'" + *name + "' is not a valid stage name (letters, digits, '_', '-', '.')");
  }
  if (auto t = r.number("agree_threshold")) {
    check_unit_range(r, "agree_threshold", *t, error_id::kBadThreshold);
    stage.agree_threshold = std::clamp(*t, 0.0, 1.0);
  }
  if (kind && *kind == "adjudicate") {
    stage.kind = StageKind::adjudicate;
    read_adjudicate(r, stage);
  } else {
    if (kind && *kind != "review") {
      r.bad_value("kind", "'" + *kind + "' is not a stage kind; use review or adjudicate");
    }
    stage.kind = StageKind::review;
    read_review(r, stage);
  }
  r.finish();
  return stage;
}

}  // namespace

void read_pipeline(TableReader& root, Project& project) {
  project.pipeline_where = root.value_pos("pipeline");
  const toml::table* table = root.table("pipeline");
  if (table == nullptr) {
    if (!root.raw().contains("pipeline")) project.pipeline = default_pipeline();
    return;
  }
  project.default_pipeline = false;
  TableReader r(*table, root.file(), root.diags(), "[pipeline]");
  project.pipeline_where = r.table_pos();
  const toml::array* stages = r.table_array("stages", true);
  r.finish();
  if (stages == nullptr) return;
  if (stages->empty()) {
    root.diags().error(r.value_pos("stages"), error_id::kPipelineEmpty,
                       "[pipeline] declares no stages; declare at least one review stage or "
                       "remove [pipeline] to use the default pipeline");
    return;
  }
  std::size_t index = 0;
  for (const toml::node& node : *stages) {
    ++index;
    TableReader sr(*node.as_table(), root.file(), root.diags(),
                   "[[pipeline.stages]] entry " + std::to_string(index));
    Stage stage = read_stage(sr);
    if (index == 1 && stage.kind == StageKind::adjudicate) {
      root.diags().error(stage.where, error_id::kAdjudicateFirst,
                         "the first stage '" + stage.name +
                             "' is an adjudicate stage; a pipeline starts with a review stage "
                             "(adjudication needs earlier reviews)");
    }
    bool duplicate = std::any_of(project.pipeline.begin(), project.pipeline.end(),
                                 [&](const Stage& s) { return s.name == stage.name; });
    if (duplicate && !stage.name.empty()) {
      root.diags().error(sr.value_pos("name"), error_id::kDuplicateStage,
                         "stage name '" + stage.name + "' is used by an earlier stage");
    }
    project.pipeline.push_back(std::move(stage));
  }
}

}  // namespace labelflow::config
