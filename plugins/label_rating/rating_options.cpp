#include "rating_options.hpp"

#include <labelflow/sdk/options.hpp>

#include <cmath>
#include <sstream>

namespace labelflow::labels::rating {
namespace {

// Tolerance, in steps, for a value to count as a scale point (absorbs decimal rounding such
// as 0.1 + 0.2).
constexpr double kSlack = 1e-9;

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

std::vector<sdk::ConfigError> RatingOptions::read(const boost::json::object& options) {
  sdk::OptionReader reader(options);
  auto lo = reader.number("min", true);
  auto hi = reader.number("max", true);
  auto st = reader.number("step", true);
  if (auto d = reader.string_list("dimensions")) dimensions = std::move(*d);
  if (st && !(*st > 0 && std::isfinite(*st))) reader.error("step", "must be greater than 0");
  if (lo && hi && !(*hi > *lo)) {
    reader.error("max", "must be greater than min (" + number(*lo) + ")");
  }
  if (lo && hi && st && *st > 0 && *hi > *lo) {
    double steps = (*hi - *lo) / *st;
    if (std::abs(steps - std::round(steps)) > kSlack * std::max(1.0, steps) || steps > 1e6) {
      reader.error("step", "must divide max - min (" + number(*hi - *lo) +
                               ") into a whole number of steps, at most 1000000");
    }
  }
  auto errors = reader.finish();
  if (errors.empty()) min = *lo, max = *hi, step = *st;
  return errors;
}

boost::json::object RatingOptions::to_json() const {
  boost::json::object out{{"min", min}, {"max", max}, {"step", step}};
  if (!dimensions.empty()) {
    boost::json::array names;
    for (const auto& d : dimensions) names.emplace_back(d);
    out["dimensions"] = std::move(names);
  }
  return out;
}

std::size_t RatingOptions::points() const {
  return static_cast<std::size_t>(std::llround((max - min) / step)) + 1;
}

std::optional<std::uint32_t> RatingOptions::position(double value) const {
  if (!std::isfinite(value)) return std::nullopt;
  double k = (value - min) / step;
  double r = std::round(k);
  if (std::abs(k - r) > kSlack * std::max(1.0, std::abs(r))) return std::nullopt;
  if (r < 0 || r >= static_cast<double>(points())) return std::nullopt;
  return static_cast<std::uint32_t>(r);
}

double RatingOptions::value_at(std::uint32_t position) const {
  return position + 1 == points() ? max : min + step * position;
}

boost::json::value RatingOptions::json_at(std::uint32_t position) const {
  double v = value_at(position);
  double r = std::round(v);
  if (std::abs(v - r) < 1e-9 * std::max(1.0, std::abs(r)) && std::abs(r) < 9e15) {
    return static_cast<std::int64_t>(r);
  }
  return v;
}

std::string RatingOptions::describe() const {
  return number(min) + " to " + number(max) + " in steps of " + number(step);
}

}  // namespace labelflow::labels::rating
