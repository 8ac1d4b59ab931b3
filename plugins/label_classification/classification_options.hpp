// The options of a classification label: `classes` (required, non-empty, distinct) and
// `multi` (default false: the value is one class; true: a list of distinct classes).
#pragma once

#include <labelflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace labelflow::labels::classification {

struct ClassificationOptions {
  std::vector<std::string> classes;
  bool multi = false;

  // Reads and checks `options`; returns one error per refused or unknown key.
  std::vector<sdk::ConfigError> read(const boost::json::object& options);
  boost::json::object to_json() const;
  // Position of `name` in `classes`, or empty for an unknown class.
  std::optional<std::uint32_t> index_of(std::string_view name) const;
};

}  // namespace labelflow::labels::classification
