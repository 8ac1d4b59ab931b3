#include "service/import_worker.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "service/service.hpp"
#include "service/time_util.hpp"
#include "service/validation.hpp"
#include "webhooks/events.hpp"

namespace labelflow::service {

namespace json = boost::json;

struct ImportWorker::Job {
  std::string id, project, storage, key, prefix;
  std::int64_t seq = 0;
  dataset::Format format = dataset::Format::jsonl;
  core::TimeMs created_at = 0, finished_at = 0;
  std::string state = "queued";  // queued, running, finished, failed
  std::string message;
  std::uint64_t inserted = 0, unchanged = 0, duplicate_id = 0, rejected = 0;
  std::vector<dataset::ImportError> errors;
  bool errors_truncated = false;
  int restarts = 0;  // times a daemon stop interrupted it and it was queued again

  // The stored form (times in ms, every field), read back by from_record.
  store::ImportRecord to_record() const {
    json::array errs;
    for (const auto& e : errors) {
      errs.push_back(json::object{{"key", e.key}, {"line", e.line}, {"reason", e.reason}});
    }
    json::object o{{"storage", storage},
                   {"key", key},
                   {"prefix", prefix},
                   {"format", dataset::format_name(format)},
                   {"created_at", created_at},
                   {"finished_at", finished_at},
                   {"message", message},
                   {"inserted", inserted},
                   {"unchanged", unchanged},
                   {"duplicate_id", duplicate_id},
                   {"rejected", rejected},
                   {"errors", std::move(errs)},
                   {"errors_truncated", errors_truncated},
                   {"restarts", restarts}};
    return {project, id, seq, state, json::serialize(o)};
  }

  static std::shared_ptr<Job> from_record(const store::ImportRecord& r) {
    auto job = std::make_shared<Job>();
    job->project = r.project;
    job->id = r.id;
    job->seq = r.seq;
    job->state = r.state;
    const json::object o = json::parse(r.record).as_object();
    auto str = [&](const char* k) { return std::string(o.at(k).as_string()); };
    auto num = [&](const char* k) { return o.at(k).to_number<std::int64_t>(); };
    job->storage = str("storage");
    job->key = str("key");
    job->prefix = str("prefix");
    job->format = dataset::parse_format(str("format")).value_or(dataset::Format::jsonl);
    job->created_at = num("created_at");
    job->finished_at = num("finished_at");
    job->message = str("message");
    job->inserted = static_cast<std::uint64_t>(num("inserted"));
    job->unchanged = static_cast<std::uint64_t>(num("unchanged"));
    job->duplicate_id = static_cast<std::uint64_t>(num("duplicate_id"));
    job->rejected = static_cast<std::uint64_t>(num("rejected"));
    for (const auto& e : o.at("errors").as_array()) {
      const auto& eo = e.as_object();
      job->errors.push_back({std::string(eo.at("key").as_string()),
                             static_cast<std::uint64_t>(eo.at("line").to_number<std::int64_t>()),
                             std::string(eo.at("reason").as_string())});
    }
    job->errors_truncated = o.at("errors_truncated").as_bool();
    job->restarts = static_cast<int>(num("restarts"));
    return job;
  }

  json::object to_json() const {
    json::array errs;
    for (const auto& e : errors) {
      errs.push_back(json::object{{"key", e.key}, {"line", e.line}, {"reason", e.reason}});
    }
    json::object source{{"storage", storage}, {"format", dataset::format_name(format)}};
    if (!key.empty()) source["key"] = key;
    if (key.empty()) source["prefix"] = prefix;
    return {{"id", id},
            {"project", project},
            {"state", state},
            {"message", message},
            {"created_at", iso_time(created_at)},
            {"finished_at", finished_at ? json::value(iso_time(finished_at)) : json::value()},
            {"source", std::move(source)},
            {"imported", inserted},  // docs/api.md's names; `counts` has all four
            {"unchanged", unchanged},
            {"rejected", rejected + duplicate_id},
            {"counts", json::object{{"inserted", inserted},
                                    {"unchanged", unchanged},
                                    {"duplicate_id", duplicate_id},
                                    {"rejected", rejected}}},
            {"errors", std::move(errs)},
            {"errors_truncated", errors_truncated}};
  }
};

namespace {

api::ApiError bad(std::string path, std::string message) {
  return api::ApiError{api::ErrorCode::bad_request,
                       "invalid import request: " + path + " " + message,
                       {{std::move(path), std::move(message)}},
                       0};
}

// Collects rows into batches and commits them; see the header for the steps.
class BatchSink final : public dataset::ImportSink {
 public:
  BatchSink(Context& ctx, ProjectPtr project, std::size_t batch_rows, std::size_t max_errors,
            std::mutex& mu, ImportWorker::Job& job, const bool& stopping)
      : ctx_(ctx),
        p_(std::move(project)),
        setup_(p_->setup()),
        batch_rows_(batch_rows),
        max_errors_(max_errors),
        mu_(mu),
        job_(job),
        stopping_(stopping) {}

