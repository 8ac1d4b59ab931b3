// PluginLabelOracle: the engine's LabelOracle (core/label_oracle.hpp) over the project's label
// plugins (GuardedLabelType). A plugin failure in agreement/equal cannot fail the engine call
// that asked, so it is logged, counted by the plugin host, and answered conservatively:
// agreement 0 and "not equal" (a row then gets adjudicated rather than silently passed).
//
// Thread safety: the plugin set is swapped by set_plugins() on reload; the caller serializes
// that with every engine call (the project lock), and readers outside the lock take plugins().
#pragma once

#include "config/plugin_check.hpp"
#include "core/label_oracle.hpp"

#include <labelflow/sdk/row.hpp>

#include <memory>
#include <mutex>

namespace labelflow::service {

using LabelPlugins = std::map<std::string, std::shared_ptr<plugin_host::GuardedLabelType>,
                              std::less<>>;

// A borrowed view of `row` for plugin calls (valid while `row` lives).
sdk::RowView row_view(const core::RowContent& row);

class PluginLabelOracle final : public core::LabelOracle {
 public:
  explicit PluginLabelOracle(std::shared_ptr<const LabelPlugins> plugins);

  double agreement(std::string_view label, const boost::json::value& a,
                   const boost::json::value& b, const core::RowContent& row) const override;
  bool equal(std::string_view label, const boost::json::value& a, const boost::json::value& b,
             const core::RowContent& row) const override;

  std::shared_ptr<const LabelPlugins> plugins() const;
  void set_plugins(std::shared_ptr<const LabelPlugins> plugins);

 private:
  const plugin_host::GuardedLabelType* find(std::string_view label) const;
  mutable std::mutex mu_;  // guards the pointer only
  std::shared_ptr<const LabelPlugins> plugins_;
};

}  // namespace labelflow::service
