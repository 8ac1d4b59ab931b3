// Agreement coefficients over CodedData (at most one rating per rater and item).
//
// Every function returns a Stat: a value, or no value plus a sentence saying why the statistic
// is undefined for this data (e.g. only one category was used, so chance agreement is 1).
#pragma once

#include "coded_data.hpp"

#include <span>

namespace labelflow::labels {

// Mean over items with >= 2 ratings of the share of agreeing rating pairs. With two raters
// this is the share of items both rated on which they agree.
Stat percent_agreement(const CodedData& data);

enum class KappaWeights { none, linear, quadratic };

struct CohenResult {
  Stat kappa;
  std::optional<std::size_t> n_items;  // items rated by both raters; empty unless 2 raters
};

// Cohen's kappa for exactly two raters (rater 0 and 1); items not rated by both are dropped.
// Weighted variants use agreement weights by category position: linear 1 - |i-j|/(K-1),
// quadratic 1 - (i-j)^2/(K-1)^2, with K = data.n_categories.
CohenResult cohen_kappa(const CodedData& data, KappaWeights weights);

// Fleiss' kappa; every rated item must have the same number (>= 2) of ratings.
Stat fleiss_kappa(const CodedData& data);

enum class AlphaMetric { nominal, ordinal, interval };

// Krippendorff's alpha (missing data allowed; units with one value are not pairable).
// `values` gives each category's number for the interval metric (default: its index);
// the ordinal metric uses category order and the observed marginal frequencies.
Stat krippendorff_alpha(const CodedData& data, AlphaMetric metric,
                        std::span<const double> values = {});

}  // namespace labelflow::labels
