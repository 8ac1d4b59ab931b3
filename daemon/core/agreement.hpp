// Stage agreement, consensus and label status (DESIGN section 1 and 3), over a LabelOracle.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "core/label_oracle.hpp"
#include "core/records.hpp"
#include "core/row_doc.hpp"

namespace labelflow::core {

// Per label: the mean pairwise agreement of `reviews`; with one review, its agreement with the
// valid auto label (0 when the auto label is missing or invalid). A label missing from a review
// counts as null.
std::map<std::string, double> per_label_agreement(
    const std::vector<std::string>& labels, const std::vector<const boost::json::object*>& reviews,
    const RowDoc& row, const LabelOracle& oracle);

// Minimum over labels of per_label_agreement (1.0 when there are no labels).
double stage_agreement(const std::map<std::string, double>& per_label);

// Consensus of reviews that were not adjudicated: per label the medoid (the value with the
// highest summed agreement with the others; ties go to the earliest review).
boost::json::object consensus(const std::vector<std::string>& labels,
                              const std::vector<const boost::json::object*>& reviews,
                              const RowDoc& row, const LabelOracle& oracle);

// confirmed / corrected against the valid auto label, no_auto_label when there is none
// (missing or flagged invalid at import).
std::map<std::string, LabelStatus> label_status(const std::vector<std::string>& labels,
                                                const boost::json::object& submitted,
                                                const RowDoc& row, const LabelOracle& oracle);

// Deterministic sampling: true for a share `rate` of (row, stage, seed) triples.
bool sampled(std::string_view row_id, int stage, std::uint64_t seed, double rate);

}  // namespace labelflow::core
