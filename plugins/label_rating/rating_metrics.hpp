// Dataset-level agreement of rating labels, and median consolidation (DESIGN section 7).
//
// Metric keys: n_items, n_raters, krippendorff_alpha_ordinal, krippendorff_alpha_interval,
// cohen_kappa_linear, cohen_kappa_quadratic (weights by position on the declared scale),
// cohen_n_items, mean_absolute_difference (mean over items with >= 2 ratings of the mean
// absolute difference of their rating pairs, in scale units), dimensions, notes. With
// dimensions, every figure is computed per dimension under dimensions.<name> and the top-level
// figures are null. A rater's repeated rating of an item: the last one counts.
//
// median: per item (and dimension) the median of every judgment's value; an even count takes
// the lower middle value, so the result is always a point of the scale.
#pragma once

#include "rating_options.hpp"

#include <labelflow/sdk/label_type.hpp>

#include <boost/json/object.hpp>

#include <span>
#include <vector>

namespace labelflow::labels::rating {

inline constexpr std::string_view kMedian = "median";

// Both throw std::invalid_argument naming the item and rater of the first invalid label.
boost::json::object compute_metrics(const RatingOptions& options,
                                    std::span<const sdk::Judgment> judgments);
std::vector<sdk::Consolidated> median(const RatingOptions& options,
                                      std::span<const sdk::Judgment> judgments);

}  // namespace labelflow::labels::rating
