// Krippendorff's alpha via the coincidence matrix, as in K. Krippendorff, "Computing
// Krippendorff's Alpha-Reliability" (2011): alpha = 1 - (n-1) * sum o_ck d_ck /
// sum n_c n_k d_ck over pairable values.
#include "reliability.hpp"

#include <algorithm>
#include <vector>

namespace labelflow::labels {

Stat krippendorff_alpha(const CodedData& data, AlphaMetric metric,
                        std::span<const double> values) {
  const std::size_t k = data.n_categories;
  std::vector<double> coincidence(k * k, 0.0);
  std::vector<std::size_t> counts(k, 0);
  std::vector<std::uint32_t> present;
  double n = 0;
  for (const auto& unit : data.units) {
    const std::size_t m = unit.size();
    if (m < 2) continue;
    present.clear();
    for (const auto& r : unit) {
      if (counts[r.category]++ == 0) present.push_back(r.category);
    }
    const double scale = 1.0 / static_cast<double>(m - 1);
    for (auto c : present) {
      for (auto d : present) {
        double pairs = c == d ? static_cast<double>(counts[c]) * static_cast<double>(counts[c] - 1)
                              : static_cast<double>(counts[c]) * static_cast<double>(counts[d]);
        coincidence[c * k + d] += pairs * scale;
      }
    }
    for (auto c : present) counts[c] = 0;
    n += static_cast<double>(m);
  }
  if (n == 0) return Stat::undefined("no item has two or more ratings (no pairable values)");

  std::vector<double> marginal(k, 0.0);
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t d = 0; d < k; ++d) marginal[c] += coincidence[c * k + d];
  }
  auto value = [&](std::size_t c) {
    return values.empty() ? static_cast<double>(c) : values[c];
  };
  // Cumulative marginals give the ordinal distance in O(1) per pair.
  std::vector<double> cumulative(k + 1, 0.0);
  for (std::size_t c = 0; c < k; ++c) cumulative[c + 1] = cumulative[c] + marginal[c];
  auto distance = [&](std::size_t c, std::size_t d) -> double {
    if (c == d) return 0.0;
    switch (metric) {
      case AlphaMetric::nominal: return 1.0;
      case AlphaMetric::interval: {
        double diff = value(c) - value(d);
        return diff * diff;
      }
      case AlphaMetric::ordinal: {
        std::size_t lo = std::min(c, d), hi = std::max(c, d);
        double between = cumulative[hi + 1] - cumulative[lo] - (marginal[lo] + marginal[hi]) / 2;
        return between * between;
      }
    }
    return 0.0;
  };
  double observed = 0, expected = 0;
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t d = 0; d < k; ++d) {
      if (c == d) continue;
      double delta = distance(c, d);
      observed += coincidence[c * k + d] * delta;
      expected += marginal[c] * marginal[d] * delta;
    }
  }
  if (expected <= 0) {
    return Stat::undefined("only one value was used: expected disagreement is 0 and alpha "
                           "is undefined");
  }
  return Stat::of(1.0 - (n - 1) * observed / expected);
}

}  // namespace labelflow::labels
