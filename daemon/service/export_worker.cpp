#include "service/export_worker.hpp"

#include "common/version.hpp"
#include "dataset/export_line.hpp"
#include "dataset/gt_manifest.hpp"
#include "service/service.hpp"
#include "service/time_util.hpp"
#include "webhooks/events.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

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

bool sink_is_gt(const ProjectSetup& setup) {
  return setup.config.sink && setup.config.sink->format == "sagemaker-output";
}

}  // namespace

struct ExportWorker::Stream {
  std::shared_ptr<plugin_host::GuardedStorage> storage;
  std::unique_ptr<dataset::BatchExporter> exporter;
  dataset::BatchOptions options;
  bool gt = false;
  std::vector<std::string> unwritten;  // rows appended, not yet in a written object
};

ExportWorker::ExportWorker(Context& ctx, const ServiceOptions& options)
    : ctx_(ctx), batch_rows_(std::max<std::size_t>(1, options.export_batch_rows)),
      interval_(options.export_flush_interval) {}

ExportWorker::~ExportWorker() { stop(); }

void ExportWorker::restore(const std::string& project, std::vector<std::string> final_rows) {
  std::erase_if(final_rows, [&](const std::string& row) {
    auto rec = ctx_.store.export_record(project, "row:" + row);
    return rec && rec->status == "exported";
  });
  if (final_rows.empty()) return;
  spdlog::info("project '{}': {} final row(s) not yet exported, queued", project,
               final_rows.size());
  enqueue(project, std::move(final_rows));
}

void ExportWorker::start() { thread_ = std::thread([this] { run(); }); }

void ExportWorker::enqueue(const std::string& project, std::vector<std::string> rows) {
  std::lock_guard lock(mu_);
  auto& q = pending_[project];
  q.insert(q.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  if (q.size() >= batch_rows_) cv_.notify_all();
}

void ExportWorker::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ExportWorker::run() {
  for (;;) {
    bool last = false;
    std::optional<std::pair<std::string, std::string>> full;
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, interval_, [&] { return stopping_ || !full_jobs_.empty(); });
      last = stopping_;
      if (!last && !full_jobs_.empty()) {
        full = full_jobs_.front();
        full_jobs_.pop_front();
      }
    }
    stream_cycle();
    if (full) full_export(full->first, full->second);
    if (last) return;
  }
}

sdk::Result<std::string> ExportWorker::build_line(Context& ctx, const ProjectRuntime& project,
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

void ExportWorker::stream_cycle() {
  std::map<std::string, std::vector<std::string>> work;
  {
    std::lock_guard lock(mu_);
    work.swap(pending_);
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> retry;
  // Projects with rows to add, and projects with unwritten rows (time flush).
  for (const auto& [id, s] : streams_) {
    if (s && !s->unwritten.empty()) work[id];
  }
  for (auto& [id, rows] : work) {
    auto project = ctx_.project(id);
    if (!project) continue;
    const auto setup = project->setup();
    if (!setup->config.sink) continue;  // no sink: nothing to stream to
    auto& stream = streams_[id];
    if (!stream) {
      auto storage = ctx_.storage(setup->config.sink->storage);
      if (!storage) {
        spdlog::warn("export of '{}': no storage '{}'; rows kept", id, setup->config.sink->storage);
        retry.emplace_back(id, std::move(rows));
        continue;
      }
      auto s = std::make_unique<Stream>();
      s->storage = storage;
      s->gt = sink_is_gt(*setup);
      s->options.prefix = setup->config.sink->prefix;
      s->options.extension = s->gt ? "manifest" : "jsonl";
      s->options.max_rows = batch_rows_;
      auto seq = dataset::next_free_sequence(*storage, s->options);
      if (!seq) {
        spdlog::warn("export of '{}': cannot list the sink: {}; retrying", id,
                     seq.status().to_string());
        retry.emplace_back(id, std::move(rows));
        continue;
      }
      s->options.first_sequence = *seq;
      s->exporter = std::make_unique<dataset::BatchExporter>(*storage, s->options);
      stream = std::move(s);
    }
    std::vector<std::string> left;
    auto mark_written = [&] {
      if (stream->exporter->pending_rows() != 0 || stream->unwritten.empty()) return;
      store::Batch batch;
      batch.project = id;
      const std::string where = dataset::batch_object_name(
          stream->options, stream->exporter->next_sequence() - 1);
      for (const auto& r : stream->unwritten) {
        batch.exports.push_back({id, "row:" + r, ctx_.clock(), "exported", 1, where});
      }
      ctx_.store.commit(std::move(batch)).wait();
      stream->unwritten.clear();
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto line = build_line(ctx_, *project, rows[i], stream->gt);
      if (!line) {
        spdlog::warn("export of '{}': row '{}' not exported now: {}", id, rows[i],
                     line.status().to_string());
        left.push_back(rows[i]);
        continue;
      }
      auto st = stream->exporter->append(*line);
      if (st.code() == sdk::Code::unavailable && stream->exporter->pending_rows() > 0 &&
          st.message().find("backlog") != std::string::npos) {
        left.insert(left.end(), rows.begin() + static_cast<std::ptrdiff_t>(i), rows.end());
        break;
      }
      stream->unwritten.push_back(rows[i]);
      if (!st) spdlog::warn("export of '{}': writing a batch failed: {}", id, st.to_string());
      mark_written();
    }
    if (auto st = stream->exporter->flush(); !st) {
      spdlog::warn("export of '{}': writing a batch failed, kept for retry: {}", id,
                   st.to_string());
    }
    mark_written();
    if (!left.empty()) retry.emplace_back(id, std::move(left));
  }
  for (auto& [id, rows] : retry) enqueue(id, std::move(rows));
}

api::Result<api::Json> ExportWorker::create(const ProjectPtr& project,
                                            const json::object& request) {
  if (!request.empty()) {
    return api::ApiError{api::ErrorCode::bad_request, "an export request takes no options",
                         {{"/" + std::string(request.begin()->key()), "unknown key"}}, 0};
  }
  const auto setup = project->setup();
  if (!setup->config.sink) {
    return api::ApiError{api::ErrorCode::bad_request,
                         "project '" + project->id() + "' has no [sink] to export to", {}, 0};
  }
  const core::TimeMs now = ctx_.clock();
  std::string id;
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      return api::ApiError{api::ErrorCode::unavailable, "the daemon is stopping", {}, 0};
    }
    id = "exp-" + std::to_string(now) + "-" + std::to_string(++full_count_);
  }
  store::ExportRecord rec{project->id(), id, now, "running", 0,
                          setup->config.sink->prefix + "full/" + id + "/"};
  store::Batch batch;
  batch.project = project->id();
  batch.exports.push_back(rec);
  ctx_.store.commit(std::move(batch)).wait();  // the record is durable before the 202
  {
    std::lock_guard lock(mu_);
    full_jobs_.emplace_back(project->id(), id);
  }
  cv_.notify_all();
  spdlog::info("export {} of project '{}' queued", id, project->id());
  return get(project->id(), id);
}

