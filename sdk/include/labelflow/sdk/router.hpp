// Router: the interface of a domain-router plugin. A router names the domains of a row whose
// metadata has no `domain` (e.g. "technical", "financial").
#pragma once

#include <labelflow/sdk/row.hpp>
#include <labelflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace labelflow::sdk {

class Router {
 public:
  virtual ~Router() = default;

  // Takes the project's [router] table without `type`. Returns one error per refused key.
  virtual std::vector<ConfigError> configure(const boost::json::object& options) = 0;

  // Every domain the row belongs to, without duplicates; empty when none matches.
  // May be called from several threads at once.
  virtual Result<std::vector<std::string>> route(const RowView& row) const = 0;
};

}  // namespace labelflow::sdk
