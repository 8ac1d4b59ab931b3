#include "classification_metrics.hpp"

#include "classification_value.hpp"
#include "metric_object.hpp"
#include "reliability.hpp"

#include <string>
#include <vector>

namespace labelflow::labels::classification {
namespace {

std::string where(const sdk::Judgment& j) {
  return "item \"" + j.item + "\", rater \"" + j.rater + "\"";
}

void put_nominal(MetricObject& out, const CodedData& data) {
  out.put("percent_agreement", percent_agreement(data));
  auto cohen = cohen_kappa(data, KappaWeights::none);
  out.put("cohen_kappa", cohen.kappa);
  out.put_count("cohen_n_items", cohen.n_items, cohen.kappa.note);
  out.put("fleiss_kappa", fleiss_kappa(data));
  out.put("krippendorff_alpha_nominal", krippendorff_alpha(data, AlphaMetric::nominal));
}

std::string set_key(const std::vector<std::uint32_t>& classes) {
  std::string key;
  for (auto c : classes) key += std::to_string(c) + ",";
  return key;
}

}  // namespace

boost::json::object compute_metrics(const ClassificationOptions& options,
                                    std::span<const sdk::Judgment> judgments) {
  std::vector<std::vector<std::uint32_t>> decoded;
  decoded.reserve(judgments.size());
  for (const auto& j : judgments) decoded.push_back(decode_or_throw(options, j.label, where(j)));

  MetricObject out;
  if (!options.multi) {
    CodedDataBuilder builder(options.classes.size(), /*last_wins=*/true);
    for (std::size_t i = 0; i < judgments.size(); ++i) {
      builder.add(judgments[i].item, judgments[i].rater, decoded[i][0]);
    }
    const std::size_t n_raters = builder.raters().size();
    auto data = std::move(builder).finish();
    out.put_count("n_items", data.units.size());
    out.put_count("n_raters", n_raters);
    put_nominal(out, data);
    out.put_null("per_class", "single-class label: per-class figures apply to multi = true");
    return std::move(out).finish();
  }

  // Top level: each distinct set is one category, numbered as the sets appear.
  Interner sets;
  for (const auto& d : decoded) sets.id(set_key(d));
  CodedDataBuilder whole(sets.size(), /*last_wins=*/true);
  std::vector<CodedDataBuilder> per_class;
  for (std::size_t c = 0; c < options.classes.size(); ++c) per_class.emplace_back(2, true);
  for (std::size_t i = 0; i < judgments.size(); ++i) {
    const auto& j = judgments[i];
    whole.add(j.item, j.rater, sets.id(set_key(decoded[i])));
    std::vector<bool> present(options.classes.size(), false);
    for (auto c : decoded[i]) present[c] = true;
    for (std::size_t c = 0; c < options.classes.size(); ++c) {
      per_class[c].add(j.item, j.rater, present[c] ? 1 : 0);
    }
  }
  const std::size_t n_raters = whole.raters().size();
  auto data = std::move(whole).finish();
  out.put_count("n_items", data.units.size());
  out.put_count("n_raters", n_raters);
  put_nominal(out, data);
  boost::json::object classes;
  for (std::size_t c = 0; c < options.classes.size(); ++c) {
    auto binary = std::move(per_class[c]).finish();
    MetricObject one;
    one.put_count("n_items", binary.units.size());
    put_nominal(one, binary);
    classes[options.classes[c]] = std::move(one).finish();
  }
  out.put("per_class", std::move(classes));
  return std::move(out).finish();
}

}  // namespace labelflow::labels::classification
