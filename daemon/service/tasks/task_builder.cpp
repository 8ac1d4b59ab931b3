#include "service/tasks/task_builder.hpp"

#include <spdlog/spdlog.h>

#include "service/tasks/task_names.hpp"

namespace labelflow::service {

std::shared_ptr<const TaskSchema> task_schema(const config::Project& config,
                                              const core::ProjectSpec& spec,
                                              const LabelPlugins& plugins) {
  auto schema = std::make_shared<TaskSchema>();
  for (const auto& l : config.labels) {
    LabelSchema out{l.name, l.plugin.type, l.instructions, l.plugin.options, ""};
    if (auto it = plugins.find(l.name); it != plugins.end()) {
      if (auto opts = it->second->options()) out.options = *opts;
      if (auto widget = it->second->widget()) out.widget = *widget;
    }
    schema->labels.push_back(std::move(out));
  }
  schema->skip_reasons = spec.skip_reasons;
  return schema;
}

namespace {

// Per label, the plugin's diff and agreement of every pair of earlier reviews.
std::map<std::string, std::vector<PairDiff>> pair_diffs(const std::vector<EarlierReview>& reviews,
                                                        const core::RowContent& row,
                                                        const LabelPlugins& plugins) {
  std::map<std::string, std::vector<PairDiff>> out;
  const auto view = row_view(row);
  for (const auto& [name, plugin] : plugins) {
    auto& pairs = out[name];
    for (std::size_t i = 0; i < reviews.size(); ++i) {
      for (std::size_t j = i + 1; j < reviews.size(); ++j) {
        const auto& a = reviews[i];
        const auto& b = reviews[j];
        const boost::json::value* va = a.labels.if_contains(name);
        const boost::json::value* vb = b.labels.if_contains(name);
        if (va == nullptr || vb == nullptr) continue;
        PairDiff entry{a.reviewer, b.reviewer, nullptr, std::nullopt};
        if (auto d = plugin->diff(*va, *vb, view)) {
          entry.diff = std::move(*d);
        } else {
          spdlog::warn("label '{}' ({}): diff failed on row '{}': {}", name, plugin->plugin_name(),
                       row.id, d.status().to_string());
        }
        if (auto ag = plugin->agreement(*va, *vb, view)) entry.agreement = *ag;
        pairs.push_back(std::move(entry));
      }
    }
  }
  return out;
}

}  // namespace

Task build_task(const std::string& project, const core::TaskView& view,
                std::shared_ptr<const core::RowDoc> row, std::shared_ptr<const TaskSchema> schema,
                const LabelPlugins& plugins) {
  Task task;
  task.id = task_name(view.id);
  task.project = project;
  task.stage = view.stage_name;
  task.kind = view.kind;
  task.claimed_at = view.claimed_at;
  task.lease_expires_at = view.expires_at;
  task.start_labels = row->start_labels();
  task.schema = std::move(schema);
  if (view.kind != core::StageKind::review) {
    for (const auto& pr : view.earlier_reviews) {
      task.reviews.push_back({pr.reviewer, pr.stage_name, pr.expert, pr.labels});
    }
    task.diff = pair_diffs(task.reviews, row->content, plugins);
    task.agreement = view.agreement;
  }
  task.row = std::move(row);
  return task;
}

}  // namespace labelflow::service
