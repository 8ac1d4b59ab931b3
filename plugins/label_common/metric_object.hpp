// MetricObject: builds a metrics JSON object in the fixed shape of DESIGN section 7: every key
// present, an undefined value is null with its reason under notes.<key>.
#pragma once

#include "coded_data.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace labelflow::labels {

class MetricObject {
 public:
  void put(std::string_view key, const Stat& stat);
  void put(std::string_view key, boost::json::value value);
  void put_null(std::string_view key, std::string note);
  void put_count(std::string_view key, std::optional<std::size_t> count, std::string note = {});
  // The object, with "notes" (always present, possibly empty) added.
  boost::json::object finish() &&;

 private:
  boost::json::object out_;
  boost::json::object notes_;
};

}  // namespace labelflow::labels