  sdk::Status row(core::RowContent&& row, const dataset::RowOrigin& origin) override {
    core::RowDoc doc;
    doc.content = std::move(row);
    doc.invalid_auto_labels = invalid_auto_labels(doc.content, *setup_->labels);
    if (doc.content.has_declared_domain()) {
      doc.domains = doc.content.declared_domains();
    } else if (setup_->router) {
      auto routed = setup_->router->route(row_view(doc.content));
      if (!routed) {
        return reject({std::string(origin.key), origin.line,
                       "router " + setup_->router->plugin_name() +
                           " failed: " + routed.status().to_string()});
      }
      doc.domains = std::move(*routed);
    }
    origins_.push_back({std::string(origin.key), origin.line});
    pending_.push_back(std::move(doc));
    if (pending_.size() >= batch_rows_) return flush();
    return sdk::Status::ok();
  }

  sdk::Status error(const dataset::ImportError& e) override { return reject(e); }

  // One durable step for the pending rows, then their scheduling.
  sdk::Status flush() {
    if (pending_.empty()) return stop_check();
    store::Batch batch;
    batch.project = p_->id();
    batch.at = ctx_.clock();
    batch.imports = pending_;
    const store::CommitResult res = ctx_.store.commit(std::move(batch)).get();
    std::vector<const core::RowDoc*> inserted;
    {
      std::lock_guard lock(mu_);
      for (std::size_t i = 0; i < res.imports.size() && i < pending_.size(); ++i) {
        switch (res.imports[i].kind) {
          case store::ImportKind::inserted:
            ++job_.inserted;
            inserted.push_back(&pending_[i]);
            break;
          case store::ImportKind::unchanged:
            ++job_.unchanged;
            break;
          case store::ImportKind::duplicate_id:
            ++job_.duplicate_id;
            add_error({origins_[i].first, origins_[i].second,
                       "duplicate_id: a different row with id '" + pending_[i].content.id +
                           "' is already imported"});
            break;
        }
      }
    }
    if (!inserted.empty()) {
      std::future<store::CommitResult> done;
      {
        std::lock_guard lock(p_->mu);
        core::Changes changes;
        const core::TimeMs now = ctx_.clock();
        for (const auto* doc : inserted) {
          if (auto e = p_->engine->add_row(doc->content.id, doc->content.priority(), doc->domains,
                                           now, changes)) {
            spdlog::warn("import into '{}': row '{}' not scheduled: {}", p_->id(), doc->content.id,
                         e->message);
          }
        }
        done = ctx_.queue_commit(*p_, std::move(changes));
      }
      done.wait();
    }
    pending_.clear();
    origins_.clear();
    // The record's counts follow the rows they count into the store.
    store::Batch record;
    record.project = p_->id();
    {
      std::lock_guard lock(mu_);
      record.import_records.push_back(job_.to_record());
    }
    ctx_.store.commit(std::move(record)).wait();
    return stop_check();
  }

 private:
  sdk::Status stop_check() const {
    std::lock_guard lock(mu_);
    if (stopping_) return sdk::Status::unavailable("the daemon is stopping");
    return sdk::Status::ok();
  }

