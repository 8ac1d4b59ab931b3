// The options of a rating label: `min`, `max`, `step` (required numbers; step > 0, max > min,
// (max - min) / step a whole number) and `dimensions` (optional list of names). The scale's
// points are min, min + step, ..., max; a value must be one of them.
#pragma once

#include <labelflow/sdk/status.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace labelflow::labels::rating {

struct RatingOptions {
  double min = 0;
  double max = 0;
  double step = 1;
  std::vector<std::string> dimensions;  // empty: the value is one number

  std::vector<sdk::ConfigError> read(const boost::json::object& options);
  boost::json::object to_json() const;

  std::size_t points() const;  // number of points on the scale
  // Position of `value` on the scale (0 = min), or empty when it is not a scale point.
  std::optional<std::uint32_t> position(double value) const;
  double value_at(std::uint32_t position) const;
  // The canonical JSON number of a scale point: an integer when the point is whole.
  boost::json::value json_at(std::uint32_t position) const;
  std::string describe() const;  // "1 to 5 in steps of 1"
};

}  // namespace labelflow::labels::rating
