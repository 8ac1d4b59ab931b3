#include "classification_type.hpp"

#include "classification_consolidate.hpp"
#include "classification_metrics.hpp"
#include "classification_value.hpp"

namespace labelflow::labels::classification {

std::vector<sdk::ConfigError> ClassificationType::configure(const boost::json::object& options) {
  ClassificationOptions read;
  auto errors = read.read(options);
  if (errors.empty()) options_ = std::move(read);
  return errors;
}

boost::json::object ClassificationType::options() const { return options_.to_json(); }

std::vector<sdk::FieldError> ClassificationType::validate(const boost::json::value& label,
                                                          const sdk::RowView&) const {
  return validate_value(options_, label);
}

boost::json::value ClassificationType::normalize(const boost::json::value& label,
                                                 const sdk::RowView&) const {
  auto classes = decode(options_, label);
  return classes ? encode(options_, *classes) : label;
}

double ClassificationType::agreement(const boost::json::value& a, const boost::json::value& b,
                                     const sdk::RowView&) const {
  return agreement_of(decode_or_throw(options_, a, "label a"),
                      decode_or_throw(options_, b, "label b"));
}

boost::json::value ClassificationType::diff(const boost::json::value& a,
                                            const boost::json::value& b,
                                            const sdk::RowView&) const {
  return diff_of(options_, decode_or_throw(options_, a, "label a"),
                 decode_or_throw(options_, b, "label b"));
}

boost::json::object ClassificationType::metrics(std::span<const sdk::Judgment> judgments) const {
  return compute_metrics(options_, judgments);
}

std::vector<std::string> ClassificationType::consolidation_methods() const {
  return {std::string(kMajorityVote), std::string(kDawidSkene)};
}

sdk::Result<std::vector<sdk::Consolidated>> ClassificationType::consolidate(
    std::span<const sdk::Judgment> judgments, std::string_view method) const {
  return consolidate_labels(options_, judgments, method);
}

}  // namespace labelflow::labels::classification