  sdk::Status reject(const dataset::ImportError& e) {
    std::lock_guard lock(mu_);
    ++job_.rejected;
    add_error(e);
    return sdk::Status::ok();
  }

  void add_error(const dataset::ImportError& e) {  // REQUIRES: mu_ held
    if (job_.errors.size() < max_errors_)
      job_.errors.push_back(e);
    else
      job_.errors_truncated = true;
  }

  Context& ctx_;
  ProjectPtr p_;
  std::shared_ptr<const ProjectSetup> setup_;
  std::size_t batch_rows_, max_errors_;
  std::mutex& mu_;
  ImportWorker::Job& job_;
  const bool& stopping_;
  std::vector<core::RowDoc> pending_;
  std::vector<std::pair<std::string, std::uint64_t>> origins_;
};

}  // namespace

// A daemon stop (or crash) interrupted a job this many times: it fails instead of running again.
constexpr int kMaxRestarts = 3;

ImportWorker::ImportWorker(Context& ctx, const ServiceOptions& options)
    : ctx_(ctx),
      batch_rows_(std::max<std::size_t>(1, options.import_batch_rows)),
      max_errors_(options.max_import_errors) {
  // Records from earlier runs: queued jobs run again in order; a job a stop or crash
  // interrupted is queued again (rows it already imported come back unchanged).
  for (const auto& r : ctx_.store.import_records()) {
    auto job = Job::from_record(r);
    next_id_ = std::max(next_id_, static_cast<std::uint64_t>(job->seq) + 1);
    if (job->state == "running") {
      ++job->restarts;
      if (job->restarts > kMaxRestarts) {
        job->state = "failed";
        job->finished_at = ctx_.clock();
        job->message = "interrupted by a daemon stop " + std::to_string(job->restarts) +
                       " times; the rows it imported are kept: run it again to finish";
      } else {
        job->state = "queued";
        job->message =
            "interrupted by a daemon stop; queued again (rows already imported "
            "come back unchanged)";
        job->inserted = job->unchanged = job->duplicate_id = job->rejected = 0;
        job->errors.clear();
        job->errors_truncated = false;
      }
      persist(*job);
    }
    if (job->state == "queued") queue_.push_back(job);
    jobs_[job->id] = job;
  }
  if (!queue_.empty()) spdlog::info("{} import(s) from before the restart queued", queue_.size());
  thread_ = std::thread([this] { run(); });
}

ImportWorker::~ImportWorker() { stop(); }

void ImportWorker::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ImportWorker::persist(const Job& job, std::vector<store::WebhookEvent> events) {
  store::Batch batch;
  batch.project = job.project;
  {
    std::lock_guard lock(mu_);
    batch.import_records.push_back(job.to_record());
  }
  batch.webhooks = std::move(events);
  ctx_.store.commit(std::move(batch)).wait();
}

api::Result<api::Json> ImportWorker::create(const ProjectPtr& project,
                                            const json::object& request) {
  auto job = std::make_shared<Job>();
  job->project = project->id();
  const auto setup = project->setup();
  const auto& source = setup->config.source;
  for (const auto& kv : request) {
    const std::string k(kv.key());
    if (k != "storage" && k != "key" && k != "prefix" && k != "source" && k != "format") {
      return bad("/" + k, "unknown key (expected storage, key, prefix, format)");
    }
    if (!kv.value().is_string()) return bad("/" + k, "must be a string");
  }
  auto str = [&](const char* k) -> std::string {
    const json::value* v = request.if_contains(k);
    return v ? std::string(v->as_string()) : std::string();
  };
  job->storage = str("storage");
  job->key = str("key").empty() ? str("source") : str("key");
  job->prefix = str("prefix");
  if (!job->key.empty() && !job->prefix.empty()) return bad("/prefix", "conflicts with /key");
  if (job->storage.empty()) {
    if (!source) return bad("/storage", "is required: project has no [source]");
    job->storage = source->storage;
  }
  if (job->key.empty() && job->prefix.empty()) {
    if (!source) return bad("/prefix", "or /key is required: project has no [source]");
    job->prefix = source->prefix;
  }
  std::string format = str("format");
  if (format.empty()) format = source ? source->format : "jsonl";
  auto parsed = dataset::parse_format(format);
  if (!parsed) return bad("/format", "must be jsonl, sagemaker-input or sagemaker-output");
  job->format = *parsed;
  if (!ctx_.storage(job->storage)) {
    return bad("/storage", "no storage instance '" + job->storage + "' in the daemon config");
  }
  job->created_at = ctx_.clock();
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      return api::ApiError{api::ErrorCode::unavailable, "the daemon is stopping", {}, 0};
    }
    job->seq = static_cast<std::int64_t>(next_id_++);
    job->id = "imp-" + std::to_string(job->seq);
  }
  // Durable before it is acknowledged (I7), and before the import thread can see it.
  persist(*job);
  {
    std::lock_guard lock(mu_);
    jobs_[job->id] = job;
    queue_.push_back(job);
  }
  cv_.notify_all();
  spdlog::info("import {} queued for project '{}' from {}:{}{}", job->id, job->project,
               job->storage, job->key, job->prefix);
  return api::Json(job->to_json());
}

