// ExportRecord: everything the export line (DESIGN section 6) says about one finalized row.
// The engine fills it; export_line.hpp and gt_manifest.hpp turn it into text.
#pragma once

#include "core/row.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace labelflow::dataset {

using Clock = std::chrono::system_clock;

struct ReviewRecord {
  std::string reviewer;
  std::string role;   // "primary", "qa", "escalation"
  std::string stage;  // the pipeline stage's name
  bool expert = false;
  bool best_effort = false;
  boost::json::object labels;                     // label name -> value as submitted
  std::map<std::string, std::string> label_status;  // confirmed | corrected | no_auto_label
  std::optional<Clock::time_point> claimed_at;
  Clock::time_point submitted_at;
  double active_seconds = 0;
  std::string comment;
};

struct DecisionRecord {
  std::optional<std::string> adjudicator;  // who submitted the final labels, if anyone did
  bool escalated = false;
  std::optional<std::string> escalation_reviewer;
};

struct ProvenanceRecord {
  std::string labelflow_version;
  std::map<std::string, std::string> plugin_versions;  // plugin name -> version
  std::string project_config_hash;
};

struct ExportRecord {
  std::string project;
  core::RowContent row;
  // Label name -> final value, already passed through the label plugin's export_value (so
  // NER spans carry text and UTF-8/UTF-16 offsets).
  boost::json::object final_labels;
  std::vector<ReviewRecord> reviews;
  std::map<std::string, double> agreement;  // label name -> agreement among reviewers
  DecisionRecord decision;
  ProvenanceRecord provenance;
  Clock::time_point finalized_at;
};

}  // namespace labelflow::dataset
