// Project: one configs/projects/*.toml file: labels, routing, the pipeline, members, leases,
// data locations and webhooks. Every key is documented in docs/configuration.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/daemon_config.hpp"
#include "config/diagnostics.hpp"
#include "config/plugin_spec.hpp"
#include "config/reviewers.hpp"
#include "config/secret.hpp"

namespace labelflow::config {

struct LabelSpec {
  std::string name;          // the key in rows' auto_labels and in submissions
  std::string instructions;  // shown to reviewers; not passed to the plugin
  PluginSpec plugin;         // `type` is the label-type plugin's name
};

enum class StageKind { review, adjudicate };
enum class AdjudicateWhen { always, disagreement };

struct Stage {
  StageKind kind = StageKind::review;
  std::string name;
  std::vector<std::string> roles;  // reviewers need one of these roles
  // review only
  std::int64_t reviewers = 2;
  std::optional<double> add_reviewer_below;
  std::int64_t max_reviewers = 2;  // equals `reviewers` unless add_reviewer_below is used
  // adjudicate only
  AdjudicateWhen when = AdjudicateWhen::always;
  double sample_rate = 0.0;  // share of agreeing rows adjudicated anyway (when = disagreement)
  // both: agreement below this is disagreement
  double agree_threshold = 1.0;
  Position where;

  // Reviewer slots this stage can use for one row: max_reviewers for review, 1 for adjudicate.
  std::int64_t max_slots() const { return kind == StageKind::review ? max_reviewers : 1; }
};

// The seed workflow: two blind primaries ("review"), then QA adjudication always ("qa").
std::vector<Stage> default_pipeline();

struct Lease {
  std::int64_t ttl_seconds = 1800;
  std::int64_t max_leases_per_reviewer = 1;
};

struct DataLocation {
  std::string storage;  // a [storage.NAME] of the daemon config
  std::string prefix;   // object-key prefix inside that storage
  std::string format;   // source: jsonl | sagemaker-input | sagemaker-output; sink: jsonl |
                        // sagemaker-output
};

inline constexpr const char* kEventRowFinalized = "row.finalized";
inline constexpr const char* kEventRowEscalated = "row.escalated";
inline constexpr const char* kEventImportFinished = "import.finished";
inline constexpr const char* kEventExportFinished = "export.finished";

struct Webhook {
  std::string url;
  std::vector<std::string> events;  // default: all four
  Secret secret;                    // HMAC key for X-Labelflow-Signature
};

struct Project {
  std::filesystem::path file;
  std::string id;
  std::string name;  // display name, default: the id
  std::vector<LabelSpec> labels;
  std::vector<std::string> expert_domains;
  std::optional<PluginSpec> router;
  std::vector<Stage> pipeline;
  bool default_pipeline = true;      // true when the file declares no [pipeline]
  std::vector<std::string> members;  // reviewer ids; default: every reviewer
  Lease lease;
  std::vector<std::string> skip_reasons;
  std::optional<DataLocation> source;
  std::optional<DataLocation> sink;
  std::vector<Webhook> webhooks;

  Position where;                 // the file
  Position id_where;              // the `id` value
  Position expert_domains_where;  // the value, or the file when absent
  Position members_where;
  Position pipeline_where;
};

// Parses and checks one project file, including every pipeline check that needs the reviewers
// (see pipeline_check.hpp). `daemon` resolves source/sink storage names.
Project load_project(const std::filesystem::path& path, const DaemonConfig& daemon,
                     const ReviewerSet& reviewers, Diagnostics& diags);

}  // namespace labelflow::config
