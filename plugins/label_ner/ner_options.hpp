// The options of an NER label: `entity_types` (required, non-empty, distinct), `field`
// (response | context | query; default response) and `allow_overlap` (default false).
#pragma once

#include <labelflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace labelflow::labels::ner {

struct NerOptions {
  std::vector<std::string> entity_types;
  std::string field = "response";
  bool allow_overlap = false;

  std::vector<sdk::ConfigError> read(const boost::json::object& options);
  boost::json::object to_json() const;
  std::optional<std::uint32_t> type_index(std::string_view name) const;
};

}  // namespace labelflow::labels::ner
