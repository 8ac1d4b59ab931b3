// The streaming half of the export worker: final rows to the sink in batched objects.
#include <spdlog/spdlog.h>

#include "dataset/batch_exporter.hpp"
#include "service/jobs/export_lines.hpp"
#include "service/jobs/export_stream.hpp"

namespace labelflow::service {

namespace {

bool sink_is_gt(const ProjectSetup& setup) {
  return setup.config.sink && setup.config.sink->format == "sagemaker-output";
}

}  // namespace

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

void ExportWorker::enqueue(const std::string& project, std::vector<std::string> rows) {
  std::lock_guard lock(mu_);
  auto& q = pending_[project];
  q.insert(q.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  if (q.size() >= options_.batch_rows) cv_.notify_all();
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
      s->options.max_rows = options_.batch_rows;
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
      auto line = export_line_for(ctx_, *project, rows[i], stream->gt);
      if (!line) {
        spdlog::warn("export of '{}': row '{}' not exported now: {}", id, rows[i],
                     line.status().to_string());
        left.push_back(rows[i]);
        continue;
      }
      auto appended = stream->exporter->append(*line);
      if (!appended.accepted) {  // the backlog is full while the sink fails: keep the rest
        left.insert(left.end(), rows.begin() + static_cast<std::ptrdiff_t>(i), rows.end());
        break;
      }
      stream->unwritten.push_back(rows[i]);
      if (!appended.status) {
        spdlog::warn("export of '{}': writing a batch failed: {}", id,
                     appended.status.to_string());
      }
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

}  // namespace labelflow::service
