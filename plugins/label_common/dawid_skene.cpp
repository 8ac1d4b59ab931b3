#include "dawid_skene.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace labelflow::labels {
namespace {

// One (rater, observed class, count) cell of an item.
struct Cell {
  std::uint32_t rater;
  std::uint32_t label;
  double count;
};

std::vector<std::vector<Cell>> count_cells(const CodedData& data) {
  std::vector<std::vector<Cell>> cells(data.units.size());
  for (std::size_t i = 0; i < data.units.size(); ++i) {
    auto& out = cells[i];
    for (const auto& r : data.units[i]) {
      auto it = std::find_if(out.begin(), out.end(), [&](const Cell& c) {
        return c.rater == r.rater && c.label == r.category;
      });
      if (it == out.end()) out.push_back({r.rater, r.category, 1.0});
      else it->count += 1.0;
    }
  }
  return cells;
}

}  // namespace

std::size_t argmax_first(const std::vector<double>& p) {
  std::size_t best = 0;
  for (std::size_t j = 1; j < p.size(); ++j) {
    if (p[j] > p[best]) best = j;
  }
  return best;
}

DawidSkeneResult dawid_skene(const CodedData& data, const DawidSkeneOptions& options) {
  const std::size_t k = data.n_categories;
  const std::size_t n_items = data.units.size();
  const std::size_t n_raters = data.n_raters;
  DawidSkeneResult result;
  result.posterior.assign(n_items, std::vector<double>(k, 0.0));
  result.priors.assign(k, k == 0 ? 0.0 : 1.0 / static_cast<double>(k));
  if (k == 0) return result;

  const auto cells = count_cells(data);
  auto& t = result.posterior;
  // Initial estimate: each item's vote shares (eq. 3.1).
  std::size_t rated = 0;
  for (std::size_t i = 0; i < n_items; ++i) {
    double total = 0;
    for (const auto& c : cells[i]) {
      t[i][c.label] += c.count;
      total += c.count;
    }
    if (total > 0) {
      ++rated;
      for (auto& p : t[i]) p /= total;
    }
  }
  if (rated == 0) {
    for (auto& row : t) row = result.priors;
    result.converged = true;
    return result;
  }

  // log_pi[(rater * k + true class) * k + observed class]
  std::vector<double> pi(n_raters * k * k);
  std::vector<double> log_pi(n_raters * k * k);
  std::vector<double> log_prior(k);
  std::vector<double> next(k);
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    // M-step: priors (eq. 2.4) and confusion matrices (eq. 2.3) from the current posteriors.
    std::fill(result.priors.begin(), result.priors.end(), 0.0);
    std::fill(pi.begin(), pi.end(), options.smoothing);
    for (std::size_t i = 0; i < n_items; ++i) {
      if (cells[i].empty()) continue;
      for (std::size_t j = 0; j < k; ++j) {
        result.priors[j] += t[i][j];
        for (const auto& c : cells[i]) pi[(c.rater * k + j) * k + c.label] += t[i][j] * c.count;
      }
    }
    for (std::size_t j = 0; j < k; ++j) {
      result.priors[j] /= static_cast<double>(rated);
      log_prior[j] = std::log(result.priors[j]);
    }
    for (std::size_t row = 0; row < n_raters * k; ++row) {
      double sum = 0;
      for (std::size_t l = 0; l < k; ++l) sum += pi[row * k + l];
      for (std::size_t l = 0; l < k; ++l) {
        // A row with no weight at all (smoothing 0, a class the rater never met): uniform;
        // no rating of that rater is weighed by it with a non-zero posterior.
        log_pi[row * k + l] = sum > 0 ? std::log(pi[row * k + l] / sum)
                                      : -std::log(static_cast<double>(k));
      }
    }
    // E-step: posteriors (eq. 2.5) in log space, so that many raters do not underflow.
    double change = 0;
    for (std::size_t i = 0; i < n_items; ++i) {
      if (cells[i].empty()) continue;
      double top = -std::numeric_limits<double>::infinity();
      for (std::size_t j = 0; j < k; ++j) {
        double s = log_prior[j];
        for (const auto& c : cells[i]) s += c.count * log_pi[(c.rater * k + j) * k + c.label];
        next[j] = s;
        top = std::max(top, s);
      }
      if (!std::isfinite(top)) continue;  // every class impossible (smoothing 0): keep estimate
      double sum = 0;
      for (auto& s : next) sum += (s = std::exp(s - top));
      for (std::size_t j = 0; j < k; ++j) {
        double p = next[j] / sum;
        change = std::max(change, std::abs(p - t[i][j]));
        t[i][j] = p;
      }
    }
    result.iterations = iteration;
    if (change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  for (std::size_t i = 0; i < n_items; ++i) {
    if (cells[i].empty()) t[i] = result.priors;
  }
  return result;
}

}  // namespace labelflow::labels
