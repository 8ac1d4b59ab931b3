// RatingType: the built-in `rating` label type (see docs/label-types.md).
#pragma once

#include "rating_options.hpp"

#include <labelflow/sdk/label_type.hpp>

namespace labelflow::labels::rating {

class RatingType final : public sdk::LabelType {
 public:
  std::vector<sdk::ConfigError> configure(const boost::json::object& options) override;
  boost::json::object options() const override;
  std::vector<sdk::FieldError> validate(const boost::json::value& label,
                                        const sdk::RowView& row) const override;
  // Each number as its canonical scale point (4.0 -> 4), so equal ratings compare equal.
  boost::json::value normalize(const boost::json::value& label,
                               const sdk::RowView& row) const override;
  // 1 - |a - b| / (max - min), the mean over dimensions.
  double agreement(const boost::json::value& a, const boost::json::value& b,
                   const sdk::RowView& row) const override;
  // {"a", "b", "difference"}; with dimensions, that object under each dimension's name.
  boost::json::value diff(const boost::json::value& a, const boost::json::value& b,
                          const sdk::RowView& row) const override;
  boost::json::object metrics(std::span<const sdk::Judgment> judgments) const override;
  std::vector<std::string> consolidation_methods() const override;
  sdk::Result<std::vector<sdk::Consolidated>> consolidate(
      std::span<const sdk::Judgment> judgments, std::string_view method) const override;

  // The review widget installed beside the library (rating.widget.js).
  std::string widget() const override { return "rating.widget.js"; }

 private:
  RatingOptions options_;
};

}  // namespace labelflow::labels::rating
