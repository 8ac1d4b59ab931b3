// One row: its content, scheduling state, the reviews the caller may see and the decision.
#include "service/queries/queries.hpp"

namespace labelflow::service {

Result<RowDetails> Queries::row(const Caller& caller, const std::string& project,
                                const std::string& row_id) const {
  auto found = ctx_.visible_project(caller, project);
  if (!found.ok()) return found.error();
  auto p = found.value();
  RowDetails out;
  out.project = project;
  out.row = ctx_.row(project, row_id);
  if (!out.row) {
    return Error{ErrorCode::not_found, "no row '" + row_id + "' in project '" + project + "'"};
  }
  std::optional<core::RowStateRecord> state;
  {
    std::lock_guard lock(p->mu);
    state = p->engine->row_state(row_id);
  }
  const bool final_row = state && state->status == core::RowStatus::final;
  if (state) {
    out.state = RowState{state->status, stage_label(p->setup()->spec, state->stage),
                         state->needed, state->agreement};
  }
  for (auto& rv : ctx_.store.reviews(project, row_id)) {
    // I2: a reviewer never sees other reviewers' labels of a row still in progress.
    if (caller.role == Role::reviewer && !final_row && rv.reviewer != caller.id) continue;
    out.reviews.push_back(std::move(rv));
  }
  out.decision = ctx_.store.decision(project, row_id);
  return out;
}

}  // namespace labelflow::service
