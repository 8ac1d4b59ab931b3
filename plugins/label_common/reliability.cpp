#include "reliability.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace labelflow::labels {
namespace {

// Chance agreement this close to 1 leaves kappa's denominator at rounding noise.
constexpr double kDegenerate = 1e-12;

// Calls f with the per-category counts of one unit; `counts` (size n_categories) is all zero
// on entry and on return, so one buffer serves every unit.
template <class F>
void with_counts(const std::vector<Rating>& unit, std::vector<std::size_t>& counts, F&& f) {
  for (const auto& r : unit) ++counts[r.category];
  f(counts);
  for (const auto& r : unit) counts[r.category] = 0;
}

}  // namespace

Stat percent_agreement(const CodedData& data) {
  std::vector<std::size_t> counts(data.n_categories, 0);
  double sum = 0;
  std::size_t used = 0;
  for (const auto& unit : data.units) {
    const std::size_t m = unit.size();
    if (m < 2) continue;
    with_counts(unit, counts, [&](const std::vector<std::size_t>& c) {
      double agreeing = 0;
      for (const auto& r : unit) agreeing += static_cast<double>(c[r.category] - 1);
      sum += agreeing / (static_cast<double>(m) * static_cast<double>(m - 1));
    });
    ++used;
  }
  if (used == 0) return Stat::undefined("no item has two or more ratings");
  return Stat::of(sum / static_cast<double>(used));
}

CohenResult cohen_kappa(const CodedData& data, KappaWeights weights) {
  if (data.n_raters != 2) {
    return {Stat::undefined("Cohen's kappa needs exactly two raters; found " +
                            std::to_string(data.n_raters)),
            std::nullopt};
  }
  const std::size_t k = data.n_categories;
  std::vector<double> table(k * k, 0.0);
  std::size_t n = 0;
  for (const auto& unit : data.units) {
    const Rating* a = nullptr;
    const Rating* b = nullptr;
    for (const auto& r : unit) (r.rater == 0 ? a : b) = &r;
    if (a == nullptr || b == nullptr) continue;
    table[a->category * k + b->category] += 1;
    ++n;
  }
  if (n == 0) return {Stat::undefined("no item was rated by both raters"), 0};
  auto weight = [&](std::size_t i, std::size_t j) {
    if (i == j) return 1.0;
    if (weights == KappaWeights::none || k < 2) return 0.0;
    double d = std::abs(static_cast<double>(i) - static_cast<double>(j)) /
               static_cast<double>(k - 1);
    return weights == KappaWeights::linear ? 1.0 - d : 1.0 - d * d;
  };
  std::vector<double> row(k, 0.0), col(k, 0.0);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      row[i] += table[i * k + j];
      col[j] += table[i * k + j];
    }
  }
  const double total = static_cast<double>(n);
  double observed = 0, expected = 0;
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      double w = weight(i, j);
      observed += w * table[i * k + j] / total;
      expected += w * (row[i] / total) * (col[j] / total);
    }
  }
  if (1.0 - expected < kDegenerate) {
    return {Stat::undefined("chance agreement is 1 (both raters used a single category): "
                            "kappa is undefined"),
            n};
  }
  return {Stat::of((observed - expected) / (1.0 - expected)), n};
}

Stat fleiss_kappa(const CodedData& data) {
  std::size_t smallest = SIZE_MAX, largest = 0, n_items = 0;
  for (const auto& unit : data.units) {
    if (unit.empty()) continue;
    smallest = std::min(smallest, unit.size());
    largest = std::max(largest, unit.size());
    ++n_items;
  }
  if (n_items == 0) return Stat::undefined("no item has ratings");
  if (smallest != largest) {
    return Stat::undefined("Fleiss' kappa needs the same number of ratings per item; found " +
                           std::to_string(smallest) + " to " + std::to_string(largest));
  }
  const std::size_t m = largest;
  if (m < 2) return Stat::undefined("every item has only one rating");
  std::vector<std::size_t> counts(data.n_categories, 0);
  std::vector<double> totals(data.n_categories, 0.0);
  const double md = static_cast<double>(m);
  double p_bar = 0;
  for (const auto& unit : data.units) {
    if (unit.empty()) continue;
    with_counts(unit, counts, [&](const std::vector<std::size_t>& c) {
      double squares = 0;
      for (std::size_t j = 0; j < c.size(); ++j) {
        squares += static_cast<double>(c[j]) * static_cast<double>(c[j]);
        totals[j] += static_cast<double>(c[j]);
      }
      p_bar += (squares - md) / (md * (md - 1));
    });
  }
  const double items = static_cast<double>(n_items);
  p_bar /= items;
  double p_e = 0;
  for (double t : totals) {
    double p = t / (items * md);
    p_e += p * p;
  }
  if (1.0 - p_e < kDegenerate) {
    return Stat::undefined("chance agreement is 1 (only one category was used): "
                           "kappa is undefined");
  }
  return Stat::of((p_bar - p_e) / (1.0 - p_e));
}

}  // namespace labelflow::labels
