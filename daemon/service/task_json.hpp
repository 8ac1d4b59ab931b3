// The task a reviewer receives (docs/api.md, POST /v1/projects/{project}/tasks/next): id,
// stage, kind, lease expiry, the row (with its domains), the labels to start from (valid auto
// labels only), the label schema and widgets, and for adjudication/escalation the earlier
// reviews, a per-label diff between each pair of them (from the plugin) and the agreement.
// Review tasks never carry other reviews (I2): the engine's TaskView has none for them.
#pragma once

#include <boost/json/value.hpp>

#include "core/engine.hpp"
#include "service/context.hpp"

namespace labelflow::service {

boost::json::value task_json(const ProjectRuntime& project, const core::TaskView& view,
                             const core::RowDoc& row, const LabelPlugins& plugins);

// The parts of every task of a project that only a reload changes, built once per setup: the
// label schema for clients ("schema": [{"name", "type", "instructions", "options", "widget"}]),
// the "widgets" by label and the "skip_reasons".
boost::json::object task_fixed_parts(const config::Project& config, const core::ProjectSpec& spec,
                                     const LabelPlugins& plugins);

const char* kind_name(core::StageKind kind);

}  // namespace labelflow::service
