#include "service/jobs/export_lines.hpp"

#include "common/version.hpp"
#include "dataset/export_line.hpp"
#include "dataset/gt_manifest.hpp"

namespace labelflow::service {

namespace json = boost::json;

namespace {

dataset::Clock::time_point to_tp(core::TimeMs ms) {
  return dataset::Clock::time_point(std::chrono::milliseconds(ms));
}

std::vector<std::string> string_list(const json::object& o, const char* key) {
  std::vector<std::string> out;
  if (const auto* v = o.if_contains(key); v && v->is_array()) {
    for (const auto& x : v->as_array()) {
      if (x.is_string()) out.emplace_back(x.as_string());
    }
  }
  return out;
}

std::vector<dataset::GtLabelSpec> gt_specs(const ProjectSetup& setup) {
  std::vector<dataset::GtLabelSpec> out;
  for (const auto& l : setup.config.labels) {
    dataset::GtLabelSpec s;
    s.name = l.name;
    json::object opts = l.plugin.options;
    if (auto it = setup.labels->find(l.name); it != setup.labels->end()) {
      if (auto o = it->second->options()) opts = *o;
    }
    if (l.plugin.type == "classification") {
      s.kind = dataset::GtKind::classification;
      s.classes = string_list(opts, "classes");
      if (const auto* m = opts.if_contains("multi"); m && m->is_bool()) s.multi = m->as_bool();
    } else if (l.plugin.type == "ner") {
      s.kind = dataset::GtKind::ner;
      s.classes = string_list(opts, "entity_types");
      if (const auto* f = opts.if_contains("field"); f && f->is_string()) {
        s.field = std::string(f->as_string());
      }
    } else if (l.plugin.type == "rating") {
      s.kind = dataset::GtKind::rating;
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

sdk::Result<std::string> export_line_for(Context& ctx, const ProjectRuntime& project,
                                         const std::string& row_id, bool gt_manifest) {
  const auto setup = project.setup();
  auto doc = ctx.row(project.id(), row_id);
  auto decision = ctx.store.decision(project.id(), row_id);
  if (!doc || !decision) return sdk::Status::not_found("row '" + row_id + "' has no decision");
  dataset::ExportRecord rec;
  rec.project = project.id();
  rec.row = doc->content;
  const auto view = row_view(rec.row);
  for (const auto& kv : decision->final_labels) {
    auto it = setup->labels->find(kv.key());
    if (it == setup->labels->end()) {
      rec.final_labels[kv.key()] = kv.value();
      continue;
    }
    auto v = kv.value().is_null() ? sdk::Result<json::value>(json::value())
                                  : it->second->export_value(kv.value(), view);
    if (!v) return v.status();
    rec.final_labels[kv.key()] = std::move(*v);
  }
  for (const auto& r : ctx.store.reviews(project.id(), row_id)) {
    dataset::ReviewRecord out;
    out.reviewer = r.reviewer;
    out.role = r.role;
    out.stage = r.stage_name;
    out.expert = r.expert;
    out.best_effort = r.best_effort;
    out.labels = r.labels;
    for (const auto& [l, s] : r.label_status) out.label_status[l] = core::to_string(s);
    out.claimed_at = to_tp(r.claimed_at);
    out.submitted_at = to_tp(r.submitted_at);
    out.active_seconds = r.active_seconds;
    out.comment = r.comment;
    rec.reviews.push_back(std::move(out));
  }
  rec.agreement = decision->agreement;
  if (!decision->adjudicator.empty()) rec.decision.adjudicator = decision->adjudicator;
  rec.decision.escalated = decision->escalated;
  if (!decision->escalation_reviewer.empty()) {
    rec.decision.escalation_reviewer = decision->escalation_reviewer;
  }
  rec.provenance.labelflow_version = kVersion;
  for (const auto& l : setup->config.labels) {
    auto v = ctx.plugin_versions.find(l.plugin.type);
    rec.provenance.plugin_versions[l.plugin.type] =
        v == ctx.plugin_versions.end() ? "unknown" : v->second;
  }
  rec.provenance.project_config_hash = setup->config_hash;
  rec.finalized_at = to_tp(decision->decided_at);
  if (!gt_manifest) return dataset::export_line(rec);
  const auto specs = gt_specs(*setup);
  return dataset::gt_manifest_line(rec, specs);
}

}  // namespace labelflow::service
