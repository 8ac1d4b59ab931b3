#include "service/jobs/import_queue.hpp"

#include <spdlog/spdlog.h>

#include "service/jobs/import_batch.hpp"
#include "webhooks/events.hpp"

namespace labelflow::service {

namespace {

// A daemon stop (or crash) interrupted a job this many times: it fails instead of running again.
constexpr int kMaxRestarts = 3;

Error bad(std::string path, std::string message) {
  std::string summary = "invalid import request: " + path + " " + message;
  return Error{ErrorCode::bad_request, std::move(summary), {{std::move(path), std::move(message)}}};
}

}  // namespace

ImportQueue::ImportQueue(Context& ctx, ImportOptions options)
    : ctx_(ctx), options_(options) {
  options_.batch_rows = std::max<std::size_t>(1, options_.batch_rows);
  // Records from earlier runs: queued jobs run again in order; a job a stop or crash
  // interrupted is queued again (rows it already imported come back unchanged).
  for (const auto& r : ctx_.store.import_records()) {
    auto job = ImportJob::from_record(r);
    next_id_ = std::max(next_id_, static_cast<std::uint64_t>(job->seq) + 1);
    ImportStatus& s = job->status;
    if (s.state == JobState::running) {
      ++job->restarts;
      if (job->restarts > kMaxRestarts) {
        s.state = JobState::failed;
        s.finished_at = ctx_.clock();
        s.message = "interrupted by a daemon stop " + std::to_string(job->restarts) +
                    " times; the rows it imported are kept: run it again to finish";
      } else {
        s.state = JobState::queued;
        s.message =
            "interrupted by a daemon stop; queued again (rows already imported "
            "come back unchanged)";
        s.counts = {};
        s.errors.clear();
        s.errors_truncated = false;
      }
      persist(*job);
    }
    if (s.state == JobState::queued) queue_.push_back(job);
    jobs_[s.id] = job;
  }
  if (!queue_.empty()) spdlog::info("{} import(s) from before the restart queued", queue_.size());
  thread_ = std::thread([this] { run(); });
}

ImportQueue::~ImportQueue() { stop(); }

void ImportQueue::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ImportQueue::persist(const ImportJob& job, std::vector<store::WebhookEvent> events) {
  store::Batch batch;
  batch.project = job.status.project;
  {
    std::lock_guard lock(mu_);
    batch.import_records.push_back(job.to_record());
  }
  batch.webhooks = std::move(events);
  ctx_.store.commit(std::move(batch)).wait();
}

Result<ImportStatus> ImportQueue::create(const ProjectPtr& project, const ImportRequest& request) {
  auto job = std::make_shared<ImportJob>();
  ImportStatus& s = job->status;
  s.project = project->id();
  const auto setup = project->setup();
  const auto& source = setup->config.source;
  s.storage = request.storage;
  s.key = request.key;
  s.prefix = request.prefix;
  if (!s.key.empty() && !s.prefix.empty()) return bad("/prefix", "conflicts with /key");
  if (s.storage.empty()) {
    if (!source) return bad("/storage", "is required: project has no [source]");
    s.storage = source->storage;
  }
  if (s.key.empty() && s.prefix.empty()) {
    if (!source) return bad("/prefix", "or /key is required: project has no [source]");
    s.prefix = source->prefix;
  }
  std::string format = request.format;
  if (format.empty()) format = source ? source->format : "jsonl";
  auto parsed = dataset::parse_format(format);
  if (!parsed) return bad("/format", "must be jsonl, sagemaker-input or sagemaker-output");
  job->format = *parsed;
  s.format = dataset::format_name(*parsed);
  if (!ctx_.storage(s.storage)) {
    return bad("/storage", "no storage instance '" + s.storage + "' in the daemon config");
  }
  s.created_at = ctx_.clock();
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Error{ErrorCode::unavailable, "the daemon is stopping"};
    job->seq = static_cast<std::int64_t>(next_id_++);
    s.id = "imp-" + std::to_string(job->seq);
  }
  // Durable before it is acknowledged (I7), and before the import thread can see it.
  persist(*job);
  {
    std::lock_guard lock(mu_);
    jobs_[s.id] = job;
    queue_.push_back(job);
  }
  cv_.notify_all();
  spdlog::info("import {} queued for project '{}' from {}:{}{}", s.id, s.project, s.storage, s.key,
               s.prefix);
  return s;
}

Result<ImportStatus> ImportQueue::get(const std::string& project, const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->status.project != project) {
    return Error{ErrorCode::not_found, "no import '" + id + "' in project '" + project + "'"};
  }
  return it->second->status;
}

void ImportQueue::run() {
  for (;;) {
    std::shared_ptr<ImportJob> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;  // queued jobs stay queued in the store: the next start runs them
      job = queue_.front();
      queue_.pop_front();
      job->status.state = JobState::running;
      job->status.message.clear();
    }
    persist(*job);
    execute(*job);
  }
}

void ImportQueue::execute(ImportJob& job) {
  ImportStatus& s = job.status;
  auto project = ctx_.project(s.project);
  auto storage = ctx_.storage(s.storage);
  sdk::Status status = sdk::Status::ok();
  if (!project || !storage) {
    status = sdk::Status::not_found("project or storage is no longer configured");
  } else {
    dataset::ImportOptions opts;
    opts.format = job.format;
    dataset::Importer importer(*storage, opts);
    ImportBatch sink(ctx_, project, options_.batch_rows, options_.max_errors, mu_, job,
                     stopping_);
    auto r = s.key.empty() ? importer.import_prefix(s.prefix, sink)
                           : importer.import_object(s.key, sink);
    const sdk::Status flushed = sink.flush();  // rows read before a failure are kept too
    status = r ? flushed : r.status();
  }
  bool interrupted = false;
  {
    std::lock_guard lock(mu_);
    // A daemon stop cut it short: it stays `running` in the store and runs again at the next
    // start (see the constructor); its record here says what happened meanwhile.
    interrupted = !status.is_ok() && stopping_;
    s.finished_at = interrupted ? 0 : ctx_.clock();
    s.state = status.is_ok() ? JobState::finished
                             : interrupted ? JobState::running : JobState::failed;
    s.message = status.is_ok() ? "" : status.to_string();
  }
  const auto& c = s.counts;
  if (interrupted) {
    spdlog::info(
        "import {} into '{}' interrupted by the stop after {} inserted; it runs again "
        "at the next start",
        s.id, s.project, c.inserted);
    return;
  }
  // The final record and its import.finished event are one durable step.
  std::vector<store::WebhookEvent> events;
  if (auto p = ctx_.project(s.project)) {
    if (auto setup = p->setup(); setup && !setup->config.webhooks.empty()) {
      std::lock_guard lock(mu_);
      events = webhooks::events_for(setup->config.webhooks, s.project,
                                    config::kEventImportFinished,
                                    {{"id", s.id},
                                     {"state", to_string(s.state)},
                                     {"inserted", c.inserted},
                                     {"unchanged", c.unchanged},
                                     {"duplicate_id", c.duplicate_id},
                                     {"rejected", c.rejected},
                                     {"message", s.message}},
                                    s.finished_at);
    }
  }
  persist(job, std::move(events));
  spdlog::info("import {} into '{}' {}: {} inserted, {} unchanged, {} duplicate_id, {} rejected{}",
               s.id, s.project, to_string(s.state), c.inserted, c.unchanged, c.duplicate_id,
               c.rejected, status.is_ok() ? "" : " (" + status.to_string() + ")");
}

}  // namespace labelflow::service
