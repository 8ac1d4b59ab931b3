// Seeded randomized simulation: >= 10,000 rows, 24 reviewers with mixed roles and expertise,
// random lease expiries, releases, skips, heartbeats and disagreements; the engine is rebuilt
// from the SQLite store several times mid-run and a reviewer leaves and rejoins. At the end
// every row is final or set aside with a reason, and I1-I4, I6 hold for every row.
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <set>

#include "store/sqlite_store.hpp"
#include "temp_dir.hpp"

using namespace labelflow;
using namespace labelflow::store;

namespace {

constexpr int kRows = 10'000;
const std::vector<std::string> kDomains = {"medical", "legal", "finance"};
const std::vector<std::string> kValues = {"a", "b", "c"};

struct Sim {
  Sim(const std::string& path, std::vector<core::StageSpec> stages, std::uint64_t seed)
      : store(path), rng(seed) {
    spec.id = "sim";
    spec.labels = {"intent", "tone"};
    spec.expert_domains = kDomains;
    spec.stages = std::move(stages);
    spec.lease_ttl_seconds = 60;
    spec.max_leases_per_reviewer = 2;
    spec.skip_reasons = {"unclear", "offensive"};
    spec.seed = seed;
    for (int i = 0; i < 24; ++i) {
      core::ReviewerSpec r;
      r.id = "rv" + std::to_string(i);
      r.roles = i < 14 ? 1 : (i < 19 ? 2 : 3);
      if (i % 3 == 0) r.expertise.push_back(kDomains[(i / 3) % 3]);
      if (i % 8 == 0) r.expertise.push_back(kDomains[(i / 8 + 1) % 3]);
      reviewers.push_back(r);
      expertise[r.id] = std::set<std::string>(r.expertise.begin(), r.expertise.end());
    }
    restart();
  }

  void restart() {
    flush();
    engine.reset();
    engine = std::make_unique<core::Engine>(spec, active_reviewers(), oracle, ids);
    core::Changes c;
    engine->restore(store.load(spec.id), now, c);
    pending.append(std::move(c));
    held.clear();  // the sim forgets nothing the engine keeps: re-learn held tasks lazily
    for (auto& [id, t] : all_tasks) {
      if (engine->task_row(id)) held[t].push_back(id);
    }
  }
  std::vector<core::ReviewerSpec> active_reviewers() const {
    std::vector<core::ReviewerSpec> out;
    for (const auto& r : reviewers) {
      if (r.id != removed) out.push_back(r);
    }
    return out;
  }
  void flush() {
    if (pending.empty()) return;
    Batch b;
    b.project = spec.id;
    b.changes = std::move(pending);
    pending = {};
    store.commit(std::move(b)).get();
  }

  void import_all() {
    for (int start = 0; start < kRows; start += 1000) {
      Batch b;
      b.project = spec.id;
      std::vector<std::pair<std::string, std::vector<std::string>>> added;
      for (int i = start; i < start + 1000; ++i) {
        core::RowDoc d;
        d.content.id = "row-" + std::to_string(i);
        d.content.response = "response " + std::to_string(i);
        if (rng() % 4) d.content.auto_labels["intent"] = kValues[rng() % 3];
        if (rng() % 10 == 0) d.invalid_auto_labels.push_back("intent");
        if (rng() % 5 == 0) d.domains.push_back(kDomains[rng() % 3]);
        if (rng() % 20 == 0) d.domains.push_back(kDomains[rng() % 3]);
        d.content.metadata["priority"] = static_cast<std::int64_t>(rng() % 3);
        truth[d.content.id] = kValues[rng() % 3];
        added.emplace_back(d.content.id, d.domains);
        b.imports.push_back(std::move(d));
      }
      auto res = store.commit(std::move(b)).get();
      for (std::size_t i = 0; i < added.size(); ++i) {
        REQUIRE(res.imports[i].kind == ImportKind::inserted);
        core::Changes c;
        const auto& [id, domains] = added[i];
        REQUIRE_FALSE(engine->add_row(id, 0, domains, now, c));
        pending.append(std::move(c));
      }
      flush();
    }
  }

  std::string answer(const std::string&, const std::string& row) {
    return rng() % 100 < 75 ? truth[row] : kValues[rng() % 3];
  }

