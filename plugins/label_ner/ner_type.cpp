#include "ner_type.hpp"

#include "ner_metrics.hpp"
#include "span_cluster.hpp"
#include "span_matching.hpp"
#include "spans.hpp"

#include <stdexcept>

namespace labelflow::labels::ner {

std::vector<sdk::ConfigError> NerType::configure(const boost::json::object& options) {
  NerOptions read;
  auto errors = read.read(options);
  if (errors.empty()) options_ = std::move(read);
  return errors;
}

boost::json::object NerType::options() const { return options_.to_json(); }

std::vector<sdk::FieldError> NerType::validate(const boost::json::value& label,
                                               const sdk::RowView& row) const {
  if (row.metadata == nullptr) return validate_spans(options_, label, nullptr);
  std::string_view text = row.field(options_.field);
  return validate_spans(options_, label, &text);
}

boost::json::value NerType::normalize(const boost::json::value& label,
                                      const sdk::RowView&) const {
  auto spans = decode_spans(options_, label);
  return spans ? boost::json::value(spans_json(options_, *spans)) : label;
}

double NerType::agreement(const boost::json::value& a, const boost::json::value& b,
                          const sdk::RowView&) const {
  auto sa = decode_spans_or_throw(options_, a, "label a");
  auto sb = decode_spans_or_throw(options_, b, "label b");
  if (sa.empty() && sb.empty()) return 1.0;
  auto matched = static_cast<double>(max_matching(sa, sb, MatchRule::strict));
  return 2 * matched / static_cast<double>(sa.size() + sb.size());
}

boost::json::value NerType::diff(const boost::json::value& a, const boost::json::value& b,
                                 const sdk::RowView&) const {
  auto sa = decode_spans_or_throw(options_, a, "label a");
  auto sb = decode_spans_or_throw(options_, b, "label b");
  auto pairs = matching_pairs(sa, sb, MatchRule::strict);
  std::vector<bool> b_matched(sb.size(), false);
  boost::json::array only_a, only_b, both;
  for (std::size_t i = 0; i < sa.size(); ++i) {
    if (pairs[i] == kUnmatched) {
      only_a.push_back(span_json(options_, sa[i]));
    } else {
      both.push_back(span_json(options_, sa[i]));
      b_matched[pairs[i]] = true;
    }
  }
  for (std::size_t j = 0; j < sb.size(); ++j) {
    if (!b_matched[j]) only_b.push_back(span_json(options_, sb[j]));
  }
  return boost::json::object{
      {"only_a", std::move(only_a)}, {"only_b", std::move(only_b)}, {"both", std::move(both)}};
}

boost::json::object NerType::metrics(std::span<const sdk::Judgment> judgments) const {
  return compute_metrics(options_, judgments);
}

std::vector<std::string> NerType::consolidation_methods() const {
  return {std::string(kSpanCluster)};
}

sdk::Result<std::vector<sdk::Consolidated>> NerType::consolidate(
    std::span<const sdk::Judgment> judgments, std::string_view method) const {
  if (method != kSpanCluster) {
    return sdk::Status::invalid("unknown consolidation method '" + std::string(method) +
                                "' for ner; expected span-cluster");
  }
  return span_cluster(options_, judgments);
}

boost::json::value NerType::export_value(const boost::json::value& label,
                                         const sdk::RowView& row) const {
  std::string_view text = row.field(options_.field);
  auto errors = validate_spans(options_, label, &text);
  if (!errors.empty()) {
    throw std::invalid_argument("cannot export an invalid ner label: label" +
                                errors.front().path + " " + errors.front().message);
  }
  const auto index = std::get<TextIndex>(index_text(text));
  const auto spans = *decode_spans(options_, label);
  boost::json::array out;
  for (const auto& span : spans) {
    auto s = static_cast<std::size_t>(span.start), e = static_cast<std::size_t>(span.end);
    auto o = span_json(options_, span);
    o["text"] = text.substr(index.utf8[s], index.utf8[e] - index.utf8[s]);
    o["utf8_start"] = index.utf8[s];
    o["utf8_end"] = index.utf8[e];
    o["utf16_start"] = index.utf16[s];
    o["utf16_end"] = index.utf16[e];
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace labelflow::labels::ner
