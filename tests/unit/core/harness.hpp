// A small driver around core::Engine for tests: a fake clock, exact-match labels, row documents
// kept in a map (standing in for the store), and helpers that fail the test on refusals.
#pragma once

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "core/engine.hpp"

namespace labelflow::core::testing {

inline ReviewerSpec reviewer(std::string id, RoleMask roles,
                             std::vector<std::string> expertise = {}) {
  ReviewerSpec r;
  r.id = std::move(id);
  r.roles = roles;
  r.expertise = std::move(expertise);
  r.hourly_rate = 20;
  return r;
}
inline constexpr RoleMask kP = static_cast<RoleMask>(Role::primary);
inline constexpr RoleMask kQ = static_cast<RoleMask>(Role::qa);
inline constexpr RoleMask kPQ = kP | kQ;

inline ProjectSpec project(std::vector<std::string> expert_domains = {}) {
  ProjectSpec p;
  static const std::string kId = "proj";
  p.id = kId;
  p.labels.emplace_back("intent");
  p.expert_domains = std::move(expert_domains);
  p.lease_ttl_seconds = 60;
  p.skip_reasons.emplace_back("unclear");
  p.skip_reasons.emplace_back("offensive");
  return p;
}

struct Harness {
  Harness(ProjectSpec spec, std::vector<ReviewerSpec> reviewers)
      : specs(std::move(reviewers)), engine(std::move(spec), specs, oracle, ids) {}

  ExactLabelOracle oracle;
  TaskIdAllocator ids;
  std::vector<ReviewerSpec> specs;
  Engine engine;
  std::map<std::string, RowDoc> docs;
  TimeMs now = 1'700'000'000'000;
  Changes log;  // everything emitted, in order

  void add(const std::string& id, std::string auto_intent = "question",
           std::vector<std::string> domains = {}, std::int64_t priority = 0) {
    RowDoc d;
    d.content.id = id;
    d.content.response = "text of " + id;
    if (!auto_intent.empty()) d.content.auto_labels["intent"] = auto_intent;
    d.domains = domains;
    docs[id] = d;
    Changes c;
    REQUIRE_FALSE(engine.add_row(id, priority, domains, now, c));
    log.append(std::move(c));
  }
  std::optional<TaskView> next(const std::string& r) {
    Changes c;
    auto res = engine.next_task(r, now, c);
    REQUIRE(res.ok());
    log.append(std::move(c));
    return *res.value;
  }
  TaskView take(const std::string& r) {
    auto t = next(r);
    REQUIRE(t.has_value());
    return *t;
  }
  std::optional<Error> submit(TaskId t, const std::string& r, const std::string& intent,
                              std::optional<double> active = std::nullopt) {
    Changes c;
    SubmitInput in;
    in.labels["intent"] = intent;
    in.active_seconds = active;
    auto row = engine.task_row(t);
    const RowDoc& doc = row ? docs.at(*row) : docs.begin()->second;
    auto e = engine.submit(t, r, in, doc, now, c);
    if (e) REQUIRE(c.empty());  // a refusal changes nothing
    log.append(std::move(c));
    return e;
  }
  void ok_submit(TaskId t, const std::string& r, const std::string& intent) {
    auto e = submit(t, r, intent);
    INFO((e ? e->message : ""));
    REQUIRE_FALSE(e);
  }
  RowStatus status(const std::string& row) { return engine.row_state(row)->status; }
  const DecisionRecord* decision(const std::string& row) const {
    for (const auto& d : log.decisions) {
      if (d.row_id == row) return &d;
    }
    return nullptr;
  }
  std::vector<const ReviewRecord*> reviews(const std::string& row) const {
    std::vector<const ReviewRecord*> out;
    for (const auto& r : log.reviews) {
      if (r.row_id == row) out.push_back(&r);
    }
    return out;
  }
  void advance_seconds(double s) { now += static_cast<TimeMs>(s * 1000); }
};

}  // namespace labelflow::core::testing
