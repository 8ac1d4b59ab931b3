#include "rating_metrics.hpp"

#include "coded_data.hpp"
#include "metric_object.hpp"
#include "rating_value.hpp"
#include "reliability.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace labelflow::labels::rating {
namespace {

constexpr const char* kFigures[] = {"krippendorff_alpha_ordinal", "krippendorff_alpha_interval",
                                    "cohen_kappa_linear",         "cohen_kappa_quadratic",
                                    "cohen_n_items",              "mean_absolute_difference"};

std::string where(const sdk::Judgment& j) {
  return "item \"" + j.item + "\", rater \"" + j.rater + "\"";
}

Stat mean_absolute_difference(const RatingOptions& options, const CodedData& data) {
  double sum = 0;
  std::size_t used = 0;
  for (const auto& unit : data.units) {
    if (unit.size() < 2) continue;
    double total = 0, pairs = 0;
    for (std::size_t a = 0; a < unit.size(); ++a) {
      for (std::size_t b = a + 1; b < unit.size(); ++b) {
        total += std::abs(options.value_at(unit[a].category) - options.value_at(unit[b].category));
        pairs += 1;
      }
    }
    sum += total / pairs;
    ++used;
  }
  if (used == 0) return Stat::undefined("no item has two or more ratings");
  return Stat::of(sum / static_cast<double>(used));
}

void put_figures(MetricObject& out, const RatingOptions& options, const CodedData& data) {
  std::vector<double> values(options.points());
  for (std::uint32_t p = 0; p < values.size(); ++p) values[p] = options.value_at(p);
  out.put("krippendorff_alpha_ordinal", krippendorff_alpha(data, AlphaMetric::ordinal));
  out.put("krippendorff_alpha_interval", krippendorff_alpha(data, AlphaMetric::interval, values));
  auto linear = cohen_kappa(data, KappaWeights::linear);
  out.put("cohen_kappa_linear", linear.kappa);
  out.put("cohen_kappa_quadratic", cohen_kappa(data, KappaWeights::quadratic).kappa);
  out.put_count("cohen_n_items", linear.n_items, linear.kappa.note);
  out.put("mean_absolute_difference", mean_absolute_difference(options, data));
}

}  // namespace

boost::json::object compute_metrics(const RatingOptions& options,
                                    std::span<const sdk::Judgment> judgments) {
  const std::size_t n_dims = std::max<std::size_t>(1, options.dimensions.size());
  std::vector<CodedDataBuilder> builders;
  for (std::size_t d = 0; d < n_dims; ++d) builders.emplace_back(options.points(), true);
  for (const auto& j : judgments) {
    auto positions = decode_or_throw(options, j.label, where(j));
    for (std::size_t d = 0; d < n_dims; ++d) builders[d].add(j.item, j.rater, positions[d]);
  }
  MetricObject out;
  out.put_count("n_items", builders[0].items().size());
  out.put_count("n_raters", builders[0].raters().size());
  if (options.dimensions.empty()) {
    put_figures(out, options, std::move(builders[0]).finish());
    out.put_null("dimensions", "the label has no dimensions");
    return std::move(out).finish();
  }
  boost::json::object dims;
  for (std::size_t d = 0; d < n_dims; ++d) {
    MetricObject one;
    put_figures(one, options, std::move(builders[d]).finish());
    dims[options.dimensions[d]] = std::move(one).finish();
  }
  for (const char* key : kFigures) {
    out.put_null(key, "the label has dimensions: see dimensions.<name>");
  }
  out.put("dimensions", std::move(dims));
  return std::move(out).finish();
}

std::vector<sdk::Consolidated> median(const RatingOptions& options,
                                      std::span<const sdk::Judgment> judgments) {
  const std::size_t n_dims = std::max<std::size_t>(1, options.dimensions.size());
  Interner items;
  std::vector<std::vector<std::vector<std::uint32_t>>> values;  // [item][dimension] positions
  for (const auto& j : judgments) {
    auto positions = decode_or_throw(options, j.label, where(j));
    auto i = items.id(j.item);
    if (i >= values.size()) values.resize(i + 1, std::vector<std::vector<std::uint32_t>>(n_dims));
    for (std::size_t d = 0; d < n_dims; ++d) values[i][d].push_back(positions[d]);
  }
  std::vector<sdk::Consolidated> out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::vector<std::uint32_t> chosen;
    for (auto& v : values[i]) {
      auto middle = v.begin() + static_cast<std::ptrdiff_t>((v.size() - 1) / 2);
      std::nth_element(v.begin(), middle, v.end());
      chosen.push_back(*middle);
    }
    out.push_back({items.names()[i], encode(options, chosen), nullptr});
  }
  return out;
}

}  // namespace labelflow::labels::rating
