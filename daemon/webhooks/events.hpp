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

// The row events of one engine step, for the store Batch that commits it: row.finalized per
// decision ({"row", "final_labels", "adjudicator", "escalated", "agreement", "decided_at"})
// and row.escalated per open row entering `escalation_stage` (the pipeline's stage count):
// {"row", "agreement"}.
std::vector<store::WebhookEvent> change_events(const std::vector<config::Webhook>& hooks,
                                               const std::string& project,
                                               const core::Changes& changes,
                                               int escalation_stage, core::TimeMs at);

}  // namespace labelflow::webhooks
