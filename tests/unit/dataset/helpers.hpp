// Helpers for the dataset tests: a local storage in a fresh temp directory, a storage wrapper
// that fails on demand, and an ImportSink that records everything.
#pragma once

#include "dataset/importer.hpp"
#include "plugin_host/guarded.hpp"

#include <labelflow/sdk/storage.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace labelflow::dataset_test {

// A storage_local instance over a fresh directory, removed at destruction.
class TempStorage {
 public:
  TempStorage();
  explicit TempStorage(std::filesystem::path dir);
  ~TempStorage();
  std::shared_ptr<sdk::Storage> raw;
  plugin_host::GuardedStorage guarded;
  std::filesystem::path root;
  void put(const std::string& key, const std::string& data);
  std::string get(const std::string& key);
  std::vector<std::string> keys(const std::string& prefix = "");
};

// Forwards to another storage; the next `fail_puts` puts answer unavailable.
class FlakyStorage final : public sdk::Storage {
 public:
  explicit FlakyStorage(std::shared_ptr<sdk::Storage> inner) : inner_(std::move(inner)) {}
  std::vector<sdk::ConfigError> configure(const boost::json::object&) override { return {}; }
  sdk::Status get(std::string_view key, sdk::ByteSink& sink) override {
    return inner_->get(key, sink);
  }
  sdk::Status put(std::string_view key, std::string_view data) override {
    ++put_calls;
    if (fail_puts > 0) {
      --fail_puts;
      return sdk::Status::unavailable("injected outage");
    }
    return inner_->put(key, data);
  }
  sdk::Result<sdk::ListPage> list(std::string_view prefix, std::string_view token,
                                  std::size_t max_keys) override {
    return inner_->list(prefix, token, max_keys);
  }
  sdk::Status remove(std::string_view key) override { return inner_->remove(key); }

  int fail_puts = 0;
  int put_calls = 0;

 private:
  std::shared_ptr<sdk::Storage> inner_;
};

struct RecordingSink final : public dataset::ImportSink {
  sdk::Status row(core::RowContent&& row, const dataset::RowOrigin& origin) override {
    rows.push_back(std::move(row));
    origins.push_back(std::string(origin.key) + "#" + std::to_string(origin.line));
    return sdk::Status::ok();
  }
  sdk::Status error(const dataset::ImportError& e) override {
    errors.push_back(e);
    return sdk::Status::ok();
  }
  std::vector<core::RowContent> rows;
  std::vector<std::string> origins;
  std::vector<dataset::ImportError> errors;
};

}  // namespace labelflow::dataset_test
