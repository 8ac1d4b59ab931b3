// RowDoc: a row as the store keeps it: its content, which auto labels failed validation at
// import, and its routed domains. The engine reads it only when it needs label values.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "core/row.hpp"

namespace labelflow::core {

struct RowDoc {
  RowContent content;
  std::vector<std::string> invalid_auto_labels;  // kept but flagged (reviewers start empty)
  std::vector<std::string> domains;              // from metadata.domain or the router

  bool auto_label_valid(std::string_view label) const {
    return content.auto_labels.contains(label) &&
           std::find(invalid_auto_labels.begin(), invalid_auto_labels.end(), label) ==
               invalid_auto_labels.end();
  }
  // The labels a reviewer starts from: the valid auto labels only.
  boost::json::object start_labels() const {
    boost::json::object out;
    for (const auto& kv : content.auto_labels) {
      if (auto_label_valid(kv.key())) out.emplace(kv.key(), kv.value());
    }
    return out;
  }
};

}  // namespace labelflow::core
