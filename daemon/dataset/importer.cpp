#include "dataset/importer.hpp"

#include "dataset/row_checks.hpp"

namespace labelflow::dataset {

namespace json = boost::json;

namespace {

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

// Collects an object up to a size limit, refusing larger ones early.
class BoundedSink final : public sdk::ByteSink {
 public:
  explicit BoundedSink(std::size_t limit) : limit_(limit) {}
  sdk::Status write(std::string_view chunk) override {
    if (data.size() + chunk.size() > limit_) {
      return sdk::Status::invalid("larger than " + std::to_string(limit_) + " bytes");
    }
    data.append(chunk);
    return sdk::Status::ok();
  }
  std::string data;

 private:
  std::size_t limit_;
};

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  if (name == "auto") return Format::automatic;
  if (name == "jsonl") return Format::jsonl;
  if (name == "sagemaker-input") return Format::sagemaker_input;
  if (name == "sagemaker-output") return Format::sagemaker_output;
  return std::nullopt;
}

const char* format_name(Format format) {
  switch (format) {
    case Format::automatic: return "auto";
    case Format::jsonl: return "jsonl";
    case Format::sagemaker_input: return "sagemaker-input";
    case Format::sagemaker_output: return "sagemaker-output";
  }
  return "unknown";
}

Importer::Importer(const plugin_host::GuardedStorage& storage, ImportOptions options)
    : storage_(storage), options_(std::move(options)) {}

sdk::Result<std::string> Importer::fetch_source(std::string_view key) const {
  if (key.empty()) return sdk::Status::invalid("it names no object key");
  BoundedSink sink(options_.max_source_ref_bytes);
  if (auto s = storage_.get(key, sink); !s) return s;
  return std::move(sink.data);
}

sdk::Result<core::RowContent> Importer::parse_line(std::string_view text, std::string_view key,
                                                   std::uint64_t line) const {
  auto object = parse_object(text);
  if (!object) return object.status();
  Format format = options_.format;
  if (format == Format::automatic) {
    if (is_output_manifest(*object)) {
      format = Format::sagemaker_output;
    } else if (object->contains("source") || object->contains("source-ref")) {
      format = Format::sagemaker_input;
    } else {
      format = Format::jsonl;
    }
  }
  std::string default_id = std::string(key) + "#" + std::to_string(line);
  auto fetch = [this](std::string_view k) { return fetch_source(k); };
  switch (format) {
    case Format::sagemaker_input: return row_from_input_manifest(*object, default_id, fetch);
    case Format::sagemaker_output:
      return row_from_output_manifest(*object, default_id, fetch, options_.label_map);
    default: return row_from_json(*object);
  }
}

sdk::Status Importer::import_into(std::string_view key, ImportSink& sink, ImportStats& stats) {
  ++stats.objects;
  LineSplitter splitter(
      [&](const Line& line) -> sdk::Status {
        if (line.too_long) {
          ++stats.lines;
          ++stats.errors;
          return sink.error({std::string(key), line.number,
                             "line longer than " + std::to_string(options_.max_line_bytes) +
                                 " bytes"});
        }
        if (blank(line.text)) return sdk::Status::ok();
        ++stats.lines;
        auto row = parse_line(line.text, key, line.number);
        if (!row) {
          ++stats.errors;
          return sink.error({std::string(key), line.number, row.status().message()});
        }
        ++stats.rows;
        return sink.row(std::move(row.value()), RowOrigin{key, line.number});
      },
      options_.max_line_bytes);
  if (auto s = storage_.get(key, splitter); !s) return s;
  return splitter.finish();
}

sdk::Result<ImportStats> Importer::import_object(std::string_view key, ImportSink& sink) {
  ImportStats stats;
  if (auto s = import_into(key, sink, stats); !s) return s;
  return stats;
}

sdk::Result<ImportStats> Importer::import_prefix(std::string_view prefix, ImportSink& sink) {
  ImportStats stats;
  std::string token;
  do {
    auto page = storage_.list(prefix, token, options_.list_page_size);
    if (!page) return page.status();
    for (const auto& object : page->objects) {
      if (auto s = import_into(object.key, sink, stats); !s) return s;
    }
    token = page->next_token;
  } while (!token.empty());
  return stats;
}

}  // namespace labelflow::dataset
