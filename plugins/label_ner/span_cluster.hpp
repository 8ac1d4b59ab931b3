// span-cluster consolidation of NER judgments: one span list per item (first-seen order).
//
// Per item, every rater's spans (the rater's last label of the item) are grouped into overlap
// groups: connected components of "overlaps" regardless of type. A group is kept when more
// than half of the item's raters have a span in it. Its type is the majority type of its spans
// (ties to the type listed first in entity_types); its start and end are the modes of the
// starts and ends of the spans of that type (ties to the smaller offset); if those modes do
// not form a span (start >= end), the most frequent (start, end) pair is used instead.
#pragma once

#include "ner_options.hpp"

#include <labelflow/sdk/label_type.hpp>

#include <span>
#include <vector>

namespace labelflow::labels::ner {

inline constexpr std::string_view kSpanCluster = "span-cluster";

// Throws std::invalid_argument naming the item and rater of the first malformed label.
std::vector<sdk::Consolidated> span_cluster(const NerOptions& options,
                                            std::span<const sdk::Judgment> judgments);

}  // namespace labelflow::labels::ner