api::Result<api::Json> ImportWorker::get(const std::string& project, const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->project != project) {
    return api::ApiError{
        api::ErrorCode::not_found, "no import '" + id + "' in project '" + project + "'", {}, 0};
  }
  return api::Json(it->second->to_json());
}

void ImportWorker::run() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;  // queued jobs stay queued in the store: the next start runs them
      job = queue_.front();
      queue_.pop_front();
      job->state = "running";
      job->message.clear();
    }
    persist(*job);
    execute(*job);
  }
}

void ImportWorker::execute(Job& job) {
  auto project = ctx_.project(job.project);
  auto storage = ctx_.storage(job.storage);
  sdk::Status status = sdk::Status::ok();
  if (!project || !storage) {
    status = sdk::Status::not_found("project or storage is no longer configured");
  } else {
    dataset::ImportOptions opts;
    opts.format = job.format;
    dataset::Importer importer(*storage, opts);
    BatchSink sink(ctx_, project, batch_rows_, max_errors_, mu_, job, stopping_);
    auto r = job.key.empty() ? importer.import_prefix(job.prefix, sink)
                             : importer.import_object(job.key, sink);
    const sdk::Status flushed = sink.flush();  // rows read before a failure are kept too
    status = r ? flushed : r.status();
  }
  bool interrupted = false;
  {
    std::lock_guard lock(mu_);
    // A daemon stop cut it short: it stays `running` in the store and runs again at the next
    // start (see the constructor); its record here says what happened meanwhile.
    interrupted = !status.is_ok() && stopping_;
    job.finished_at = interrupted ? 0 : ctx_.clock();
    job.state = status.is_ok() ? "finished" : interrupted ? "running" : "failed";
    job.message = status.is_ok() ? "" : status.to_string();
  }
  if (interrupted) {
    spdlog::info(
        "import {} into '{}' interrupted by the stop after {} inserted; it runs again "
        "at the next start",
        job.id, job.project, job.inserted);
    return;
  }
  // The final record and its import.finished event are one durable step.
  std::vector<store::WebhookEvent> events;
  if (auto p = ctx_.project(job.project)) {
    if (auto setup = p->setup(); setup && !setup->config.webhooks.empty()) {
      std::lock_guard lock(mu_);
      events =
          webhooks::events_for(setup->config.webhooks, job.project, config::kEventImportFinished,
                               {{"id", job.id},
                                {"state", job.state},
                                {"inserted", job.inserted},
                                {"unchanged", job.unchanged},
                                {"duplicate_id", job.duplicate_id},
                                {"rejected", job.rejected},
                                {"message", job.message}},
                               job.finished_at);
    }
  }
  persist(job, std::move(events));
  spdlog::info("import {} into '{}' {}: {} inserted, {} unchanged, {} duplicate_id, {} rejected{}",
               job.id, job.project, job.state, job.inserted, job.unchanged, job.duplicate_id,
               job.rejected, status.is_ok() ? "" : " (" + status.to_string() + ")");
}

}  // namespace labelflow::service
