// Turning one event of a project into outbox entries: one per configured webhook that
// subscribed to it, each with its own delivery id, ready to go into the store Batch of the
// change that caused the event.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "config/project.hpp"
#include "core/engine.hpp"
#include "store/state_store.hpp"

namespace labelflow::webhooks {

// The JSON body every webhook gets: {"event", "delivery", "project", "at" (ms since the
// epoch), "data": `data`}. The delivery id is in the body too, so a stored body identifies
// itself.
std::string event_body(const std::string& event, const std::string& delivery,
                       const std::string& project, core::TimeMs at,
                       const boost::json::object& data);

// Entries for `event` to every webhook in `hooks` whose `events` include it.
std::vector<store::WebhookEvent> events_for(const std::vector<config::Webhook>& hooks,
                                            const std::string& project, const std::string& event,
                                            const boost::json::object& data, core::TimeMs at);

}  // namespace labelflow::webhooks
