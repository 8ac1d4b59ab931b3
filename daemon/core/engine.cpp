// Engine: construction, reviewers and membership, import, rebuild from the store, queries.
#include <algorithm>

#include "core/engine_state.hpp"

namespace labelflow::core {

Engine::Engine(ProjectSpec spec, const std::vector<ReviewerSpec>& reviewers,
               const LabelOracle& oracle, TaskIdAllocator& ids)
    : impl_(std::make_unique<Impl>(oracle, ids)), spec_(with_defaults(std::move(spec))) {
  impl_->spec = &spec_;
  impl_->queues.resize((spec_.stages.size() + 1) * impl_->slots_per_stage());
  impl_->apply_reviewers(reviewers);
}

Engine::~Engine() = default;

std::uint32_t Engine::Impl::domain_mask(const std::vector<std::string>& domains) const {
  std::uint32_t m = 0;
  for (std::size_t d = 0; d < spec->expert_domains.size(); ++d) {
    if (std::find(domains.begin(), domains.end(), spec->expert_domains[d]) != domains.end()) {
      m |= 1u << d;
    }
  }
  return m;
}

RevIdx Engine::Impl::reviewer_slot(const std::string& id) {
  auto it = reviewer_index.find(id);
  if (it != reviewer_index.end()) return it->second;
  const auto idx = static_cast<RevIdx>(reviewers.size());
  reviewers.push_back({});
  reviewers.back().id = id;
  reviewer_index.emplace(id, idx);
  return idx;
}

void Engine::Impl::apply_reviewers(const std::vector<ReviewerSpec>& all) {
  for (auto& r : reviewers) r.member = false;
  for (const auto& rs : all) {
    const bool member =
        spec->members.empty() ||
        std::find(spec->members.begin(), spec->members.end(), rs.id) != spec->members.end();
    auto& r = reviewers[reviewer_slot(rs.id)];
    r.roles = rs.roles;
    r.mask = domain_mask(rs.expertise);
    r.member = member;
  }
  stage_domains.assign(spec->stages.size() + 1, 0);
  for (const auto& r : reviewers) {
    if (!r.member) continue;
    for (std::size_t s = 0; s < spec->stages.size(); ++s) {
      if (r.roles & spec->stages[s].roles) stage_domains[s] |= r.mask;
    }
    stage_domains.back() |= r.mask;
  }
}

std::optional<Error> Engine::add_row(const std::string& id, std::int64_t priority,
                                     const std::vector<std::string>& domains, TimeMs now,
                                     Changes& out) {
  auto& m = *impl_;
  if (m.row_index.count(id)) {
    return Error{ErrorCode::bad_request,
                 "row '" + id + "' is already scheduled in project '" + spec_.id + "'"};
  }
  const auto idx = static_cast<RowIdx>(m.rows.size());
  m.row_ids.push_back(id);
  m.row_index.emplace(id, idx);
  m.rows.emplace_back();
  auto& row = m.rows.back();
  row.priority = priority;
  row.expert_mask = m.domain_mask(domains);
  row.stage = 0;
  row.needed = static_cast<std::uint8_t>(spec_.stages[0].reviewers);
  m.requeue(idx, now, out);
  return std::nullopt;
}

void Engine::restore(const Snapshot& snap, TimeMs now, Changes& out) {
  auto& m = *impl_;
  for (const auto& rs : snap.rows) {
    const auto idx = static_cast<RowIdx>(m.rows.size());
    m.row_ids.push_back(rs.id);
    m.row_index.emplace(rs.id, idx);
    m.rows.emplace_back();
    auto& row = m.rows.back();
    row.priority = rs.priority;
    row.expert_mask = m.domain_mask(rs.domains);
    row.status = rs.state.status;
    row.stage = static_cast<std::uint8_t>(std::clamp(rs.state.stage, 0, m.esc_stage()));
    row.needed = static_cast<std::uint8_t>(
        rs.state.needed > 0 ? rs.state.needed
                            : (row.stage < m.esc_stage() ? spec_.stages[row.stage].reviewers : 1));
    if (!rs.state.agreement.empty()) m.activity(idx).agreement = rs.state.agreement;
  }
  auto open_row = [&](const std::string& id) -> std::optional<RowIdx> {
    auto it = m.row_index.find(id);
    if (it == m.row_index.end() || m.rows[it->second].status != RowStatus::open) return {};
    return it->second;
  };
  for (const auto& rv : snap.reviews) {
    auto idx = open_row(rv.row_id);
    if (!idx) continue;
    const RevIdx r = m.reviewer_slot(rv.reviewer);
    m.activity(*idx).reviews.push_back(
        {r, static_cast<std::uint8_t>(rv.stage), rv.expert, rv.labels});
  }
  for (const auto& sk : snap.skips) {
    if (auto idx = open_row(sk.row_id))
      m.activity(*idx).skipped.push_back(m.reviewer_slot(sk.reviewer));
  }
  TaskId max_id = snap.max_task_id;
  for (const auto& t : snap.tasks) {
    max_id = std::max(max_id, t.id);
    auto idx = open_row(t.row_id);
    if (!idx) continue;
    const RevIdx r = m.reviewer_slot(t.reviewer);
    auto& row = m.rows[*idx];
    if (t.state == TaskState::active && t.stage == row.stage) {
      LiveTask lt{*idx, static_cast<std::uint8_t>(t.stage), r, t.claimed_at, t.expires_at, false};
      m.live.emplace(t.id, lt);
      m.expiry.insert({t.expires_at, t.id});
      m.activity(*idx).live.push_back(t.id);
      m.reviewers[r].live.push_back(t.id);
    } else if ((t.state == TaskState::released || t.state == TaskState::superseded) &&
               t.stage == row.stage) {
      m.activity(*idx).soft.push_back(r);
      m.reviewers[r].soft_rows.push_back(*idx);
      m.ended[t.id] = t.state;
      m.activity(*idx).ended.push_back(t.id);
    } else {
      m.ended[t.id] = t.state;
      m.activity(*idx).ended.push_back(t.id);
    }
  }
  m.ids.at_least(max_id + 1);
  for (RowIdx i = 0; i < m.rows.size(); ++i) {
    if (m.rows[i].status != RowStatus::open) {
      m.rows[i].act.reset();
      continue;
    }
    m.requeue(i, now, out);
  }
  // Leases of reviewers who left while the daemon was down.
  Changes dropped;
  for (auto& [id, t] : m.live) {
    if (!m.reviewers[t.reviewer].member) m.emit_task(id, t, TaskState::dropped, dropped);
  }
  for (const auto& rec : dropped.tasks) {
    const RowIdx row = m.live.at(rec.id).row;
    m.end_task(rec.id, TaskState::dropped, out);
    m.requeue(row, now, out);
  }
  m.expire_due(now, out);
}

void Engine::reconfigure(const ProjectSpec& spec, const std::vector<ReviewerSpec>& reviewers,
                         TimeMs now, Changes& out) {
  auto& m = *impl_;
  spec_.members = spec.members;
  spec_.lease_ttl_seconds = spec.lease_ttl_seconds;
  spec_.max_leases_per_reviewer = spec.max_leases_per_reviewer;
  spec_.skip_reasons = spec.skip_reasons;
  for (std::size_t i = 0; i < spec_.stages.size() && i < spec.stages.size(); ++i) {
    auto& st = spec_.stages[i];
    const auto& next = spec.stages[i];
    st.add_reviewer_below = next.add_reviewer_below;
    st.max_reviewers = next.max_reviewers;
    st.when = next.when;
    st.sample_rate = next.sample_rate;
    st.agree_threshold = next.agree_threshold;
  }
  m.apply_reviewers(reviewers);
  std::vector<TaskId> gone;
  for (const auto& [id, t] : m.live) {
    if (!m.reviewers[t.reviewer].member) gone.push_back(id);
  }
  std::sort(gone.begin(), gone.end());
  for (TaskId id : gone) m.end_task(id, TaskState::dropped, out);
  // Roles and expertise may have changed: every open row is filed again (O(rows), rare).
  for (RowIdx i = 0; i < m.rows.size(); ++i) {
    if (m.rows[i].status == RowStatus::open) m.requeue(i, now, out);
  }
}

std::optional<std::string> Engine::task_row(TaskId task) const {
  auto it = impl_->live.find(task);
  if (it == impl_->live.end()) return std::nullopt;
  return impl_->row_ids[it->second.row];
}

std::optional<TaskView> Engine::task_view(TaskId task) const {
  auto it = impl_->live.find(task);
  if (it == impl_->live.end()) return std::nullopt;
  return impl_->view(task, it->second);
}

std::optional<RowStateRecord> Engine::row_state(const std::string& row_id) const {
  auto it = impl_->row_index.find(row_id);
  if (it == impl_->row_index.end()) return std::nullopt;
  const auto& row = impl_->rows[it->second];
  RowStateRecord rec;
  rec.project = spec_.id;
  rec.row_id = row_id;
  rec.stage = row.stage;
  rec.needed = row.needed;
  rec.status = row.status;
  if (row.act) rec.agreement = row.act->agreement;
  return rec;
}

EngineCounts Engine::counts() const {
  EngineCounts c;
  c.waiting_per_stage.assign(spec_.stages.size() + 1, 0);
  for (const auto& row : impl_->rows) {
    ++c.rows;
    if (row.status == RowStatus::open) {
      ++c.open;
      ++c.waiting_per_stage[row.stage];
    }
    c.final += row.status == RowStatus::final;
    c.set_aside += row.status == RowStatus::set_aside;
  }
  c.live_tasks = impl_->live.size();
  c.leases_expired = impl_->leases_expired;
  c.tracked_tasks = impl_->live.size() + impl_->ended.size();
  return c;
}

double Engine::remaining_reviews() const {
  const auto& m = *impl_;
  double total = 0;
  for (const auto& row : m.rows) {
    if (row.status != RowStatus::open) continue;
    total += row.needed - m.submitted_in_stage(row);
    for (int s = row.stage + 1; s < m.esc_stage(); ++s) {
      const auto& st = spec_.stages[s];
      if (st.kind == StageKind::review) {
        total += st.reviewers;
      } else {
        total += st.when == AdjudicateWhen::always || row.expert_mask ? 1.0 : 0.5;
      }
    }
  }
  return total;
}

std::size_t Engine::approx_bytes() const {
  const auto& m = *impl_;
  std::size_t b = m.rows.capacity() * sizeof(RowRec) + m.row_ids.capacity() * sizeof(std::string);
  for (const auto& id : m.row_ids) b += id.capacity() > 15 ? id.capacity() + 1 : 0;
  // unordered_map node: key + value + next pointer + cached hash, plus one bucket pointer.
  b += m.row_index.size() * (sizeof(std::string) + sizeof(RowIdx) + 2 * sizeof(void*)) +
       m.row_index.bucket_count() * sizeof(void*);
  return b;
}

}  // namespace labelflow::core
