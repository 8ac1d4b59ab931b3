// Dataset-level agreement of NER labels (DESIGN section 7).
//
// Keys: n_items, n_raters, strict {precision, recall, f1, notes}, overlap {...}, notes.
// For a pair of raters (reference = the one seen first in the input), summed over every item
// (an item a rater did not label counts as no spans): TP = size of a maximum one-to-one
// matching, precision = TP / spans of the other rater, recall = TP / reference spans,
// F1 = 2 TP / (both). With more than two raters, each figure is the mean over rater pairs
// for which it is defined. A rater's repeated label of an item: the last one counts.
#pragma once

#include "ner_options.hpp"

#include <labelflow/sdk/label_type.hpp>

#include <boost/json/object.hpp>

#include <span>

namespace labelflow::labels::ner {

// Throws std::invalid_argument naming the item and rater of the first malformed label.
boost::json::object compute_metrics(const NerOptions& options,
                                    std::span<const sdk::Judgment> judgments);

}  // namespace labelflow::labels::ner
