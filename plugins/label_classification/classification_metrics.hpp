// Dataset-level agreement of classification labels (DESIGN section 7).
//
// Keys: n_items, n_raters, percent_agreement, cohen_kappa, cohen_n_items, fleiss_kappa,
// krippendorff_alpha_nominal, per_class, notes. A rater who labels an item twice counts with
// the last label. Multi-class labels: the top-level figures treat each distinct set of classes
// as one nominal category (agreement on the exact set); per_class.<class> holds the same
// figures for "class present" as a binary label. Single-class: per_class is null.
#pragma once

#include "classification_options.hpp"

#include <labelflow/sdk/label_type.hpp>

#include <boost/json/object.hpp>

#include <span>

namespace labelflow::labels::classification {

// Throws std::invalid_argument naming the item and rater of the first invalid label.
boost::json::object compute_metrics(const ClassificationOptions& options,
                                    std::span<const sdk::Judgment> judgments);

}  // namespace labelflow::labels::classification
