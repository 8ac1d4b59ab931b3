#include "service/runtime/plugin_label_oracle.hpp"

#include <spdlog/spdlog.h>

namespace labelflow::service {

sdk::RowView row_view(const core::RowContent& row) {
  sdk::RowView v;
  v.id = row.id;
  v.context = row.context;
  v.query = row.query;
  v.response = row.response;
  v.metadata = &row.metadata;
  return v;
}

PluginLabelOracle::PluginLabelOracle(std::shared_ptr<const LabelPlugins> plugins)
    : plugins_(std::move(plugins)) {}

std::shared_ptr<const LabelPlugins> PluginLabelOracle::plugins() const {
  std::lock_guard lock(mu_);
  return plugins_;
}

void PluginLabelOracle::set_plugins(std::shared_ptr<const LabelPlugins> plugins) {
  std::lock_guard lock(mu_);
  plugins_ = std::move(plugins);
}

const plugin_host::GuardedLabelType* PluginLabelOracle::find(std::string_view label) const {
  auto snapshot = plugins();
  auto it = snapshot->find(label);
  // The map's objects outlive this call: the engine call holds the project lock, and a reload
  // swaps the map only under that lock (the old objects stay alive until then).
  return it == snapshot->end() ? nullptr : it->second.get();
}

double PluginLabelOracle::agreement(std::string_view label, const boost::json::value& a,
                                    const boost::json::value& b,
                                    const core::RowContent& row) const {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null() ? 1.0 : 0.0;
  const auto* plugin = find(label);
  if (plugin == nullptr) return a == b ? 1.0 : 0.0;
  auto r = plugin->agreement(a, b, row_view(row));
  if (!r) {
    spdlog::warn("label '{}' ({}): agreement failed on row '{}': {}", label,
                 plugin->plugin_name(), row.id, r.status().to_string());
    return 0.0;
  }
  return *r;
}

bool PluginLabelOracle::equal(std::string_view label, const boost::json::value& a,
                              const boost::json::value& b, const core::RowContent& row) const {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  const auto* plugin = find(label);
  if (plugin == nullptr) return a == b;
  const auto view = row_view(row);
  auto na = plugin->normalize(a, view);
  auto nb = plugin->normalize(b, view);
  if (!na || !nb) {
    spdlog::warn("label '{}' ({}): normalize failed on row '{}': {}", label,
                 plugin->plugin_name(), row.id,
                 (!na ? na.status() : nb.status()).to_string());
    return a == b;
  }
  return *na == *nb;
}

}  // namespace labelflow::service
