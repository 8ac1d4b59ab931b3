#include "rating_type.hpp"

#include "rating_metrics.hpp"
#include "rating_value.hpp"

#include <cmath>

namespace labelflow::labels::rating {

std::vector<sdk::ConfigError> RatingType::configure(const boost::json::object& options) {
  RatingOptions read;
  auto errors = read.read(options);
  if (errors.empty()) options_ = std::move(read);
  return errors;
}

boost::json::object RatingType::options() const { return options_.to_json(); }

std::vector<sdk::FieldError> RatingType::validate(const boost::json::value& label,
                                                  const sdk::RowView&) const {
  return validate_value(options_, label);
}

boost::json::value RatingType::normalize(const boost::json::value& label,
                                         const sdk::RowView&) const {
  auto positions = decode(options_, label);
  return positions ? encode(options_, *positions) : label;
}

double RatingType::agreement(const boost::json::value& a, const boost::json::value& b,
                             const sdk::RowView&) const {
  auto pa = decode_or_throw(options_, a, "label a");
  auto pb = decode_or_throw(options_, b, "label b");
  double sum = 0;
  for (std::size_t d = 0; d < pa.size(); ++d) {
    sum += 1.0 - std::abs(options_.value_at(pa[d]) - options_.value_at(pb[d])) /
                     (options_.max - options_.min);
  }
  return sum / static_cast<double>(pa.size());
}

boost::json::value RatingType::diff(const boost::json::value& a, const boost::json::value& b,
                                    const sdk::RowView&) const {
  auto pa = decode_or_throw(options_, a, "label a");
  auto pb = decode_or_throw(options_, b, "label b");
  auto one = [&](std::size_t d) {
    return boost::json::object{
        {"a", options_.json_at(pa[d])},
        {"b", options_.json_at(pb[d])},
        {"difference", std::abs(options_.value_at(pa[d]) - options_.value_at(pb[d]))}};
  };
  if (options_.dimensions.empty()) return one(0);
  boost::json::object out;
  for (std::size_t d = 0; d < pa.size(); ++d) out[options_.dimensions[d]] = one(d);
  return out;
}

boost::json::object RatingType::metrics(std::span<const sdk::Judgment> judgments) const {
  return compute_metrics(options_, judgments);
}

std::vector<std::string> RatingType::consolidation_methods() const {
  return {std::string(kMedian)};
}

sdk::Result<std::vector<sdk::Consolidated>> RatingType::consolidate(
    std::span<const sdk::Judgment> judgments, std::string_view method) const {
  if (method != kMedian) {
    return sdk::Status::invalid("unknown consolidation method '" + std::string(method) +
                                "' for rating; expected median");
  }
  return median(options_, judgments);
}

}  // namespace labelflow::labels::rating
