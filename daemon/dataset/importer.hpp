// Importer: streams rows out of storage objects for the engine, which owns what happens to them
// (durable insert, `unchanged`, `duplicate_id`). Memory is bounded by the longest line: objects
// are read chunk by chunk through LineSplitter, never whole.
//
//   class Engine : public dataset::ImportSink { ... };
//   dataset::Importer importer(storage, {.format = dataset::Format::automatic});
//   auto stats = importer.import_prefix("incoming/2026-11/", engine_sink);
//
// Every bad line is reported to ImportSink::error with its object key, line number and reason,
// then skipped; good lines go to ImportSink::row in order. A storage failure (after the
// plugin's retries) ends the import with that Status. Not thread-safe; one import per Importer.
#pragma once

#include "core/row.hpp"
#include "dataset/line_splitter.hpp"
#include "dataset/manifest_import.hpp"
#include "plugin_host/guarded.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace labelflow::dataset {

enum class Format {
  automatic,         // per line: an output manifest, an input manifest, or a row
  jsonl,             // labelflow rows only
  sagemaker_input,   // Ground Truth input manifest lines
  sagemaker_output,  // Ground Truth output manifest lines (labels become auto labels)
};

// "auto", "jsonl", "sagemaker-input", "sagemaker-output"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view name);
const char* format_name(Format format);

struct ImportOptions {
  Format format = Format::automatic;
  LabelMap label_map;                       // Ground Truth attribute -> project label name
  std::size_t max_line_bytes = kDefaultMaxLineBytes;
  std::size_t max_source_ref_bytes = kDefaultMaxLineBytes;
  std::size_t list_page_size = 1000;
};

struct ImportError {
  std::string key;
  std::uint64_t line = 0;
  std::string reason;
  // "incoming/a.jsonl:12: 'response' is required"
  std::string to_string() const { return key + ":" + std::to_string(line) + ": " + reason; }
};

struct RowOrigin {
  std::string_view key;
  std::uint64_t line = 0;
};

class ImportSink {
 public:
  virtual ~ImportSink() = default;
  // A good row. A non-ok Status stops the import and is returned by it.
  virtual sdk::Status row(core::RowContent&& row, const RowOrigin& origin) = 0;
  // A rejected line (already skipped). A non-ok Status stops the import.
  virtual sdk::Status error(const ImportError& error) = 0;
};

struct ImportStats {
  std::uint64_t objects = 0;
  std::uint64_t lines = 0;  // non-blank lines seen
  std::uint64_t rows = 0;   // handed to ImportSink::row
  std::uint64_t errors = 0;
};

class Importer {
 public:
  Importer(const plugin_host::GuardedStorage& storage, ImportOptions options);

  // Imports one object.
  sdk::Result<ImportStats> import_object(std::string_view key, ImportSink& sink);
  // Imports every object under `prefix`, in key order.
  sdk::Result<ImportStats> import_prefix(std::string_view prefix, ImportSink& sink);

  // One line's row, or the reason it is refused (exposed for tests and fuzzing).
  sdk::Result<core::RowContent> parse_line(std::string_view text, std::string_view key,
                                           std::uint64_t line) const;

 private:
  sdk::Result<std::string> fetch_source(std::string_view key) const;
  sdk::Status import_into(std::string_view key, ImportSink& sink, ImportStats& stats);

  const plugin_host::GuardedStorage& storage_;
  ImportOptions options_;
};

}  // namespace labelflow::dataset
