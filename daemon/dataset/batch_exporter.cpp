#include "dataset/batch_exporter.hpp"

#include <boost/json/serialize.hpp>

#include <cstdio>
#include <thread>

namespace labelflow::dataset {

namespace json = boost::json;

std::string batch_object_name(const BatchOptions& options, std::uint64_t seq) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%010llu", static_cast<unsigned long long>(seq));
  return options.prefix + options.name_stem + digits + "." + options.extension;
}

sdk::Result<std::uint64_t> next_free_sequence(const plugin_host::GuardedStorage& storage,
                                              const BatchOptions& options) {
  std::string stem = options.prefix + options.name_stem;
  std::uint64_t highest = 0;
  std::string token;
  do {
    auto page = storage.list(stem, token, 1000);
    if (!page) return page.status();
    for (const auto& object : page->objects) {
      std::string_view rest = std::string_view(object.key).substr(stem.size());
      std::size_t digits = rest.find_first_not_of("0123456789");
      if (digits != 10) continue;  // not one of ours
      highest = std::max<std::uint64_t>(highest, std::stoull(std::string(rest.substr(0, 10))));
    }
    token = page->next_token;
  } while (!token.empty());
  return std::max(highest + 1, options.first_sequence);
}

BatchExporter::BatchExporter(const plugin_host::GuardedStorage& storage, BatchOptions options,
                             Sleep sleep)
    : storage_(storage),
      options_(std::move(options)),
      sleep_(sleep ? std::move(sleep)
                   : Sleep([](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); })),
      sequence_(options_.first_sequence) {}

Appended BatchExporter::append(std::string_view line) {
  if (rows_ >= options_.max_pending_rows) {
    return {false, sdk::Status::unavailable("export backlog full (" + std::to_string(rows_) +
                                            " rows waiting for the sink); row not accepted")};
  }
  batch_.append(line);
  if (line.empty() || line.back() != '\n') batch_ += '\n';
  ++rows_;
  if (rows_ >= options_.max_rows || batch_.size() >= options_.max_bytes) return {true, flush()};
  return {true, sdk::Status::ok()};
}

sdk::Status BatchExporter::flush() {
  if (rows_ == 0) return sdk::Status::ok();
  std::string name = batch_object_name(options_, sequence_);
  sdk::Status status;
  auto backoff = options_.first_backoff;
  for (int attempt = 1; attempt <= std::max(1, options_.put_attempts); ++attempt) {
    status = storage_.put(name, batch_);
    if (status) break;
    if (status.code() == sdk::Code::invalid_argument) break;  // retrying cannot help
    if (attempt < options_.put_attempts) {
      sleep_(backoff);
      backoff *= 2;
    }
  }
  if (!status) {
    return {status.code(), "export batch '" + name + "' (" + std::to_string(rows_) +
                               " rows, kept for the next flush): " + status.message()};
  }
  batch_.clear();
  if (batch_.capacity() > 2 * options_.max_bytes) batch_.shrink_to_fit();
  rows_ = 0;
  ++sequence_;
  ++written_;
  return sdk::Status::ok();
}

sdk::Result<FullExportResult> export_all(
    const plugin_host::GuardedStorage& storage, BatchOptions options,
    const std::function<std::optional<std::string>()>& next_line, BatchExporter::Sleep sleep) {
  options.name_stem = "part-";
  options.first_sequence = 1;
  BatchExporter exporter(storage, options, std::move(sleep));
  FullExportResult result{options.prefix, 0, 0};
  while (auto line = next_line()) {
    // A put that failed after its retries ends the export; it can be run again whole.
    if (auto s = exporter.append(*line).status; !s) return s;
    ++result.rows;
  }
  if (auto s = exporter.flush(); !s) return s;
  result.objects = exporter.objects_written();
  json::array parts;
  for (std::uint64_t seq = 1; seq <= result.objects; ++seq) {
    parts.emplace_back(batch_object_name(options, seq));
  }
  json::object manifest{{"rows", result.rows}, {"parts", std::move(parts)}};
  if (auto s = storage.put(options.prefix + "_manifest.json", json::serialize(manifest)); !s) {
    return s;
  }
  return result;
}

}  // namespace labelflow::dataset
