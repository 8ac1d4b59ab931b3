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

}  // namespace labelflow::webhooks
