#include "api/json/task_json.hpp"

#include "api/json/time_text.hpp"
#include "api/json/values.hpp"

namespace labelflow::api {

namespace json = boost::json;

const char* stage_kind_name(core::StageKind kind) {
  switch (kind) {
    case core::StageKind::review:
      return "review";
    case core::StageKind::adjudicate:
      return "adjudicate";
    case core::StageKind::escalate:
      return "escalate";
  }
  return "review";
}

namespace {

std::string widget_path(const std::string& file) { return file.empty() ? "" : "/widgets/" + file; }

// The same in every task of a configuration: schema, widgets by label, skip reasons.
void add_schema(json::object& task, const service::TaskSchema& schema) {
  json::array labels;
  json::object widgets;
  for (const auto& l : schema.labels) {
    labels.push_back(json::object{{"name", l.name},
                                  {"type", l.type},
                                  {"instructions", l.instructions},
                                  {"options", l.options},
                                  {"widget", widget_path(l.widget)}});
    if (!l.widget.empty()) widgets[l.name] = widget_path(l.widget);
  }
  task["schema"] = std::move(labels);
  task["widgets"] = std::move(widgets);
  task["skip_reasons"] = string_array(schema.skip_reasons);
}

}  // namespace

json::object task_json(const service::Task& t) {
  const core::RowContent& c = t.row->content;
  json::object row{{"id", c.id},
                   {"context", c.context},
                   {"query", c.query},
                   {"response", c.response},
                   {"metadata", c.metadata},
                   {"domains", string_array(t.row->domains)}};
  json::object task{{"task", t.id},
                    {"project", t.project},
                    {"stage", t.stage},
                    {"kind", stage_kind_name(t.kind)},
                    {"claimed_at", iso_time(t.claimed_at)},
                    {"lease_expires_at", iso_time(t.lease_expires_at)},
                    {"row", std::move(row)},
                    {"labels", t.start_labels}};
  if (t.schema) add_schema(task, *t.schema);
  if (t.kind == core::StageKind::review) return task;

  json::array reviews;
  for (const auto& r : t.reviews) {
    reviews.push_back(json::object{
        {"reviewer", r.reviewer}, {"stage", r.stage}, {"expert", r.expert}, {"labels", r.labels}});
  }
  json::object diff;
  for (const auto& [label, pairs] : t.diff) {
    json::array out;
    for (const auto& p : pairs) {
      out.push_back(json::object{
          {"a", p.a},
          {"b", p.b},
          {"diff", p.diff},
          {"agreement", number_or_null(p.agreement)}});
    }
    diff[label] = std::move(out);
  }
  json::object agreement;
  for (const auto& [label, score] : t.agreement) agreement[label] = score;
  task["reviews"] = std::move(reviews);
  task["diff"] = std::move(diff);
  task["agreement"] = std::move(agreement);
  return task;
}

json::object submit_json(const service::SubmitResult& r) {
  json::object status;
  for (const auto& [label, s] : r.label_status) status[label] = core::to_string(s);
  return {{"task", r.task}, {"status", "submitted"}, {"label_status", std::move(status)}};
}

json::object heartbeat_json(const service::HeartbeatResult& r) {
  json::object o{{"task", r.task}};
  if (r.lease_expires_at) o["lease_expires_at"] = iso_time(*r.lease_expires_at);
  return o;
}

json::object task_ended_json(const service::TaskEnded& r, std::string_view status) {
  return {{"task", r.task}, {"status", status}};
}

}  // namespace labelflow::api