api::Result<api::Json> ExportWorker::get(const std::string& project, const std::string& id) const {
  auto rec = ctx_.store.export_record(project, id);
  if (!rec || id.rfind("exp-", 0) != 0) {
    return api::ApiError{api::ErrorCode::not_found,
                         "no export '" + id + "' in project '" + project + "'", {}, 0};
  }
  return api::Json(json::object{{"id", rec->id},
                                {"project", rec->project},
                                {"state", rec->status},
                                {"created_at", iso_time(rec->created_at)},
                                {"rows", rec->rows},
                                {"location", rec->location}});
}

void ExportWorker::full_export(const std::string& project_id, const std::string& id) {
  auto rec = ctx_.store.export_record(project_id, id);
  auto project = ctx_.project(project_id);
  if (!rec || !project) return;
  const auto setup = project->setup();
  auto storage = setup->config.sink ? ctx_.storage(setup->config.sink->storage) : nullptr;
  std::string failure;
  std::uint64_t rows = 0;
  if (!storage) {
    failure = "the project's sink storage is not configured";
  } else {
    std::vector<std::string> final_rows;
    for (const auto& r : ctx_.store.load(project_id).rows) {
      if (r.state.status == core::RowStatus::final) final_rows.push_back(r.id);
    }
    for (bool gt : {false, true}) {
      dataset::BatchOptions opts;
      opts.prefix = rec->location + (gt ? "gt/" : "");
      opts.name_stem = "part-";
      opts.extension = gt ? "manifest" : "jsonl";
      opts.max_rows = batch_rows_;
      std::size_t next = 0;
      std::string line_error;
      auto result = dataset::export_all(*storage, opts, [&]() -> std::optional<std::string> {
        while (next < final_rows.size()) {
          auto line = build_line(ctx_, *project, final_rows[next++], gt);
          if (line) return std::move(*line);
          line_error = line.status().to_string();  // reported, the row left out
          spdlog::warn("export {}: row '{}' left out: {}", id, final_rows[next - 1], line_error);
        }
        return std::nullopt;
      });
      if (!result) {
        failure = result.status().to_string();
        break;
      }
      rows = result->rows;
    }
  }
  rec->status = failure.empty() ? "finished" : "failed";
  rec->rows = static_cast<std::int64_t>(rows);
  store::Batch batch;
  batch.project = project_id;
  batch.exports.push_back(*rec);
  if (auto p = ctx_.project(project_id)) {
    if (auto setup = p->setup()) {
      batch.webhooks = webhooks::events_for(
          setup->config.webhooks, project_id, config::kEventExportFinished,
          {{"id", rec->id}, {"state", rec->status}, {"rows", rec->rows},
           {"location", rec->location}, {"message", failure}},
          ctx_.clock());
    }
  }
  ctx_.store.commit(std::move(batch)).wait();
  spdlog::info("export {} of project '{}' {}: {} row(s) to {}{}", id, project_id, rec->status,
               rows, rec->location, failure.empty() ? "" : " (" + failure + ")");
}

}  // namespace labelflow::service
