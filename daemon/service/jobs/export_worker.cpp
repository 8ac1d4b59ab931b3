#include "service/jobs/export_worker.hpp"

#include "service/jobs/export_stream.hpp"

#include <spdlog/spdlog.h>

#include "dataset/batch_exporter.hpp"
#include "service/jobs/export_lines.hpp"
#include "webhooks/events.hpp"

namespace labelflow::service {

ExportWorker::ExportWorker(Context& ctx, ExportOptions options) : ctx_(ctx), options_(options) {
  options_.batch_rows = std::max<std::size_t>(1, options_.batch_rows);
}

ExportWorker::~ExportWorker() { stop(); }

void ExportWorker::start() { thread_ = std::thread([this] { run(); }); }

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
      cv_.wait_for(lock, options_.flush_interval, [&] { return stopping_ || !full_jobs_.empty(); });
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

Result<ExportStatus> ExportWorker::create(const ProjectPtr& project, const ExportRequest&) {
  const auto setup = project->setup();
  if (!setup->config.sink) {
    return Error{ErrorCode::bad_request,
                 "project '" + project->id() + "' has no [sink] to export to"};
  }
  const core::TimeMs now = ctx_.clock();
  std::string id;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Error{ErrorCode::unavailable, "the daemon is stopping"};
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

Result<ExportStatus> ExportWorker::get(const std::string& project, const std::string& id) const {
  auto rec = ctx_.store.export_record(project, id);
  if (!rec || id.rfind("exp-", 0) != 0) {
    return Error{ErrorCode::not_found, "no export '" + id + "' in project '" + project + "'"};
  }
  return ExportStatus{rec->id,         rec->project, parse_job_state(rec->status).value_or(JobState::failed),
                      rec->created_at, rec->rows,    rec->location};
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
      opts.max_rows = options_.batch_rows;
      std::size_t next = 0;
      std::string line_error;
      auto result = dataset::export_all(*storage, opts, [&]() -> std::optional<std::string> {
        while (next < final_rows.size()) {
          auto line = export_line_for(ctx_, *project, final_rows[next++], gt);
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
