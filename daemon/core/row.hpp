// RowContent: a dataset row as imported (DESIGN section 1 and 6). The engine keeps only ids,
// states and indexes in memory; this full content lives in the store.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace labelflow::core {

struct RowContent {
  std::string id;
  std::string context;
  std::string query;
  std::string response;
  boost::json::object auto_labels;  // label name -> value a model made (may be invalid)
  boost::json::object metadata;     // free-form; `domain` and `priority` have meaning

  // Domains named by metadata.domain (a string or a list of strings); empty when absent.
  std::vector<std::string> declared_domains() const;
  bool has_declared_domain() const { return metadata.contains("domain"); }
  // metadata.priority, default 0; higher is scheduled first.
  std::int64_t priority() const;

  // Same content: re-importing an identical row is `unchanged`, a different one with the same id
  // a `duplicate_id` (JSON values compare as values: key order does not matter).
  bool operator==(const RowContent&) const = default;
};

// The row as imported: {"id", "context", "query", "response", "auto_labels", "metadata"}.
boost::json::object to_json(const RowContent& row);

}  // namespace labelflow::core
