// RowView: the read-only view of a dataset row that plugins receive.
#pragma once

#include <boost/json/object.hpp>

#include <string_view>

namespace labelflow::sdk {

// Borrowed: valid only for the duration of the call that received it.
struct RowView {
  std::string_view id;
  std::string_view context;
  std::string_view query;
  std::string_view response;
  const boost::json::object* metadata = nullptr;  // never null when passed by the daemon

  // The text field named `name` ("context", "query" or "response"); empty for other names.
  std::string_view field(std::string_view name) const noexcept {
    if (name == "context") return context;
    if (name == "query") return query;
    if (name == "response") return response;
    return {};
  }
};

}  // namespace labelflow::sdk