  void step() {
    now += static_cast<core::TimeMs>(rng() % 8000);
    const auto& r = reviewers[rng() % reviewers.size()].id;
    if (r == removed) return;
    auto& mine = held[r];
    const int dice = static_cast<int>(rng() % 100);
    if (mine.empty() || dice < 30) {
      core::Changes c;
      auto t = engine->next_task(r, now, c);
      REQUIRE(t.ok());
      if (t.value->has_value()) {
        const auto& v = **t.value;
        if (v.kind == core::StageKind::review) REQUIRE(v.earlier_reviews.empty());  // I2
        if (std::find(mine.begin(), mine.end(), v.id) == mine.end()) mine.push_back(v.id);
        all_tasks[v.id] = r;
      }
      note(c);
      pending.append(std::move(c));
      return;
    }
    const core::TaskId task = mine[rng() % mine.size()];
    core::Changes c;
    std::optional<core::Error> e;
    if (dice < 80) {
      auto row_id = engine->task_row(task);
      if (!row_id) {
        forget(r, task);
        return;
      }
      auto doc = store.row(spec.id, *row_id);
      REQUIRE(doc);
      core::SubmitInput in;
      in.labels["intent"] = answer(r, *row_id);
      in.labels["tone"] = rng() % 10 ? "neutral" : "rude";
      in.active_seconds = static_cast<double>(rng() % 300);
      e = engine->submit(task, r, in, *doc, now, c);
      if (!e) forget(r, task);
    } else if (dice < 85) {
      e = engine->release(task, r, now, c);
      forget(r, task);
    } else if (dice < 88) {
      e = engine->skip(task, r, spec.skip_reasons[rng() % 2], now, c);
      forget(r, task);
    } else if (dice < 93) {
      e = engine->heartbeat(task, r, now, c);
    } else {
      forget(r, task);  // walks away: the lease expires and someone takes it over
      abandoned.insert(task);
      return;
    }
    if (e) {
      REQUIRE(e->code == core::ErrorCode::lease_conflict);  // only a lost lease is refused here (I6)
      REQUIRE(c.empty());
      REQUIRE(superseded.count(task) + dropped.count(task) == 1);
      forget(r, task);
    }
    note(c);
    pending.append(std::move(c));
  }
  void note(const core::Changes& c) {
    for (const auto& t : c.tasks) {
      if (t.state == core::TaskState::superseded) superseded.insert(t.id);
      if (t.state == core::TaskState::dropped) dropped.insert(t.id);
    }
    ++ops;
  }
  void forget(const std::string& r, core::TaskId t) {
    auto& v = held[r];
    v.erase(std::remove(v.begin(), v.end(), t), v.end());
  }

