#include "rating_value.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string>

namespace labelflow::labels::rating {
namespace {

std::optional<double> as_number(const boost::json::value& v) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  return std::nullopt;
}

void check_point(const RatingOptions& options, const boost::json::value& v,
                 const std::string& path, std::vector<sdk::FieldError>& errors) {
  auto n = as_number(v);
  if (!n) {
    errors.push_back({path, "must be a number"});
  } else if (!options.position(*n)) {
    std::ostringstream number;
    number << *n;
    errors.push_back({path, number.str() + " is not on the scale (" + options.describe() + ")"});
  }
}

}  // namespace

std::vector<sdk::FieldError> validate_value(const RatingOptions& options,
                                            const boost::json::value& value) {
  std::vector<sdk::FieldError> errors;
  if (options.dimensions.empty()) {
    check_point(options, value, "", errors);
    return errors;
  }
  if (!value.is_object()) {
    errors.push_back({"", "must be an object with one number per dimension"});
    return errors;
  }
  const auto& o = value.as_object();
  for (const auto& d : options.dimensions) {
    auto it = o.find(d);
    if (it == o.end()) errors.push_back({"/" + d, "is required"});
    else check_point(options, it->value(), "/" + d, errors);
  }
  for (const auto& kv : o) {
    if (std::find(options.dimensions.begin(), options.dimensions.end(), kv.key()) ==
        options.dimensions.end()) {
      errors.push_back({"/" + std::string(kv.key()), "unknown dimension"});
    }
  }
  return errors;
}

std::optional<std::vector<std::uint32_t>> decode(const RatingOptions& options,
                                                 const boost::json::value& value) {
  if (!validate_value(options, value).empty()) return std::nullopt;
  std::vector<std::uint32_t> out;
  if (options.dimensions.empty()) {
    out.push_back(*options.position(*as_number(value)));
    return out;
  }
  for (const auto& d : options.dimensions) {
    out.push_back(*options.position(*as_number(value.as_object().at(d))));
  }
  return out;
}

std::vector<std::uint32_t> decode_or_throw(const RatingOptions& options,
                                           const boost::json::value& value,
                                           std::string_view where) {
  auto errors = validate_value(options, value);
  if (!errors.empty()) {
    throw std::invalid_argument(std::string(where) + ": label" + errors.front().path + " " +
                                errors.front().message);
  }
  return *decode(options, value);
}

boost::json::value encode(const RatingOptions& options,
                          const std::vector<std::uint32_t>& positions) {
  if (options.dimensions.empty()) return options.json_at(positions.at(0));
  boost::json::object out;
  for (std::size_t d = 0; d < options.dimensions.size(); ++d) {
    out[options.dimensions[d]] = options.json_at(positions.at(d));
  }
  return out;
}

}  // namespace labelflow::labels::rating
