// Dawid-Skene (1979): maximum-likelihood class estimates from raters of unknown reliability,
// by EM over per-rater confusion matrices.
//
// A. P. Dawid and A. M. Skene, "Maximum Likelihood Estimation of Observer Error-Rates Using
// the EM Algorithm", Applied Statistics 28(1), 1979, pp. 20-28.
#pragma once

#include "coded_data.hpp"

#include <vector>

namespace labelflow::labels {

struct DawidSkeneOptions {
  // Pseudo-count added to every cell of every rater's confusion matrix in the M-step
  // (additive smoothing). It keeps a class a rater never used from getting probability 0,
  // which would veto that class for every item the rater saw. 0 gives the paper's estimator.
  double smoothing = 0.01;
  // Stop when no posterior probability changed by this much or more in one iteration...
  double tolerance = 1e-9;
  // ...or after this many iterations.
  int max_iterations = 1000;
};

struct DawidSkeneResult {
  // posterior[item][class]; an item with no ratings gets the class priors.
  std::vector<std::vector<double>> posterior;
  std::vector<double> priors;
  int iterations = 0;
  bool converged = false;
};

// `data` may contain several ratings of one item by one rater: each counts (as in the paper,
// where some observers rated a patient more than once). The EM starts from each item's vote
// shares (the paper's eq. 3.1), not from a one-hot majority vote.
DawidSkeneResult dawid_skene(const CodedData& data, const DawidSkeneOptions& options = {});

// Index of the largest probability; ties go to the lowest index (the first class).
std::size_t argmax_first(const std::vector<double>& p);

}  // namespace labelflow::labels
