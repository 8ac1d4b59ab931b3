// Engine: where a row waits (queues), who may take it (eligibility: I1, I3, I6) and when
// nobody ever can (set aside).
#include <algorithm>
#include <bit>

#include "core/engine_state.hpp"

namespace labelflow::core {
namespace {

template <class V, class T>
bool contains(const V& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

Activity& Engine::Impl::activity(RowIdx r) {
  auto& a = rows[r].act;
  if (!a) a = std::make_unique<Activity>();
  return *a;
}

int Engine::Impl::submitted_in_stage(const RowRec& row) const {
  if (!row.act) return 0;
  return static_cast<int>(std::count_if(row.act->reviews.begin(), row.act->reviews.end(),
                                        [&](const Review& v) { return v.stage == row.stage; }));
}

int Engine::Impl::available_slots(const RowRec& row) const {
  int held = 0;
  if (row.act) {
    for (TaskId t : row.act->live) held += live.at(t).expired ? 0 : 1;
  }
  return row.needed - submitted_in_stage(row) - held;
}

bool Engine::Impl::stage_allows(RevIdx r, const RowRec& row) const {
  const auto& rv = reviewers[r];
  if (!rv.member) return false;
  if (row.stage >= esc_stage()) return expert_for(r, row);
  return (rv.roles & spec->stages[row.stage].roles) != 0;
}

bool Engine::Impl::on_row(RevIdx r, const RowRec& row) const {
  if (!row.act) return false;
  const bool esc = row.stage >= esc_stage();
  for (const auto& v : row.act->reviews) {
    // I1: one human per row across stages; the escalation expert may be a primary, not QA.
    if (v.reviewer == r && (!esc || kind(v.stage) != StageKind::review)) return true;
  }
  for (TaskId t : row.act->live) {
    if (live.at(t).reviewer == r) return true;
  }
  return contains(row.act->skipped, r);
}

bool Engine::Impl::is_soft(RevIdx r, const RowRec& row) const {
  return row.act && contains(row.act->soft, r);
}

bool Engine::Impl::meets_requirement(RevIdx r, const RowRec& row) const {
  if (!row.act) return true;
  const auto m = reviewers[r].mask;
  if (row.act->req_all) return (m & row.act->req_all) == row.act->req_all;
  if (row.act->req_any) return (m & row.act->req_any) != 0;
  return true;
}

bool Engine::Impl::eligible(RevIdx r, RowIdx idx, bool ignore_soft) const {
  const auto& row = rows[idx];
  if (row.status != RowStatus::open || !stage_allows(r, row) || on_row(r, row)) return false;
  if (!ignore_soft && is_soft(r, row)) return false;
  return meets_requirement(r, row);
}

bool Engine::Impl::has_candidate(RowIdx row, std::optional<RevIdx> except) const {
  for (std::size_t i = 0; i < reviewers.size(); ++i) {
    const auto r = static_cast<RevIdx>(i);
    if (except && *except == r) continue;
    if (eligible(r, row, /*ignore_soft=*/!except.has_value())) return true;
  }
  return false;
}

int Engine::Impl::count_candidates(RowIdx row, int enough) const {
  int n = 0;
  for (std::size_t i = 0; i < reviewers.size() && n < enough; ++i) {
    n += eligible(static_cast<RevIdx>(i), row, /*ignore_soft=*/true) ? 1 : 0;
  }
  return n;
}

void Engine::Impl::dequeue(RowIdx r) {
  auto& row = rows[r];
  if (!row.queued) return;
  if (row.act && !row.act->queued_in.empty()) {
    for (auto q : row.act->queued_in) queues[q].erase(key(r), row.act->queued_ex);
    row.act->queued_in.clear();
    row.act->queued_ex.clear();
  } else {
    queue(row.stage, 0).erase(key(r), {});
  }
  row.queued = false;
}

bool Engine::Impl::requeue(RowIdx r, TimeMs now, Changes& out, bool may_set_aside) {
  dequeue(r);
  auto& row = rows[r];
  if (row.status != RowStatus::open || available_slots(row) <= 0) return false;
  auto give_up = [&](const std::string& reason) {
    if (may_set_aside) set_aside(r, reason, now, out);
    return false;
  };
  const bool esc = row.stage >= esc_stage();
  if (!row.act && !row.expert_mask) {  // the common fresh row: one queue, nobody excluded
    const int open = available_slots(row);
    if (count_candidates(r, open) < open) {
      return give_up("not enough eligible reviewers for stage '" + stage_name(row.stage) + "'");
    }
    queue(row.stage, 0).insert(key(r), {});
    row.queued = true;
    return true;
  }
  auto& act = activity(r);
  // I3 by construction: for each expert domain still missing, count the remaining slots some
  // member able to take them could cover; the last chance requires it.
  act.req_all = act.req_any = 0;
  if (row.expert_mask && !esc) {
    std::uint32_t covered = 0;
    for (const auto& v : act.reviews) covered |= reviewers[v.reviewer].mask;
    for (TaskId t : act.live) {
      // An expired lease may be taken over, so its holder's expertise is not counted on.
      if (!live.at(t).expired) covered |= reviewers[live.at(t).reviewer].mask;
    }
    const std::uint32_t missing = row.expert_mask & ~covered;
    const int open_here = available_slots(row);
    std::uint32_t impossible = 0, last = 0, tight = 0;
    const int n_missing = std::popcount(missing);
    for (std::size_t d = 0; d < spec->expert_domains.size(); ++d) {
      const std::uint32_t bit = 1u << d;
      if (!(missing & bit)) continue;
      int chances = (stage_domains[row.stage] & bit) ? std::max(open_here, 0) : 0;
      for (int s = row.stage + 1; s < esc_stage(); ++s) {
        if (!(stage_domains[s] & bit)) continue;
        // Specialized rows are always adjudicated, so every later stage is certain.
        chances += spec->stages[s].kind == StageKind::review ? spec->stages[s].reviewers : 1;
      }
      if (chances == 0) impossible |= bit;
      if (!(stage_domains[row.stage] & bit)) continue;  // this slot is no chance for d
      if (chances <= 1) last |= bit;
      if (chances <= n_missing) tight |= bit;
    }
    if (impossible) {
      const int d = std::countr_zero(impossible);
      return give_up("no member with expertise '" + spec->expert_domains[d] +
                     "' can take a remaining slot");
    }
    act.req_all = last;
    act.req_any = last ? 0 : tight;
  }
  // Each open slot needs its own reviewer (I1); with an expertise requirement this counts
  // reviewers for the next slot only (later slots are checked as they come).
  // Slots held past their TTL can still be finished by their holders: only unheld ones count.
  const int unheld = row.needed - submitted_in_stage(row) - static_cast<int>(act.live.size());
  const int open = std::min(unheld, (act.req_all || act.req_any) ? 1 : unheld);
  if (open > 0 && count_candidates(r, open) < open) {
    return give_up("not enough eligible reviewers for stage '" + stage_name(row.stage) + "'");
  }
  // Where it waits: rows with an expertise requirement only in the queues of those domains;
  // other specialized rows also in their domains' queues, so experts see them first.
  const std::uint32_t req = act.req_all ? act.req_all : act.req_any;
  const std::uint32_t domains = req ? req : row.expert_mask;
  const std::size_t base = static_cast<std::size_t>(row.stage) * slots_per_stage();
  if (!req && !esc) act.queued_in.push_back(static_cast<std::uint32_t>(base));
  for (std::size_t d = 0; d < spec->expert_domains.size(); ++d) {
    if (domains & (1u << d)) act.queued_in.push_back(static_cast<std::uint32_t>(base + 1 + d));
  }
  for (std::size_t i = 0; i < reviewers.size(); ++i) {
    const auto rv = static_cast<RevIdx>(i);
    if (on_row(rv, row) || is_soft(rv, row)) act.queued_ex.push_back(rv);
  }
  for (auto q : act.queued_in) queues[q].insert(key(r), act.queued_ex);
  row.queued = true;
  return true;
}

void Engine::Impl::emit_row(RowIdx r, Changes& out) const {
  const auto& row = rows[r];
  RowStateRecord rec;
  rec.project = spec->id;
  rec.row_id = row_ids[r];
  rec.stage = row.stage;
  rec.needed = row.needed;
  rec.status = row.status;
  if (row.act) rec.agreement = row.act->agreement;
  out.rows.push_back(std::move(rec));
}

void Engine::Impl::emit_task(TaskId id, const LiveTask& t, TaskState state, Changes& out) const {
  TaskRecord rec;
  rec.id = id;
  rec.project = spec->id;
  rec.row_id = row_ids[t.row];
  rec.stage = t.stage;
  rec.reviewer = reviewers[t.reviewer].id;
  rec.claimed_at = t.claimed_at;
  rec.expires_at = t.expires_at;
  rec.state = state;
  out.tasks.push_back(std::move(rec));
}

void Engine::Impl::end_task(TaskId id, TaskState state, Changes& out) {
  auto it = live.find(id);
  if (it == live.end()) return;
  const LiveTask t = it->second;
  live.erase(it);
  expiry.erase({t.expires_at, id});
  auto& holder = reviewers[t.reviewer].live;
  holder.erase(std::remove(holder.begin(), holder.end(), id), holder.end());
  auto& row = rows[t.row];
  if (row.act) {
    auto& l = row.act->live;
    l.erase(std::remove(l.begin(), l.end(), id), l.end());
  }
  ended[id] = state;
  if (row.act) row.act->ended.push_back(id);
  if (state != TaskState::submitted) emit_task(id, t, state, out);
}

void Engine::Impl::set_aside(RowIdx r, const std::string& reason, TimeMs, Changes& out) {
  dequeue(r);
  auto& row = rows[r];
  if (row.act) {
    const auto held = row.act->live;
    for (TaskId t : held) end_task(t, TaskState::dropped, out);
  }
  row.status = RowStatus::set_aside;
  emit_row(r, out);
  out.rows.back().set_aside_reason = reason;
  close_activity(r, out);
}

void Engine::Impl::close_activity(RowIdx r, Changes& out) {
  auto& row = rows[r];
  if (!row.act) return;
  // Task ids of a closed row answer lease_conflict from the id alone (check_holder), so the
  // engine's memory stays bounded by the open rows, not by every task ever issued.
  for (TaskId id : row.act->ended) {
    ended.erase(id);
    out.retired_tasks.push_back(id);
  }
  row.act.reset();
}

}  // namespace labelflow::core
