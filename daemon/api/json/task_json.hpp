// The reviewer task calls' answers as JSON (docs/api.md, "Reviewer endpoints").
#pragma once

#include <boost/json/object.hpp>

#include "service/tasks/task_types.hpp"

namespace labelflow::api {

// POST /v1/projects/{project}/tasks/next: the task, its row, labels to start from, the label
// schema and widgets, the skip reasons; adjudication and escalation add reviews, diff and
// agreement.
boost::json::object task_json(const service::Task& task);
boost::json::object submit_json(const service::SubmitResult& result);
boost::json::object heartbeat_json(const service::HeartbeatResult& result);
// Release and skip: {"task", "status"}.
boost::json::object task_ended_json(const service::TaskEnded& result, std::string_view status);

// "review", "adjudicate" or "escalate".
const char* stage_kind_name(core::StageKind kind);

}  // namespace labelflow::api
