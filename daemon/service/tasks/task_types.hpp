// What the reviewer task calls take and answer. Label values are JSON (each label plugin defines
// its own value shape); everything else is typed. The HTTP layer turns these into its JSON.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/records.hpp"
#include "core/row_doc.hpp"
#include "core/spec.hpp"

namespace labelflow::service {

// One label of the project's schema, as a widget needs it.
struct LabelSchema {
  std::string name;
  std::string type;          // the plugin name ("ner")
  std::string instructions;  // shown behind the label's "?"
  boost::json::object options;
  std::string widget;  // the plugin's widget file ("ner.widget.js"), "" when it has none
};

// What every task of a project's configuration shares (built once per configuration).
struct TaskSchema {
  std::vector<LabelSchema> labels;
  std::vector<std::string> skip_reasons;
};

// An earlier review shown to an adjudicator or escalation reviewer (never at a review stage, I2).
struct EarlierReview {
  std::string reviewer;
  std::string stage;
  bool expert = false;
  boost::json::object labels;
};

// The label plugin's comparison of two earlier reviews of one label (the QA view).
struct PairDiff {
  std::string a, b;                  // reviewers
  boost::json::value diff;           // null when the plugin failed
  std::optional<double> agreement;   // nullopt when the plugin failed
};

struct Task {
  std::string id;  // "t-17"
  std::string project;
  std::string stage;  // the stage's name
  core::StageKind kind = core::StageKind::review;
  core::TimeMs claimed_at = 0;
  core::TimeMs lease_expires_at = 0;
  std::shared_ptr<const core::RowDoc> row;
  boost::json::object start_labels;  // the row's valid auto labels
  std::shared_ptr<const TaskSchema> schema;
  // Adjudication and escalation only: every earlier review, per label the diff of every pair
  // of them, and the stage agreement per label.
  std::vector<EarlierReview> reviews;
  std::map<std::string, std::vector<PairDiff>> diff;
  std::map<std::string, double> agreement;
};

struct SubmitRequest {
  boost::json::object labels;            // label name -> value; validated by the plugins (I5)
  std::optional<double> active_seconds;  // as reported by the client; capped by the engine
  std::string comment;
};

struct SubmitResult {
  std::string task;
  std::map<std::string, core::LabelStatus> label_status;
};

struct HeartbeatResult {
  std::string task;
  std::optional<core::TimeMs> lease_expires_at;
};

// Release and skip: the task is no longer the caller's.
struct TaskEnded {
  std::string task;
};

}  // namespace labelflow::service
