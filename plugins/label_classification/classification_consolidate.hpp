// Consolidation of classification judgments into one label per item (first-seen item order).
//
// Every judgment counts, also a rater's repeated judgment of the same item.
// - majority-vote (default): single-class: the class with most votes, ties to the class listed
//   first in `classes`; multi-class: every class chosen by more than half of the item's
//   judgments (exactly half is not a majority).
// - dawid-skene: EM over per-rater confusion matrices (label_common/dawid_skene.hpp, smoothing
//   0.01); single-class: the most probable class (ties to the first class), posterior = {class:
//   probability}; multi-class: one binary model per class, a class is chosen when
//   P(present) > 0.5, posterior = {class: P(present)}.
#pragma once

#include "classification_options.hpp"

#include <labelflow/sdk/label_type.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace labelflow::labels::classification {

inline constexpr std::string_view kMajorityVote = "majority-vote";
inline constexpr std::string_view kDawidSkene = "dawid-skene";

// invalid_argument for an unknown method; throws std::invalid_argument for an invalid label.
sdk::Result<std::vector<sdk::Consolidated>> consolidate_labels(
    const ClassificationOptions& options, std::span<const sdk::Judgment> judgments,
    std::string_view method);

}  // namespace labelflow::labels::classification
