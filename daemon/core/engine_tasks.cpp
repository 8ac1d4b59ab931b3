// Engine: leases. next-task, heartbeat, release, skip, expiry and takeover (I6).
#include <algorithm>

#include "core/engine_state.hpp"

namespace labelflow::core {
namespace {

// Rows a reviewer cannot take for reasons the exclusion sets do not capture (an expertise
// requirement covering several domains) are passed over; this bounds that work per queue.
constexpr int kMaxProbes = 64;
// How many of a reviewer's released rows the I6 fallback looks at.
constexpr std::size_t kMaxSoftRows = 64;

}  // namespace

void Engine::Impl::expire_due(TimeMs now, Changes& out) {
  while (!expiry.empty() && expiry.begin()->first <= now) {
    const TaskId id = expiry.begin()->second;
    expiry.erase(expiry.begin());
    auto it = live.find(id);
    if (it == live.end()) continue;
    it->second.expired = true;  // still the holder's (I6) until someone else takes the slot
    ++leases_expired;
    requeue(it->second.row, now, out);
  }
}

void Engine::Impl::remember_soft(RevIdx r, RowIdx row) {
  auto& v = reviewers[r].soft_rows;
  v.push_back(row);
  if (v.size() > 2 * kMaxSoftRows) v.erase(v.begin(), v.end() - kMaxSoftRows);  // newest kept
}

std::optional<RowIdx> Engine::Impl::scan(RowQueue& q, RevIdx r) {
  std::size_t pos = 0;
  for (int probe = 0; probe < kMaxProbes; ++probe) {
    auto hit = q.first_for(r, pos);
    if (!hit) return std::nullopt;
    if (eligible(r, hit->key.second, false)) return hit->key.second;
    pos = hit->position + 1;
  }
  return std::nullopt;
}

TaskId Engine::Impl::take(RowIdx idx, RevIdx r, TimeMs now, Changes& out) {
  auto& row = rows[idx];
  auto& act = activity(idx);
  const int free_slots = row.needed - submitted_in_stage(row) - static_cast<int>(act.live.size());
  if (free_slots <= 0) {
    // Take over the longest-expired lease; its holder loses it now, and only now (I6).
    TaskId oldest = 0;
    TimeMs oldest_at = 0;
    for (TaskId t : act.live) {
      const auto& lt = live.at(t);
      if (lt.expired && (oldest == 0 || lt.expires_at < oldest_at)) {
        oldest = t;
        oldest_at = lt.expires_at;
      }
    }
    if (oldest == 0) return 0;  // nothing to take (callers only pick rows with a slot)
    const RevIdx loser = live.at(oldest).reviewer;
    end_task(oldest, TaskState::superseded, out);
    act.soft.push_back(loser);
    remember_soft(loser, idx);
  }
  const TaskId id = ids.next();
  LiveTask t;
  t.row = idx;
  t.stage = row.stage;
  t.reviewer = r;
  t.claimed_at = now;
  t.expires_at = now + spec->lease_ttl_seconds * 1000;
  live.emplace(id, t);
  expiry.insert({t.expires_at, id});
  act.live.push_back(id);
  reviewers[r].live.push_back(id);
  emit_task(id, t, TaskState::active, out);
  requeue(idx, now, out);
  return id;
}

TaskView Engine::Impl::view(TaskId id, const LiveTask& t) const {
  TaskView v;
  v.id = id;
  v.row_id = row_ids[t.row];
  v.stage = t.stage;
  v.stage_name = stage_name(t.stage);
  v.kind = kind(t.stage);
  v.claimed_at = t.claimed_at;
  v.expires_at = t.expires_at;
  const auto& row = rows[t.row];
  if (v.kind != StageKind::review && row.act) {  // I2: review tasks see no peer reviews
    for (const auto& r : row.act->reviews) {
      if (r.stage >= t.stage) continue;
      v.earlier_reviews.push_back(
          {reviewers[r.reviewer].id, r.stage, stage_name(r.stage), r.expert, r.labels});
    }
    v.agreement = row.act->agreement;
  }
  return v;
}

std::optional<Error> Engine::Impl::check_holder(TaskId task, const std::string& reviewer) const {
  auto it = live.find(task);
  if (it == live.end()) {
    auto e = ended.find(task);
    if (e == ended.end()) {
      // Issued once (ids only grow), then forgotten with its closed row.
      if (task < ids.peek()) {
        return Error{ErrorCode::lease_conflict,
                     "task " + std::to_string(task) + " is no longer open: its row is closed"};
      }
      return Error{ErrorCode::not_found, "no task " + std::to_string(task)};
    }
    return Error{ErrorCode::lease_conflict, "task " + std::to_string(task) + " is no longer yours: it was " +
                                       to_string(e->second)};
  }
  if (reviewers[it->second.reviewer].id != reviewer) {
    return Error{ErrorCode::lease_conflict, "task " + std::to_string(task) + " is held by someone else"};
  }
  return std::nullopt;
}

Result<std::optional<TaskView>> Engine::next_task(const std::string& reviewer, TimeMs now,
                                                  Changes& out) {
  auto& m = *impl_;
  m.expire_due(now, out);
  auto ri = m.reviewer_index.find(reviewer);
  if (ri == m.reviewer_index.end() || !m.reviewers[ri->second].member) {
    return {std::nullopt,
            Error{ErrorCode::forbidden,
                  "reviewer '" + reviewer + "' is not a member of project '" + spec_.id + "'"}};
  }
  const RevIdx r = ri->second;
  auto& rv = m.reviewers[r];
  int active = 0;
  TaskId oldest = 0;
  for (TaskId t : rv.live) {
    if (m.live.at(t).expired) continue;
    ++active;
    if (oldest == 0) oldest = t;
  }
  if (active >= spec_.max_leases_per_reviewer) {
    return {std::optional<TaskView>(m.view(oldest, m.live.at(oldest))), std::nullopt};
  }
  // Taking a slot can reveal that the row's other slots can never be filled, which sets the
  // row aside and drops the new lease; then look again (bounded).
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto row = m.pick(r);
    if (!row) break;
    const TaskId id = m.take(*row, r, now, out);
    if (id == 0) break;
    auto it = m.live.find(id);
    if (it != m.live.end()) return {std::optional<TaskView>(m.view(id, it->second)), std::nullopt};
  }
  return {std::optional<TaskView>(), std::nullopt};
}

