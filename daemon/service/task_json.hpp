// The task a reviewer receives (docs/api.md, POST /v1/projects/{project}/tasks/next): id,
// stage, kind, lease expiry, the row (with its domains), the labels to start from (valid auto
// labels only), the label schema and widgets, and for adjudication/escalation the earlier
// reviews, a per-label diff between each pair of them (from the plugin) and the agreement.
// Review tasks never carry other reviews (I2): the engine's TaskView has none for them.
#pragma once

#include "core/engine.hpp"
#include "service/context.hpp"

#include <boost/json/value.hpp>

namespace labelflow::service {

boost::json::value task_json(const ProjectRuntime& project, const core::TaskView& view,
                             const core::RowDoc& row, const LabelPlugins& plugins);

// The label schema of a project for clients: [{"name", "type", "instructions", "options",
// "widget"}].
boost::json::array label_schema(const ProjectRuntime& project, const LabelPlugins& plugins);

const char* kind_name(core::StageKind kind);

}  // namespace labelflow::service
