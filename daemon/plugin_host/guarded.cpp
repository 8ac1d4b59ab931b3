#include "plugin_host/guarded.hpp"

#include <spdlog/spdlog.h>

#include <cmath>
#include <exception>
#include <type_traits>

#include "plugin_host/error_counter.hpp"

namespace labelflow::plugin_host {

namespace {

std::atomic<std::uint64_t> g_plugin_errors{0};

// Runs `call` (plugin code). An exception becomes Status internal
// "plugin 'NAME' (KIND) threw in METHOD: WHAT", logged and counted. The exception's text is
// copied before the handler returns, so nothing from the plugin outlives the call.
template <class R, class F>
R guard(const std::string& name, const char* kind, const char* method, F&& call) {
  std::string what;
  try {
    return call();
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "an exception that is not a std::exception";
  }
  detail::note_plugin_error();
  spdlog::error("plugin '{}' ({}) threw in {}: {}", name, kind, method, what);
  return R(sdk::Status::internal("plugin '" + name + "' (" + kind + ") threw in " + method + ": " +
                                 what));
}

// A contract violation that is not an exception (e.g. NaN agreement): logged and counted too.
sdk::Status violation(const std::string& name, const char* kind, const char* method,
                      const std::string& what) {
  detail::note_plugin_error();
  spdlog::error("plugin '{}' ({}) broke the contract of {}: {}", name, kind, method, what);
  return sdk::Status::internal("plugin '" + name + "' (" + kind + ") " + what + " in " + method);
}

constexpr const char* kLabel = "label_type";
constexpr const char* kStorage = "storage";
constexpr const char* kRouter = "router";

}  // namespace

namespace detail {
void note_plugin_error() noexcept { g_plugin_errors.fetch_add(1, std::memory_order_relaxed); }
}  // namespace detail

std::uint64_t plugin_error_count() noexcept {
  return g_plugin_errors.load(std::memory_order_relaxed);
}

// --- GuardedLabelType ---------------------------------------------------------------------

GuardedLabelType::GuardedLabelType(std::shared_ptr<sdk::LabelType> impl, std::string plugin_name)
    : impl_(std::move(impl)), name_(std::move(plugin_name)) {}

sdk::Result<boost::json::object> GuardedLabelType::options() const {
  using R = sdk::Result<boost::json::object>;
  return guard<R>(name_, kLabel, "options", [&] { return R(impl_->options()); });
}

sdk::Result<std::vector<sdk::FieldError>> GuardedLabelType::validate(
    const boost::json::value& label, const sdk::RowView& row) const {
  using R = sdk::Result<std::vector<sdk::FieldError>>;
  return guard<R>(name_, kLabel, "validate", [&] { return R(impl_->validate(label, row)); });
}

sdk::Result<boost::json::value> GuardedLabelType::normalize(const boost::json::value& label,
                                                            const sdk::RowView& row) const {
  using R = sdk::Result<boost::json::value>;
  return guard<R>(name_, kLabel, "normalize", [&] { return R(impl_->normalize(label, row)); });
}

sdk::Result<double> GuardedLabelType::agreement(const boost::json::value& a,
                                                const boost::json::value& b,
                                                const sdk::RowView& row) const {
  using R = sdk::Result<double>;
  R r = guard<R>(name_, kLabel, "agreement", [&] { return R(impl_->agreement(a, b, row)); });
  if (!r) return r;
  const double v = *r;
  if (std::isnan(v)) return violation(name_, kLabel, "agreement", "returned NaN");
  // Outside [0, 1] is a plugin bug, but a harmless one: clamp rather than fail the row.
  if (v < 0.0) return 0.0;
  if (v > 1.0) return 1.0;
  return v;
}

sdk::Result<boost::json::value> GuardedLabelType::diff(const boost::json::value& a,
                                                       const boost::json::value& b,
                                                       const sdk::RowView& row) const {
  using R = sdk::Result<boost::json::value>;
  return guard<R>(name_, kLabel, "diff", [&] { return R(impl_->diff(a, b, row)); });
}

sdk::Result<boost::json::object> GuardedLabelType::metrics(
    std::span<const sdk::Judgment> judgments) const {
  using R = sdk::Result<boost::json::object>;
  return guard<R>(name_, kLabel, "metrics", [&] { return R(impl_->metrics(judgments)); });
}

sdk::Result<std::vector<std::string>> GuardedLabelType::consolidation_methods() const {
  using R = sdk::Result<std::vector<std::string>>;
  return guard<R>(name_, kLabel, "consolidation_methods",
                  [&] { return R(impl_->consolidation_methods()); });
}

sdk::Result<std::vector<sdk::Consolidated>> GuardedLabelType::consolidate(
    std::span<const sdk::Judgment> judgments, std::string_view method) const {
  using R = sdk::Result<std::vector<sdk::Consolidated>>;
  return guard<R>(name_, kLabel, "consolidate",
                  [&] { return impl_->consolidate(judgments, method); });
}

sdk::Result<boost::json::value> GuardedLabelType::export_value(const boost::json::value& label,
                                                               const sdk::RowView& row) const {
  using R = sdk::Result<boost::json::value>;
  return guard<R>(name_, kLabel, "export_value",
                  [&] { return R(impl_->export_value(label, row)); });
}

sdk::Result<std::string> GuardedLabelType::widget() const {
  using R = sdk::Result<std::string>;
  return guard<R>(name_, kLabel, "widget", [&] { return R(impl_->widget()); });
}

// --- GuardedStorage -----------------------------------------------------------------------

GuardedStorage::GuardedStorage(std::shared_ptr<sdk::Storage> impl, std::string plugin_name)
    : impl_(std::move(impl)), name_(std::move(plugin_name)) {}

sdk::Status GuardedStorage::get(std::string_view key, sdk::ByteSink& sink) const {
  return guard<sdk::Status>(name_, kStorage, "get", [&] { return impl_->get(key, sink); });
}

sdk::Result<std::string> GuardedStorage::get_all(std::string_view key) const {
  sdk::StringSink sink;
  sdk::Status s = get(key, sink);
  if (!s) return s;
  return std::move(sink.data);
}

sdk::Status GuardedStorage::put(std::string_view key, std::string_view data) const {
  return guard<sdk::Status>(name_, kStorage, "put", [&] { return impl_->put(key, data); });
}

sdk::Result<sdk::ListPage> GuardedStorage::list(std::string_view prefix,
                                                std::string_view page_token,
                                                std::size_t max_keys) const {
  using R = sdk::Result<sdk::ListPage>;
  return guard<R>(name_, kStorage, "list",
                  [&] { return impl_->list(prefix, page_token, max_keys); });
}

sdk::Status GuardedStorage::remove(std::string_view key) const {
  return guard<sdk::Status>(name_, kStorage, "remove", [&] { return impl_->remove(key); });
}

// --- GuardedRouter ------------------------------------------------------------------------

GuardedRouter::GuardedRouter(std::shared_ptr<sdk::Router> impl, std::string plugin_name)
    : impl_(std::move(impl)), name_(std::move(plugin_name)) {}

sdk::Result<std::vector<std::string>> GuardedRouter::route(const sdk::RowView& row) const {
  using R = sdk::Result<std::vector<std::string>>;
  return guard<R>(name_, kRouter, "route", [&] { return impl_->route(row); });
}

}  // namespace labelflow::plugin_host
