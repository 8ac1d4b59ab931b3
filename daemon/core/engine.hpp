// Engine: one project's pipeline state machine: rows, stages, tasks, leases and who may take
// what. Pure and deterministic: time comes in as `now` on every call, label semantics through a
// LabelOracle, sampling from a hash of (row, stage, seed). No I/O, no threads.
//
// Every mutating call either refuses with an Error and changes nothing, or changes the
// in-memory state and appends the records to persist to `out`. The caller must make `out`
// durable before it acknowledges the request (I7); committing in call order keeps any later
// acknowledgment that depends on this change behind it.
//
// Thread safety: none; serialize calls (one strand or mutex per engine).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/label_oracle.hpp"
#include "core/records.hpp"
#include "core/row_doc.hpp"
#include "core/row_queue.hpp"
#include "core/spec.hpp"

namespace labelflow::core {

template <class T>
struct Result {
  std::optional<T> value;
  std::optional<Error> error;
  bool ok() const { return !error.has_value(); }
};

struct PeerReview {
  std::string reviewer;
  int stage = 0;
  std::string stage_name;
  bool expert = false;
  boost::json::object labels;
};

struct TaskView {
  TaskId id = 0;
  std::string row_id;
  int stage = 0;
  std::string stage_name;
  StageKind kind = StageKind::review;
  TimeMs claimed_at = 0;
  TimeMs expires_at = 0;
  // Labels to start from are the row's valid auto labels (RowDoc::start_labels()).
  // Review tasks never carry other reviews (I2); adjudication and escalation tasks carry every
  // earlier review and the per-label agreement of the last review stage.
  std::vector<PeerReview> earlier_reviews;
  std::map<std::string, double> agreement;
};

struct SubmitInput {
  boost::json::object labels;  // already validated by the label plugins (I5)
  std::optional<double> active_seconds;
  std::string comment;
};

struct RowSnapshot {
  std::string id;
  std::int64_t priority = 0;
  std::vector<std::string> domains;
  RowStateRecord state;
};
// What the store hands back on start; rows in import order. Reviews, tasks and skips are
// needed for open rows only.
struct Snapshot {
  std::vector<RowSnapshot> rows;
  std::vector<ReviewRecord> reviews;
  std::vector<TaskRecord> tasks;
  std::vector<SkipRecord> skips;
  TaskId max_task_id = 0;  // over every project: task ids are never reused
};

struct EngineCounts {
  std::size_t rows = 0, open = 0, final = 0, set_aside = 0, live_tasks = 0;
  std::uint64_t leases_expired = 0;  // leases that ran past their TTL since the engine started
  std::size_t tracked_tasks = 0;     // task ids the engine remembers (live or ended, open rows)
  std::vector<std::size_t> waiting_per_stage;  // open rows per stage (escalation last)
};

// Task ids are unique across every project of a daemon; engines share one allocator.
class TaskIdAllocator {
 public:
  explicit TaskIdAllocator(TaskId next = 1) : next_(next) {}
  TaskId next() { return next_++; }
  // The id next() would return: every id below it has been issued.
  TaskId peek() const { return next_; }
  void at_least(TaskId n) {
    if (next_ < n) next_ = n;
  }

 private:
  TaskId next_;
};

class Engine {
 public:
  // REQUIRES: validate(with_defaults(spec), reviewers) is empty. `oracle` and `ids` outlive
  // the engine.
  Engine(ProjectSpec spec, const std::vector<ReviewerSpec>& reviewers, const LabelOracle& oracle,
         TaskIdAllocator& ids);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const ProjectSpec& spec() const { return spec_; }

  // Rebuilds the in-memory state from the store. REQUIRES: a fresh engine.
  void restore(const Snapshot& snapshot, TimeMs now, Changes& out);

  // Schedules a newly imported row (already durable). Error when the id is known.
  std::optional<Error> add_row(const std::string& id, std::int64_t priority,
                               const std::vector<std::string>& domains, TimeMs now, Changes& out);

  // Leases the next task for `reviewer`, or nothing (204). At the lease limit, returns the
  // reviewer's oldest live task again (a client that lost it gets it back).
  Result<std::optional<TaskView>> next_task(const std::string& reviewer, TimeMs now, Changes& out);
  std::optional<Error> heartbeat(TaskId task, const std::string& reviewer, TimeMs now,
                                 Changes& out);
  std::optional<Error> release(TaskId task, const std::string& reviewer, TimeMs now, Changes& out);
  std::optional<Error> skip(TaskId task, const std::string& reviewer, const std::string& reason,
                            TimeMs now, Changes& out);
  // `row` is the task's row as stored (task_row() names it).
  std::optional<Error> submit(TaskId task, const std::string& reviewer, const SubmitInput& input,
                              const RowDoc& row, TimeMs now, Changes& out);

  // Applies a new reviewer list / membership / lease settings and each stage's sampling settings
  // (add_reviewer_below, max_reviewers, when, sample_rate, agree_threshold: used from the next
  // decision on). The stages themselves (number, kinds, names, roles, reviewers) and the expert
  // domains must stay the same. Leases of reviewers no longer members are dropped and their
  // rows re-offered.
  void reconfigure(const ProjectSpec& spec, const std::vector<ReviewerSpec>& reviewers, TimeMs now,
                   Changes& out);

  std::optional<std::string> task_row(TaskId task) const;
  std::optional<TaskView> task_view(TaskId task) const;
  std::optional<RowStateRecord> row_state(const std::string& row_id) const;
  EngineCounts counts() const;
  // Reviews still to be done for open rows (O(rows)): the current stage's missing reviews plus
  // later stages; a stage adjudicating on disagreement counts as half a review unless the row is
  // specialized. A rough basis for "hours left".
  double remaining_reviews() const;
  // Approximate heap bytes of the engine's per-row structures (for the benchmark).
  std::size_t approx_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  ProjectSpec spec_;
};

}  // namespace labelflow::core
