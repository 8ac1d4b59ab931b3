// Classification label values: checking, decoding to class indices, comparing.
//
// Single-class value: a string naming one class. Multi-class value: a list of distinct class
// names (possibly empty). Paths in errors are JSON pointers into the value ("/1" = the second
// element).
#pragma once

#include "classification_options.hpp"

#include <labelflow/sdk/label_type.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace labelflow::labels::classification {

std::vector<sdk::FieldError> validate_value(const ClassificationOptions& options,
                                            const boost::json::value& value);

// The class indices of a valid value, ascending (one element for a single-class value).
// Empty optional when the value is not valid.
std::optional<std::vector<std::uint32_t>> decode(const ClassificationOptions& options,
                                                 const boost::json::value& value);

// Like decode, but throws std::invalid_argument naming `where` and the first problem.
std::vector<std::uint32_t> decode_or_throw(const ClassificationOptions& options,
                                           const boost::json::value& value,
                                           std::string_view where);

// The JSON value of a set of class indices: a string (single) or a list in class order.
boost::json::value encode(const ClassificationOptions& options,
                          const std::vector<std::uint32_t>& classes);

// 1 for equal classes (single); Jaccard index of the two sets (multi; both empty = 1).
double agreement_of(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);

// {"only_a": [...], "only_b": [...], "both": [...]}: class names, in class order.
boost::json::value diff_of(const ClassificationOptions& options,
                           const std::vector<std::uint32_t>& a,
                           const std::vector<std::uint32_t>& b);

}  // namespace labelflow::labels::classification
