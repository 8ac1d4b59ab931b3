// Guarded*: the daemon's only way to call plugin code. Each wrapper owns the plugin object
// (whose deleter keeps the library loaded) and turns any exception thrown inside the plugin
// into a Status for that one call, logged with the plugin name. A plugin can fail a request;
// it can never take the daemon down.
#pragma once

#include <labelflow/sdk/label_type.hpp>
#include <labelflow/sdk/router.hpp>
#include <labelflow/sdk/storage.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace labelflow::plugin_host {

// Count of exceptions and errors raised by plugin code since start (for /metrics).
std::uint64_t plugin_error_count() noexcept;

class GuardedLabelType {
 public:
  GuardedLabelType(std::shared_ptr<sdk::LabelType> impl, std::string plugin_name);
  const std::string& plugin_name() const noexcept { return name_; }

  sdk::Result<boost::json::object> options() const;
  sdk::Result<std::vector<sdk::FieldError>> validate(const boost::json::value& label,
                                                     const sdk::RowView& row) const;
  sdk::Result<boost::json::value> normalize(const boost::json::value& label,
                                            const sdk::RowView& row) const;
  // Clamped to [0, 1]; NaN from a plugin is an error.
  sdk::Result<double> agreement(const boost::json::value& a, const boost::json::value& b,
                                const sdk::RowView& row) const;
  sdk::Result<boost::json::value> diff(const boost::json::value& a, const boost::json::value& b,
                                       const sdk::RowView& row) const;
  sdk::Result<boost::json::object> metrics(std::span<const sdk::Judgment> judgments) const;
  sdk::Result<std::vector<std::string>> consolidation_methods() const;
  sdk::Result<std::vector<sdk::Consolidated>> consolidate(std::span<const sdk::Judgment> judgments,
                                                          std::string_view method) const;
  sdk::Result<boost::json::value> export_value(const boost::json::value& label,
                                               const sdk::RowView& row) const;
  sdk::Result<std::string> widget() const;

 private:
  std::shared_ptr<sdk::LabelType> impl_;
  std::string name_;
};

class GuardedStorage {
 public:
  GuardedStorage(std::shared_ptr<sdk::Storage> impl, std::string plugin_name);
  const std::string& plugin_name() const noexcept { return name_; }

  sdk::Status get(std::string_view key, sdk::ByteSink& sink) const;
  sdk::Result<std::string> get_all(std::string_view key) const;
  sdk::Status put(std::string_view key, std::string_view data) const;
  sdk::Result<sdk::ListPage> list(std::string_view prefix, std::string_view page_token,
                                  std::size_t max_keys) const;
  sdk::Status remove(std::string_view key) const;

 private:
  std::shared_ptr<sdk::Storage> impl_;
  std::string name_;
};

class GuardedRouter {
 public:
  GuardedRouter(std::shared_ptr<sdk::Router> impl, std::string plugin_name);
  const std::string& plugin_name() const noexcept { return name_; }

  sdk::Result<std::vector<std::string>> route(const sdk::RowView& row) const;

 private:
  std::shared_ptr<sdk::Router> impl_;
  std::string name_;
};

}  // namespace labelflow::plugin_host
