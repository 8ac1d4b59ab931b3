// Records the engine emits for the store and reads back on rebuild. Every engine mutation
// returns the records it produced in a Changes value; the caller commits them durably before it
// acknowledges the request (I7). Times are milliseconds since the Unix epoch (UTC).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace labelflow::core {

using TimeMs = std::int64_t;
using TaskId = std::uint64_t;

enum class RowStatus : std::uint8_t { open = 0, final = 1, set_aside = 2 };
enum class TaskState : std::uint8_t {
  active = 0,  // leased (possibly past its TTL: it stays the holder's until taken, I6)
  submitted = 1,
  released = 2,   // given back by its holder
  skipped = 3,    // refused by its holder with a reason
  superseded = 4,  // expired and taken by another reviewer
  dropped = 5,    // its reviewer left the project, or the row was set aside
};
enum class LabelStatus : std::uint8_t { confirmed, corrected, no_auto_label };
const char* to_string(LabelStatus s);
const char* to_string(TaskState s);

// The durable per-row scheduling state (content is written once at import).
struct RowStateRecord {
  std::string project;
  std::string row_id;
  int stage = 0;   // index into the pipeline; == stages.size() means escalation
  int needed = 0;  // reviews the current stage needs (grows with add_reviewer_below)
  RowStatus status = RowStatus::open;
  std::string set_aside_reason;
  std::map<std::string, double> agreement;  // of the last completed review stage
};

struct TaskRecord {
  TaskId id = 0;
  std::string project;
  std::string row_id;
  int stage = 0;
  std::string reviewer;
  TimeMs claimed_at = 0;
  TimeMs expires_at = 0;
  TaskState state = TaskState::active;
};

struct ReviewRecord {
  TaskId task_id = 0;
  std::string project;
  std::string row_id;
  int stage = 0;
  std::string stage_name;
  std::string role;  // "primary", "qa" or "escalation"
  std::string reviewer;
  bool expert = false;
  bool best_effort = false;
  boost::json::object labels;
  std::map<std::string, LabelStatus> label_status;
  TimeMs claimed_at = 0;
  TimeMs submitted_at = 0;
  double active_seconds = 0;
  std::string comment;
};

struct SkipRecord {
  std::string project;
  std::string row_id;
  int stage = 0;
  std::string reviewer;
  std::string reason;
  TimeMs at = 0;
};

struct DecisionRecord {
  std::string project;
  std::string row_id;
  boost::json::object final_labels;
  std::string adjudicator;  // empty when no adjudication ran (reviews agreed, not sampled)
  bool escalated = false;
  std::string escalation_reviewer;
  std::map<std::string, double> agreement;  // per label, last review stage
  TimeMs decided_at = 0;
};

struct Changes {
  std::vector<RowStateRecord> rows;
  std::vector<TaskRecord> tasks;  // upserts by id
  std::vector<ReviewRecord> reviews;
  std::vector<SkipRecord> skips;
  std::vector<DecisionRecord> decisions;
  // Tasks the engine forgot because their row became final or was set aside: callers that map
  // task ids (the service) forget them too. Not stored: a restart forgets them anyway.
  std::vector<TaskId> retired_tasks;
  bool empty() const {
    return rows.empty() && tasks.empty() && reviews.empty() && skips.empty() && decisions.empty();
  }
  void append(Changes&& other);
};

}  // namespace labelflow::core
