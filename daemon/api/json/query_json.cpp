#include "api/json/query_json.hpp"

#include "api/json/time_text.hpp"
#include "api/json/values.hpp"
#include "service/tasks/task_names.hpp"

namespace labelflow::api {

namespace json = boost::json;

namespace {

json::object scores(const std::map<std::string, double>& m) {
  json::object o;
  for (const auto& [k, v] : m) o[k] = v;
  return o;
}

const char* status_name(core::RowStatus s) {
  switch (s) {
    case core::RowStatus::open:
      return "open";
    case core::RowStatus::final:
      return "final";
    case core::RowStatus::set_aside:
      return "set_aside";
  }
  return "open";
}

json::object review_json(const core::ReviewRecord& rv) {
  json::object ls;
  for (const auto& [l, s] : rv.label_status) ls[l] = core::to_string(s);
  return {{"task", service::task_name(rv.task_id)},
          {"reviewer", rv.reviewer},
          {"stage", rv.stage_name},
          {"role", rv.role},
          {"expert", rv.expert},
          {"best_effort", rv.best_effort},
          {"labels", rv.labels},
          {"label_status", std::move(ls)},
          {"claimed_at", iso_time(rv.claimed_at)},
          {"submitted_at", iso_time(rv.submitted_at)},
          {"active_seconds", rv.active_seconds},
          {"comment", rv.comment}};
}

}  // namespace

json::array projects_json(const std::vector<service::ProjectSummary>& projects) {
  json::array out;
  for (const auto& p : projects) {
    out.push_back(json::object{{"id", p.id},
                               {"name", p.name},
                               {"paused", p.paused},
                               {"rows", p.rows},
                               {"finalized", p.finalized},
                               {"open", p.open},
                               {"set_aside", p.set_aside}});
  }
  return out;
}

json::object progress_json(const service::Progress& p) {
  json::array stages;
  for (const auto& s : p.stages) stages.push_back(json::object{{"name", s.name}, {"open", s.open}});
  return {{"project", p.project},
          {"paused", p.paused},
          {"rows", p.rows},
          {"open", p.open},
          {"leased", p.leased},
          {"stages", std::move(stages)},
          {"finalized", p.finalized},
          {"set_aside", p.set_aside},
          {"reviews", p.reviews},
          {"hours", p.hours},
          {"remaining_reviews", p.remaining_reviews},
          {"hours_left_estimate", number_or_null(p.hours_left_estimate)}};
}

json::object agreement_json(const service::Agreement& a) {
  json::object labels;
  for (const auto& [name, metrics] : a.labels) labels[name] = metrics;
  return {{"project", a.project}, {"reviews", a.reviews}, {"labels", std::move(labels)}};
}

json::array members_json(const std::vector<service::MemberSummary>& members) {
  json::array out;
  for (const auto& m : members) {
    out.push_back(json::object{{"id", m.id},
                               {"name", m.name},
                               {"roles", string_array(m.roles)},
                               {"expertise", string_array(m.expertise)},
                               {"rows", m.rows},
                               {"hours", m.hours}});
  }
  return out;
}

json::object row_json(const service::RowDetails& r) {
  json::object row = core::to_json(r.row->content);
  row["domains"] = string_array(r.row->domains);
  row["invalid_auto_labels"] = string_array(r.row->invalid_auto_labels);
  json::object state{{"status", "unknown"}};
  if (r.state) {
    state = json::object{{"status", status_name(r.state->status)},
                         {"stage", r.state->stage},
                         {"needed", r.state->needed},
                         {"agreement", scores(r.state->agreement)}};
  }
  json::array reviews;
  for (const auto& rv : r.reviews) reviews.push_back(review_json(rv));
  json::value decision = nullptr;
  if (const auto& d = r.decision) {
    decision = json::object{{"final_labels", d->final_labels},
                            {"adjudicator", d->adjudicator},
                            {"escalated", d->escalated},
                            {"escalation_reviewer", d->escalation_reviewer},
                            {"agreement", scores(d->agreement)},
                            {"decided_at", iso_time(d->decided_at)}};
  }
  return {{"project", r.project},
          {"row", std::move(row)},
          {"state", std::move(state)},
          {"reviews", std::move(reviews)},
          {"decision", std::move(decision)}};
}

json::object me_json(const service::Me& me) {
  json::object identity{{"id", me.id},
                        {"name", me.name},
                        {"roles", string_array(me.roles)},
                        {"expertise", string_array(me.expertise)},
                        {"weekly_min_hours", me.weekly_min_hours}};
  json::object week{
      {"week", me.week}, {"rows", me.rows}, {"hours", me.hours}, {"minimum_met", me.minimum_met}};
  json::array feedback;
  for (const auto& f : me.feedback) {
    feedback.push_back(json::object{{"project", f.project},
                                    {"row", f.row},
                                    {"stage", f.stage},
                                    {"from", f.from},
                                    {"comment", f.comment},
                                    {"at", iso_time(f.at)}});
  }
  return {{"reviewer", std::move(identity)},
          {"week", std::move(week)},
          {"feedback", std::move(feedback)}};
}

json::object weekly_report_json(const service::WeeklyReport& report) {
  json::array rows;
  for (const auto& w : report.reviewers) {
    rows.push_back(json::object{{"reviewer", w.reviewer},
                                {"week", w.week.str()},
                                {"rows", w.rows},
                                {"hours", w.hours},
                                {"cost", w.cost},
                                {"agreement", number_or_null(w.agreement)},
                                {"minimum_met", w.minimum_met}});
  }
  return {{"week", report.week},
          {"project", report.project.empty() ? json::value(nullptr) : json::value(report.project)},
          {"reviewers", std::move(rows)}};
}

std::string weekly_report_csv(const service::WeeklyReport& report) {
  return core::to_csv(report.reviewers);
}

}  // namespace labelflow::api
