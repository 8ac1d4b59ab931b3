#include "service/task_json.hpp"

#include <spdlog/spdlog.h>

#include "service/service.hpp"
#include "service/time_util.hpp"

namespace labelflow::service {

namespace json = boost::json;

const char* kind_name(core::StageKind kind) {
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

std::string widget_path(const plugin_host::GuardedLabelType& plugin) {
  auto w = plugin.widget();
  if (!w || w->empty()) return {};
  return "/widgets/" + *w;
}

json::array label_schema(const config::Project& config, const LabelPlugins& plugins) {
  json::array out;
  for (const auto& l : config.labels) {
    json::object o{{"name", l.name}, {"type", l.plugin.type}, {"instructions", l.instructions}};
    auto it = plugins.find(l.name);
    if (it != plugins.end()) {
      auto opts = it->second->options();
      o["options"] = opts ? json::value(*opts) : json::value(l.plugin.options);
      o["widget"] = widget_path(*it->second);
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

json::object task_fixed_parts(const config::Project& config, const core::ProjectSpec& spec,
                              const LabelPlugins& plugins) {
  json::object widgets;
  for (const auto& [name, plugin] : plugins) {
    auto path = widget_path(*plugin);
    if (!path.empty()) widgets[name] = path;
  }
  json::array skip_reasons;
  for (const auto& r : spec.skip_reasons) skip_reasons.emplace_back(r);
  return {{"schema", label_schema(config, plugins)},
          {"widgets", std::move(widgets)},
          {"skip_reasons", std::move(skip_reasons)}};
}

json::value task_json(const ProjectRuntime& project, const core::TaskView& view,
                      const core::RowDoc& row, const LabelPlugins& plugins) {
  json::array domains;
  for (const auto& d : row.domains) domains.emplace_back(d);
  json::object r{{"id", row.content.id},
                 {"context", row.content.context},
                 {"query", row.content.query},
                 {"response", row.content.response},
                 {"metadata", row.content.metadata},
                 {"domains", std::move(domains)}};
  const auto setup = project.setup();
  json::object task{{"task", task_name(view.id)},
                    {"project", project.id()},
                    {"stage", view.stage_name},
                    {"kind", kind_name(view.kind)},
                    {"claimed_at", iso_time(view.claimed_at)},
                    {"lease_expires_at", iso_time(view.expires_at)},
                    {"row", std::move(r)},
                    {"labels", row.start_labels()}};
  for (const auto& part : setup->task_parts) task.insert(part);
  if (view.kind == core::StageKind::review) return task;

  json::array reviews;
  for (const auto& pr : view.earlier_reviews) {
    reviews.push_back(json::object{{"reviewer", pr.reviewer},
                                   {"stage", pr.stage_name},
                                   {"expert", pr.expert},
                                   {"labels", pr.labels}});
  }
  // Per label, the plugin's diff of every pair of earlier reviews (the QA view).
  json::object diff;
  const auto rv = row_view(row.content);
  for (const auto& [name, plugin] : plugins) {
    json::array pairs;
    for (std::size_t i = 0; i < view.earlier_reviews.size(); ++i) {
      for (std::size_t j = i + 1; j < view.earlier_reviews.size(); ++j) {
        const auto& a = view.earlier_reviews[i];
        const auto& b = view.earlier_reviews[j];
        const json::value* va = a.labels.if_contains(name);
        const json::value* vb = b.labels.if_contains(name);
        if (va == nullptr || vb == nullptr) continue;
        json::object entry{{"a", a.reviewer}, {"b", b.reviewer}};
        auto d = plugin->diff(*va, *vb, rv);
        if (d) {
          entry["diff"] = std::move(*d);
        } else {
          spdlog::warn("label '{}' ({}): diff failed on row '{}': {}", name, plugin->plugin_name(),
                       row.content.id, d.status().to_string());
          entry["diff"] = nullptr;
        }
        auto ag = plugin->agreement(*va, *vb, rv);
        entry["agreement"] = ag ? json::value(*ag) : json::value(nullptr);
        pairs.push_back(std::move(entry));
      }
    }
    diff[name] = std::move(pairs);
  }
  json::object agreement;
  for (const auto& [label, score] : view.agreement) agreement[label] = score;
  task["reviews"] = std::move(reviews);
  task["diff"] = std::move(diff);
  task["agreement"] = std::move(agreement);
  return task;
}

}  // namespace labelflow::service
