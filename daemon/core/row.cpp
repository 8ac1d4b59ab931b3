#include "core/row.hpp"

namespace labelflow::core {

std::vector<std::string> RowContent::declared_domains() const {
  std::vector<std::string> out;
  const auto* d = metadata.if_contains("domain");
  if (!d) return out;
  if (d->is_string()) {
    out.emplace_back(d->get_string());
  } else if (d->is_array()) {
    for (const auto& v : d->get_array()) {
      if (v.is_string()) out.emplace_back(v.get_string());
    }
  }
  return out;
}

boost::json::object to_json(const RowContent& row) {
  return {{"id", row.id},
          {"context", row.context},
          {"query", row.query},
          {"response", row.response},
          {"auto_labels", row.auto_labels},
          {"metadata", row.metadata}};
}

std::int64_t RowContent::priority() const {
  const auto* p = metadata.if_contains("priority");
  if (!p) return 0;
  if (p->is_int64()) return p->get_int64();
  if (p->is_uint64()) {
    auto u = p->get_uint64();
    return u > static_cast<std::uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<std::int64_t>(u);
  }
  return 0;
}

}  // namespace labelflow::core
