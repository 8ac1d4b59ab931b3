// Engine: submissions and what follows them: stage agreement, extra reviewers, adjudication
// (always, on disagreement, sampled), escalation (I4) and finalization.
#include <algorithm>

#include "core/agreement.hpp"
#include "core/engine_state.hpp"

namespace labelflow::core {
namespace {

std::vector<const boost::json::object*> labels_of(const Activity& act, int stage) {
  std::vector<const boost::json::object*> out;
  for (const auto& r : act.reviews) {
    if (r.stage == stage) out.push_back(&r.labels);
  }
  return out;
}

const boost::json::value& get(const boost::json::object& o, const std::string& k) {
  static const boost::json::value kNull;
  const auto* v = o.if_contains(k);
  return v ? *v : kNull;
}

}  // namespace

std::optional<Error> Engine::submit(TaskId task, const std::string& reviewer, const SubmitInput& in,
                                    const RowDoc& doc, TimeMs now, Changes& out) {
  auto& m = *impl_;
  if (auto e = m.check_holder(task, reviewer)) return e;
  const LiveTask t = m.live.at(task);
  if (doc.content.id != m.row_ids[t.row]) {
    return Error{ErrorCode::bad_request, "task " + std::to_string(task) + " is for row '" +
                                    m.row_ids[t.row] + "', not '" + doc.content.id + "'"};
  }
  for (const auto& kv : in.labels) {
    if (std::find(spec_.labels.begin(), spec_.labels.end(), kv.key()) == spec_.labels.end()) {
      return Error::field(ErrorCode::validation_failed, "/labels/" + pointer_token(kv.key()),
                          "not a label of project '" + spec_.id + "'");
    }
  }
  auto& row = m.rows[t.row];
  const bool expert = m.expert_for(t.reviewer, row);
  ReviewRecord rec;
  rec.task_id = task;
  rec.project = spec_.id;
  rec.row_id = doc.content.id;
  rec.stage = t.stage;
  rec.stage_name = m.stage_name(t.stage);
  const StageKind k = m.kind(t.stage);
  const auto& rv = m.reviewers[t.reviewer];
  if (k == StageKind::escalate) {
    rec.role = "escalation";
  } else {
    const RoleMask allowed = spec_.stages[t.stage].roles & rv.roles;
    const bool primary_first = k == StageKind::review && has_role(allowed, Role::primary);
    rec.role = primary_first || !has_role(allowed, Role::qa) ? "primary" : "qa";
  }
  rec.reviewer = reviewer;
  rec.expert = expert;
  rec.best_effort = row.expert_mask != 0 && !expert;  // I4
  rec.labels = in.labels;
  rec.label_status = label_status(spec_.labels, in.labels, doc, m.oracle);
  rec.claimed_at = t.claimed_at;
  rec.submitted_at = now;
  // active_seconds: as reported, capped at submitted - claimed (which is also the default).
  const double cap = std::max<double>(0.0, static_cast<double>(now - t.claimed_at) / 1000.0);
  rec.active_seconds = std::clamp(in.active_seconds.value_or(cap), 0.0, cap);
  rec.comment = in.comment;

  m.end_task(task, TaskState::submitted, out);
  auto& act = m.activity(t.row);
  act.reviews.push_back({t.reviewer, t.stage, expert, in.labels});
  out.reviews.push_back(std::move(rec));
  {  // the submitted task, for the store's task table
    TaskRecord tr;
    tr.id = task;
    tr.project = spec_.id;
    tr.row_id = doc.content.id;
    tr.stage = t.stage;
    tr.reviewer = reviewer;
    tr.claimed_at = t.claimed_at;
    tr.expires_at = t.expires_at;
    tr.state = TaskState::submitted;
    out.tasks.push_back(std::move(tr));
  }

  if (k == StageKind::review) {
    if (m.submitted_in_stage(row) < row.needed) {
      m.requeue(t.row, now, out, true);
      return std::nullopt;
    }
    const auto& st = spec_.stages[t.stage];
    act.agreement = per_label_agreement(spec_.labels, labels_of(act, t.stage), doc, m.oracle);
    const double a = stage_agreement(act.agreement);
    if (st.add_reviewer_below && a < *st.add_reviewer_below && row.needed < st.max_reviewers) {
      ++row.needed;
      // An extra reviewer is a bonus: when nobody can give it, the stage simply completes.
      if (m.requeue(t.row, now, out, false)) {
        m.emit_row(t.row, out);
        return std::nullopt;
      }
      --row.needed;
    }
  }
  m.advance(t.row, t.stage + 1, doc, now, out);
  return std::nullopt;
}

void Engine::Impl::advance(RowIdx r, int stage, const RowDoc& doc, TimeMs now, Changes& out) {
  auto& row = rows[r];
  dequeue(r);
  if (row.act) row.act->soft.clear();  // release-exclusions are per stage (I6)
  if (stage > esc_stage()) {           // the escalation expert decided
    finalize(r, doc, now, out);
    return;
  }
  for (int s = stage; s < esc_stage(); ++s) {
    const auto& st = spec->stages[s];
    if (st.kind == StageKind::adjudicate && st.when == AdjudicateWhen::disagreement &&
        row.expert_mask == 0) {  // specialized rows are always adjudicated
      const double a = row.act ? stage_agreement(row.act->agreement) : 0.0;
      if (a >= st.agree_threshold && !sampled(row_ids[r], s, spec->seed, st.sample_rate)) continue;
    }
    row.stage = static_cast<std::uint8_t>(s);
    row.needed = static_cast<std::uint8_t>(st.kind == StageKind::review ? st.reviewers : 1);
    requeue(r, now, out, true);
    if (row.status == RowStatus::open) emit_row(r, out);
    return;
  }
  if (needs_escalation(row, doc)) {  // I4, the implicit last step
    row.stage = static_cast<std::uint8_t>(esc_stage());
    row.needed = 1;
    requeue(r, now, out, true);
    if (row.status == RowStatus::open) emit_row(r, out);
    return;
  }
  finalize(r, doc, now, out);
}

bool Engine::Impl::needs_escalation(const RowRec& row, const RowDoc& doc) const {
  if (row.expert_mask == 0 || !row.act) return false;
  const Review* last_adj = nullptr;
  for (const auto& r : row.act->reviews) {
    if (kind(r.stage) == StageKind::adjudicate) last_adj = &r;
  }
  if (!last_adj || last_adj->expert) return false;
  // I4: a non-expert's final label must match at least one expert primary's label.
  for (const auto& label : spec->labels) {
    bool any_expert = false, matches = false;
    for (const auto& r : row.act->reviews) {
      if (kind(r.stage) != StageKind::review || !r.expert) continue;
      any_expert = true;
      matches = matches || oracle.equal(label, get(last_adj->labels, label), get(r.labels, label),
                                        doc.content);
    }
    if (any_expert && !matches) return true;
  }
  return false;
}

void Engine::Impl::finalize(RowIdx r, const RowDoc& doc, TimeMs now, Changes& out) {
  dequeue(r);
  auto& row = rows[r];
  auto& act = activity(r);
  DecisionRecord d;
  d.project = spec->id;
  d.row_id = row_ids[r];
  const Review* adj = nullptr;
  const Review* esc = nullptr;
  int last_review_stage = -1;
  for (const auto& v : act.reviews) {
    const StageKind k = kind(v.stage);
    if (k == StageKind::adjudicate) adj = &v;
    if (k == StageKind::escalate) esc = &v;
    if (k == StageKind::review) last_review_stage = std::max<int>(last_review_stage, v.stage);
  }
  if (esc) {
    d.final_labels = esc->labels;
    d.escalated = true;
    d.escalation_reviewer = reviewers[esc->reviewer].id;
  } else if (adj) {
    d.final_labels = adj->labels;
  } else {
    d.final_labels = consensus(spec->labels, labels_of(act, last_review_stage), doc, oracle);
  }
  if (adj) d.adjudicator = reviewers[adj->reviewer].id;
  d.agreement = act.agreement;
  d.decided_at = now;
  out.decisions.push_back(std::move(d));
  row.status = RowStatus::final;
  emit_row(r, out);
  close_activity(r, out);
}

}  // namespace labelflow::core
