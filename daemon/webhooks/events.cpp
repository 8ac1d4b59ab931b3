#include "webhooks/events.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "webhooks/signature.hpp"

namespace labelflow::webhooks {

std::string event_body(const std::string& event, const std::string& delivery,
                       const std::string& project, core::TimeMs at,
                       const boost::json::object& data) {
  boost::json::object body{{"event", event},
                           {"delivery", delivery},
                           {"project", project},
                           {"at", at},
                           {"data", data}};
  return boost::json::serialize(body);
}

std::vector<store::WebhookEvent> events_for(const std::vector<config::Webhook>& hooks,
                                            const std::string& project, const std::string& event,
                                            const boost::json::object& data, core::TimeMs at) {
  std::vector<store::WebhookEvent> out;
  for (const auto& hook : hooks) {
    if (std::find(hook.events.begin(), hook.events.end(), event) == hook.events.end()) continue;
    store::WebhookEvent e;
    e.delivery = new_delivery_id();
    e.project = project;
    e.url = hook.url;
    e.event = event;
    e.body = event_body(event, e.delivery, project, at, data);
    e.created_at = at;
    out.push_back(std::move(e));
  }
  return out;
}

namespace {

boost::json::object agreement_json(const std::map<std::string, double>& agreement) {
  boost::json::object out;
  for (const auto& [label, value] : agreement) out[label] = value;
  return out;
}

void append(std::vector<store::WebhookEvent>& to, std::vector<store::WebhookEvent> from) {
  for (auto& e : from) to.push_back(std::move(e));
}

}  // namespace

std::vector<store::WebhookEvent> change_events(const std::vector<config::Webhook>& hooks,
                                               const std::string& project,
                                               const core::Changes& changes,
                                               int escalation_stage, core::TimeMs at) {
  std::vector<store::WebhookEvent> out;
  if (hooks.empty()) return out;
  for (const auto& r : changes.rows) {
    if (r.status != core::RowStatus::open || r.stage != escalation_stage) continue;
    append(out, events_for(hooks, project, config::kEventRowEscalated,
                           {{"row", r.row_id}, {"agreement", agreement_json(r.agreement)}}, at));
  }
  for (const auto& d : changes.decisions) {
    append(out, events_for(hooks, project, config::kEventRowFinalized,
                           {{"row", d.row_id},
                            {"final_labels", d.final_labels},
                            {"adjudicator", d.adjudicator},
                            {"escalated", d.escalated},
                            {"agreement", agreement_json(d.agreement)},
                            {"decided_at", d.decided_at}},
                           at));
  }
  return out;
}

}  // namespace labelflow::webhooks
