// One crash-test operation: a batch whose parts must land together (a row, its task, review,
// skip, decision and row state) or not at all.
#pragma once

#include <string>

#include "store/state_store.hpp"

namespace labelflow::crash {

inline const char* const kProject = "crash";

inline std::string row_id(std::uint64_t op) { return "op-" + std::to_string(op); }

inline store::Batch make_op(std::uint64_t op) {
  store::Batch b;
  b.project = kProject;
  core::RowDoc d;
  d.content.id = row_id(op);
  d.content.response = std::string(200, 'x');  // some bulk, so a kill can land mid-write
  d.content.auto_labels["intent"] = "question";
  b.imports.push_back(d);
  core::TaskRecord t;
  t.id = op;
  t.project = kProject;
  t.row_id = d.content.id;
  t.reviewer = "a";
  t.state = core::TaskState::submitted;
  b.changes.tasks.push_back(t);
  core::ReviewRecord r;
  r.task_id = op;
  r.project = kProject;
  r.row_id = d.content.id;
  r.reviewer = "a";
  r.labels["intent"] = "question";
  r.submitted_at = static_cast<core::TimeMs>(op);
  b.changes.reviews.push_back(r);
  b.changes.skips.push_back({kProject, d.content.id, 0, "b", "unclear", 0});
  core::DecisionRecord dec;
  dec.project = kProject;
  dec.row_id = d.content.id;
  dec.final_labels["intent"] = "question";
  b.changes.decisions.push_back(dec);
  core::RowStateRecord st;
  st.project = kProject;
  st.row_id = d.content.id;
  st.status = core::RowStatus::final;
  st.stage = 2;
  b.changes.rows.push_back(st);
  return b;
}

}  // namespace labelflow::crash
