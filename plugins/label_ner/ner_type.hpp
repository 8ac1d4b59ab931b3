// NerType: the built-in `ner` label type (see docs/label-types.md).
//
// Offline use: when the RowView has no metadata (null; the daemon always passes one), there is
// no row text, as in `labelflow agreement`, and validate checks the shape of the spans only.
#pragma once

#include "ner_options.hpp"

#include <labelflow/sdk/label_type.hpp>

namespace labelflow::labels::ner {

class NerType final : public sdk::LabelType {
 public:
  std::vector<sdk::ConfigError> configure(const boost::json::object& options) override;
  boost::json::object options() const override;
  std::vector<sdk::FieldError> validate(const boost::json::value& label,
                                        const sdk::RowView& row) const override;
  // Spans sorted by (start, end, type order), reduced to start, end and type.
  boost::json::value normalize(const boost::json::value& label,
                               const sdk::RowView& row) const override;
  // Strict span F1: 2 * matched / (|a| + |b|); both empty = 1.
  double agreement(const boost::json::value& a, const boost::json::value& b,
                   const sdk::RowView& row) const override;
  // {"only_a": [...], "only_b": [...], "both": [...]} by strict match.
  boost::json::value diff(const boost::json::value& a, const boost::json::value& b,
                          const sdk::RowView& row) const override;
  boost::json::object metrics(std::span<const sdk::Judgment> judgments) const override;
  std::vector<std::string> consolidation_methods() const override;
  sdk::Result<std::vector<sdk::Consolidated>> consolidate(
      std::span<const sdk::Judgment> judgments, std::string_view method) const override;
  // Every span gains text, utf8_start, utf8_end, utf16_start, utf16_end. Throws
  // std::invalid_argument for a label or field that does not validate.
  boost::json::value export_value(const boost::json::value& label,
                                  const sdk::RowView& row) const override;

  // The review widget installed beside the library (ner.widget.js).
  std::string widget() const override { return "ner.widget.js"; }

 private:
  NerOptions options_;
};

}  // namespace labelflow::labels::ner
