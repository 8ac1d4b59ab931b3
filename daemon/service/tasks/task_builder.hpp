// Builds the Task a reviewer receives from the engine's TaskView: the row (with its domains),
// the labels to start from (valid auto labels only), the project's task schema, and for
// adjudication and escalation the earlier reviews with the label plugins' diff and agreement
// of every pair of them. Review tasks never carry other reviews (I2): the engine's TaskView has
// none for them.
#pragma once

#include <memory>

#include "config/project.hpp"
#include "core/engine.hpp"
#include "service/runtime/plugin_label_oracle.hpp"
#include "service/tasks/task_types.hpp"

namespace labelflow::service {

Task build_task(const std::string& project, const core::TaskView& view,
                std::shared_ptr<const core::RowDoc> row, std::shared_ptr<const TaskSchema> schema,
                const LabelPlugins& plugins);

// What every task of a configuration shares: the label schema (with each plugin's effective
// options and widget) and the skip reasons. Built once per configuration.
std::shared_ptr<const TaskSchema> task_schema(const config::Project& config,
                                              const core::ProjectSpec& spec,
                                              const LabelPlugins& plugins);

}  // namespace labelflow::service
