// ClassificationType: the built-in `classification` label type (see docs/label-types.md).
#pragma once

#include "classification_options.hpp"

#include <labelflow/sdk/label_type.hpp>

namespace labelflow::labels::classification {

class ClassificationType final : public sdk::LabelType {
 public:
  std::vector<sdk::ConfigError> configure(const boost::json::object& options) override;
  boost::json::object options() const override;
  std::vector<sdk::FieldError> validate(const boost::json::value& label,
                                        const sdk::RowView& row) const override;
  // Multi-class: classes sorted by their order in `classes`. Single-class: unchanged.
  boost::json::value normalize(const boost::json::value& label,
                               const sdk::RowView& row) const override;
  // Single: 1 if equal, else 0. Multi: Jaccard index (both empty = 1).
  double agreement(const boost::json::value& a, const boost::json::value& b,
                   const sdk::RowView& row) const override;
  // {"only_a": [...], "only_b": [...], "both": [...]}, class names in class order.
  boost::json::value diff(const boost::json::value& a, const boost::json::value& b,
                          const sdk::RowView& row) const override;
  boost::json::object metrics(std::span<const sdk::Judgment> judgments) const override;
  std::vector<std::string> consolidation_methods() const override;
  sdk::Result<std::vector<sdk::Consolidated>> consolidate(
      std::span<const sdk::Judgment> judgments, std::string_view method) const override;

  // The review widget installed beside the library (classification.widget.js).
  std::string widget() const override { return "classification.widget.js"; }

 private:
  ClassificationOptions options_;
};

}  // namespace labelflow::labels::classification
