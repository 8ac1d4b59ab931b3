// Rating label values: a number on the scale, or (with dimensions) an object with one number
// per dimension: {"fluency": 4, "accuracy": 5}. Every dimension is required; unknown keys are
// refused. Paths in errors are JSON pointers ("/fluency").
#pragma once

#include "rating_options.hpp"

#include <labelflow/sdk/label_type.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace labelflow::labels::rating {

std::vector<sdk::FieldError> validate_value(const RatingOptions& options,
                                            const boost::json::value& value);

// Scale positions, one per dimension (in `dimensions` order; one element without dimensions).
std::optional<std::vector<std::uint32_t>> decode(const RatingOptions& options,
                                                 const boost::json::value& value);
std::vector<std::uint32_t> decode_or_throw(const RatingOptions& options,
                                           const boost::json::value& value,
                                           std::string_view where);

boost::json::value encode(const RatingOptions& options,
                          const std::vector<std::uint32_t>& positions);

}  // namespace labelflow::labels::rating