  SqliteStateStore store;
  std::mt19937_64 rng;
  core::ExactLabelOracle oracle;
  core::TaskIdAllocator ids;
  core::ProjectSpec spec;
  std::vector<core::ReviewerSpec> reviewers;
  std::map<std::string, std::set<std::string>> expertise;
  std::string removed;
  std::unique_ptr<core::Engine> engine;
  core::Changes pending;
  core::TimeMs now = 1'700'000'000'000;
  std::map<std::string, std::string> truth;
  std::map<std::string, std::vector<core::TaskId>> held;
  std::map<core::TaskId, std::string> all_tasks;
  std::set<core::TaskId> superseded, dropped, abandoned;
  std::uint64_t ops = 0;
};

void run(std::vector<core::StageSpec> stages, std::uint64_t seed) {
  testing::TempDir dir;
  Sim sim(dir.file("state.db"), stages, seed);
  sim.import_all();
  std::uint64_t steps = 0;
  int restarts = 0;
  for (;;) {
    const auto counts = sim.engine->counts();
    if (counts.open == 0) break;
    REQUIRE(steps < 3'000'000);
    sim.step();
    ++steps;
    if (steps % 1000 == 0) sim.flush();
    if (steps % 40'000 == 0) {
      sim.restart();
      ++restarts;
    }
    if (steps == 25'000) {  // a reviewer leaves the project...
      sim.removed = "rv3";
      core::Changes c;
      sim.engine->reconfigure(sim.spec, sim.active_reviewers(), sim.now, c);
      sim.note(c);
      sim.pending.append(std::move(c));
    }
    if (steps == 60'000) {  // ... and comes back
      sim.removed.clear();
      core::Changes c;
      sim.engine->reconfigure(sim.spec, sim.active_reviewers(), sim.now, c);
      sim.pending.append(std::move(c));
    }
  }
  sim.flush();
  REQUIRE(restarts >= 2);
  WARN("steps " << steps << ", restarts " << restarts);

  // Every row is final or set aside with a reason; I1-I4 hold for each.
  std::size_t final_rows = 0, escalated = 0, adjudicated = 0;
  const auto aside = sim.store.set_aside(sim.spec.id);
  std::set<std::string> aside_ids;
  for (const auto& a : aside) {
    REQUIRE_FALSE(a.reason.empty());
    aside_ids.insert(a.row_id);
  }
  const auto stage_count = static_cast<int>(stages.size());
  for (int i = 0; i < kRows; ++i) {
    const std::string id = "row-" + std::to_string(i);
    const auto doc = sim.store.row(sim.spec.id, id);
    const auto d = sim.store.decision(sim.spec.id, id);
    if (!d) {
      REQUIRE(aside_ids.count(id));
      continue;
    }
    ++final_rows;
    const auto reviews = sim.store.reviews(sim.spec.id, id);
    std::set<std::string> experts_needed;
    for (const auto& dom : doc->domains) experts_needed.insert(dom);
    auto is_expert = [&](const std::string& r) {
      for (const auto& dom : experts_needed) {
        if (sim.expertise[r].count(dom)) return true;
      }
      return false;
    };
    // I1: distinct humans; the escalation expert may repeat a primary but not an adjudicator.
    std::set<std::string> seen, adjudicators;
    const core::ReviewRecord* last_adj = nullptr;
    const core::ReviewRecord* esc = nullptr;
    for (const auto& r : reviews) {
      if (r.stage == stage_count) {
        esc = &r;
        continue;
      }
      REQUIRE(seen.insert(r.reviewer).second);
      if (r.role == "qa") {
        adjudicators.insert(r.reviewer);
        last_adj = &r;
      }
      // I4: non-expert labels on specialized rows are best effort
      REQUIRE(r.best_effort == (!experts_needed.empty() && !is_expert(r.reviewer)));
      REQUIRE(r.expert == is_expert(r.reviewer));
    }
    if (esc) {
      REQUIRE(is_expert(esc->reviewer));
      REQUIRE_FALSE(adjudicators.count(esc->reviewer));
      REQUIRE(d->escalated);
      REQUIRE(d->final_labels == esc->labels);
      ++escalated;
    }
    if (last_adj) ++adjudicated;
    // I3: each expert domain covered by some reviewer
    for (const auto& dom : experts_needed) {
      bool covered = false;
      for (const auto& r : reviews) covered = covered || sim.expertise[r.reviewer].count(dom);
      INFO(id << " domain " << dom);
      REQUIRE(covered);
    }
    // I4: a non-expert final label never overrules every expert primary
    if (!experts_needed.empty() && last_adj && !is_expert(last_adj->reviewer)) {
      for (const auto& label : sim.spec.labels) {
        bool any_expert = false, match = false;
        for (const auto& r : reviews) {
          if (r.role != "primary" || !r.expert) continue;
          any_expert = true;
          match = match || r.labels.at(label) == last_adj->labels.at(label);
        }
        if (any_expert && !match) REQUIRE(esc);
      }
    }
    if (!experts_needed.empty()) REQUIRE(last_adj);  // specialized rows always adjudicated
  }
  REQUIRE(final_rows + aside.size() == static_cast<std::size_t>(kRows));
  REQUIRE(final_rows > kRows * 9 / 10);
  INFO("final " << final_rows << " aside " << aside.size() << " escalated " << escalated);
  REQUIRE(escalated > 0);
  REQUIRE(adjudicated > 0);
  REQUIRE_FALSE(sim.superseded.empty());  // lease takeovers did happen
}

}  // namespace

TEST_CASE("simulation: default pipeline (two blind primaries, QA always)", "[store][sim]") {
  run(core::default_pipeline(), 1);
}

TEST_CASE("simulation: three primaries, adjudicate on disagreement with 10% sampling",
          "[store][sim]") {
  auto stages = core::default_pipeline();
  stages[0].reviewers = 3;
  stages[1].when = core::AdjudicateWhen::disagreement;
  stages[1].sample_rate = 0.1;
  run(stages, 2);
}

TEST_CASE("simulation: one review, extra reviewers below agreement, adjudication", "[store][sim]") {
  auto stages = core::default_pipeline();
  stages[0].reviewers = 1;
  stages[0].add_reviewer_below = 1.0;
  stages[0].max_reviewers = 3;
  stages[1].when = core::AdjudicateWhen::disagreement;
  run(stages, 3);
}
