// Private to the engine: its in-memory state and the helpers its .cpp files share.
// Per row only a compact record is kept; rows with activity (reviews, leases, exclusions) or
// expertise needs get an Activity block, freed when the row is final or set aside.
#pragma once

#include <set>

#include "core/engine.hpp"

namespace labelflow::core {

struct Review {
  RevIdx reviewer = 0;
  std::uint8_t stage = 0;
  bool expert = false;
  boost::json::object labels;
};

struct Activity {
  std::vector<Review> reviews;
  std::vector<TaskId> live;     // tasks of the current stage still held (active or expired)
  std::vector<TaskId> ended;    // tasks of this row that ended: forgotten when the row closes
  std::vector<RevIdx> soft;     // released / expired-and-taken in the current stage (I6)
  std::vector<RevIdx> skipped;  // refused with a reason: never offered this row again
  std::map<std::string, double> agreement;  // of the last completed review stage
  std::vector<std::uint32_t> queued_in;     // queue indexes while queued
  std::vector<RevIdx> queued_ex;            // exclusions given to those queues
  std::uint32_t req_all = 0;                // reviewer must cover all of these domains
  std::uint32_t req_any = 0;                // ... or, when req_all is 0, at least one of these
};

struct RowRec {
  std::int64_t priority = 0;
  std::uint32_t expert_mask = 0;  // bit d = spec.expert_domains[d]
  std::uint8_t stage = 0;
  std::uint8_t needed = 0;
  RowStatus status = RowStatus::open;
  bool queued = false;  // without Activity: queued in general(stage) with no exclusions
  std::unique_ptr<Activity> act;
};

struct LiveTask {
  RowIdx row = 0;
  std::uint8_t stage = 0;
  RevIdx reviewer = 0;
  TimeMs claimed_at = 0;
  TimeMs expires_at = 0;
  bool expired = false;  // past its TTL (seen by expire_due); takeable by someone else
};

struct ReviewerRec {
  std::string id;
  RoleMask roles = 0;
  std::uint32_t mask = 0;  // expertise over spec.expert_domains
  bool member = false;
  std::vector<TaskId> live;
  std::vector<RowIdx> soft_rows;  // rows this reviewer released or lost (I6 fallback)
};

struct Engine::Impl {
  Impl(const LabelOracle& o, TaskIdAllocator& i) : oracle(o), ids(i) {}

  const LabelOracle& oracle;
  TaskIdAllocator& ids;
  const ProjectSpec* spec = nullptr;

  std::vector<std::string> row_ids;
  std::unordered_map<std::string, RowIdx> row_index;
  std::vector<RowRec> rows;
  std::vector<ReviewerRec> reviewers;
  std::unordered_map<std::string, RevIdx> reviewer_index;
  std::unordered_map<TaskId, LiveTask> live;
  std::unordered_map<TaskId, TaskState> ended;
  std::set<std::pair<TimeMs, TaskId>> expiry;
  std::uint64_t leases_expired = 0;          // since this engine was built (for /metrics)
  std::vector<RowQueue> queues;              // (stages + 1) x (1 + expert domains)
  std::vector<std::uint32_t> stage_domains;  // per stage: domains some able member has

  // --- layout
  int esc_stage() const { return static_cast<int>(spec->stages.size()); }
  std::size_t slots_per_stage() const { return 1 + spec->expert_domains.size(); }
  RowQueue& queue(int stage, std::size_t slot) {
    return queues[static_cast<std::size_t>(stage) * slots_per_stage() + slot];
  }
  StageKind kind(int stage) const {
    return stage >= esc_stage() ? StageKind::escalate : spec->stages[stage].kind;
  }
  std::string stage_name(int stage) const {
    return stage >= esc_stage() ? "escalate" : spec->stages[stage].name;
  }
  QueueKey key(RowIdx r) const { return {-rows[r].priority, r}; }

  // --- reviewers (engine.cpp)
  RevIdx reviewer_slot(const std::string& id);
  void apply_reviewers(const std::vector<ReviewerSpec>& all);
  std::uint32_t domain_mask(const std::vector<std::string>& domains) const;
  bool expert_for(RevIdx r, const RowRec& row) const {
    return (reviewers[r].mask & row.expert_mask) != 0;
  }

  // --- queues and eligibility (engine_rows.cpp)
  Activity& activity(RowIdx r);
  int submitted_in_stage(const RowRec& row) const;
  int available_slots(const RowRec& row) const;
  bool stage_allows(RevIdx r, const RowRec& row) const;
  bool on_row(RevIdx r, const RowRec& row) const;  // I1 (and skipped)
  bool is_soft(RevIdx r, const RowRec& row) const;
  bool meets_requirement(RevIdx r, const RowRec& row) const;
  bool eligible(RevIdx r, RowIdx row, bool ignore_soft) const;
  // Another reviewer than `except` (not soft-excluded) could take the row; without `except`,
  // anybody, soft exclusions ignored.
  bool has_candidate(RowIdx row, std::optional<RevIdx> except) const;
  // Eligible reviewers (soft exclusions ignored), counting up to `enough`.
  int count_candidates(RowIdx row, int enough) const;
  void dequeue(RowIdx r);
  // Re-files an open row after any change. When nobody can ever take its open slot, sets it
  // aside (may_set_aside) or leaves it unqueued; returns whether it is queued.
  bool requeue(RowIdx r, TimeMs now, Changes& out, bool may_set_aside = true);
  void set_aside(RowIdx r, const std::string& reason, TimeMs now, Changes& out);
  // A row left the open set: drops its activity and forgets its ended tasks (retired_tasks).
  void close_activity(RowIdx r, Changes& out);
  void end_task(TaskId t, TaskState state, Changes& out);
  void emit_row(RowIdx r, Changes& out) const;
  void emit_task(TaskId id, const LiveTask& t, TaskState state, Changes& out) const;

  // --- tasks (engine_tasks.cpp)
  void expire_due(TimeMs now, Changes& out);
  std::optional<RowIdx> scan(RowQueue& q, RevIdx r);
  std::optional<RowIdx> pick(RevIdx r);
  void remember_soft(
      RevIdx r,
      RowIdx row);  // bounded list for the I6 fallback  // the row next-task offers r, if any
  // Leases a slot of `row` to r (taking over an expired lease if no slot is free); 0 if none.
  TaskId take(RowIdx row, RevIdx r, TimeMs now, Changes& out);
  TaskView view(TaskId id, const LiveTask& t) const;
  std::optional<Error> check_holder(TaskId task, const std::string& reviewer) const;

  // --- stages (engine_submit.cpp)
  void advance(RowIdx r, int stage, const RowDoc& doc, TimeMs now, Changes& out);
  bool needs_escalation(const RowRec& row, const RowDoc& doc) const;
  void finalize(RowIdx r, const RowDoc& doc, TimeMs now, Changes& out);
};

}  // namespace labelflow::core