std::optional<RowIdx> Engine::Impl::pick(RevIdx r) {
  auto& rv = reviewers[r];
  // Later stages first (finish rows), experts their specialized rows first.
  for (int s = esc_stage(); s >= 0; --s) {
    const bool esc = s == esc_stage();
    if (!esc && (rv.roles & spec->stages[s].roles) == 0) continue;
    std::optional<RowIdx> best;
    for (std::size_t d = 0; d < spec->expert_domains.size(); ++d) {
      if (!(rv.mask & (1u << d))) continue;
      auto hit = scan(queue(s, 1 + d), r);
      if (hit && (!best || key(*hit) < key(*best))) best = hit;
    }
    if (!best && !esc) best = scan(queue(s, 0), r);
    if (best) return best;
  }
  // I6: a row this reviewer released or lost comes back only when nobody else could take it.
  auto& soft = rv.soft_rows;
  soft.erase(
      std::remove_if(soft.begin(), soft.end(), [&](RowIdx row) { return !is_soft(r, rows[row]); }),
      soft.end());
  if (soft.size() > kMaxSoftRows) soft.erase(soft.begin(), soft.end() - kMaxSoftRows);
  for (RowIdx row : soft) {
    if (rows[row].queued && eligible(r, row, true) && !has_candidate(row, r)) {
      return row;
    }
  }
  return std::nullopt;
}

std::optional<Error> Engine::heartbeat(TaskId task, const std::string& reviewer, TimeMs now,
                                       Changes& out) {
  auto& m = *impl_;
  if (auto e = m.check_holder(task, reviewer)) return e;
  auto& t = m.live.at(task);
  m.expiry.erase({t.expires_at, task});
  t.expires_at = now + spec_.lease_ttl_seconds * 1000;
  m.expiry.insert({t.expires_at, task});
  const bool was_expired = t.expired;
  t.expired = false;
  m.emit_task(task, t, TaskState::active, out);
  if (was_expired) m.requeue(t.row, now, out);
  return std::nullopt;
}

std::optional<Error> Engine::release(TaskId task, const std::string& reviewer, TimeMs now,
                                     Changes& out) {
  auto& m = *impl_;
  if (auto e = m.check_holder(task, reviewer)) return e;
  const LiveTask t = m.live.at(task);
  m.end_task(task, TaskState::released, out);
  m.activity(t.row).soft.push_back(t.reviewer);
  m.remember_soft(t.reviewer, t.row);
  m.requeue(t.row, now, out);
  return std::nullopt;
}

std::optional<Error> Engine::skip(TaskId task, const std::string& reviewer,
                                  const std::string& reason, TimeMs now, Changes& out) {
  auto& m = *impl_;
  if (auto e = m.check_holder(task, reviewer)) return e;
  const auto& reasons = spec_.skip_reasons;
  if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
    std::string allowed;
    for (const auto& x : reasons) allowed += (allowed.empty() ? "" : ", ") + x;
    return Error::field(ErrorCode::validation_failed, "/reason",
                        "'" + reason + "' is not one of the project's skip_reasons: [" + allowed +
                            "]");
  }
  const LiveTask t = m.live.at(task);
  m.end_task(task, TaskState::skipped, out);
  auto& act = m.activity(t.row);
  act.skipped.push_back(t.reviewer);
  out.skips.push_back({spec_.id, m.row_ids[t.row], t.stage, reviewer, reason, now});
  m.requeue(t.row, now, out);
  if (m.rows[t.row].status == RowStatus::set_aside) {
    for (auto it = out.rows.rbegin(); it != out.rows.rend(); ++it) {
      if (it->row_id == m.row_ids[t.row]) {
        it->set_aside_reason = "skipped by every eligible reviewer (last reason: " + reason + ")";
        break;
      }
    }
  }
  return std::nullopt;
}

}  // namespace labelflow::core
