#include "ner_options.hpp"

#include <labelflow/sdk/options.hpp>

#include <algorithm>

namespace labelflow::labels::ner {

std::vector<sdk::ConfigError> NerOptions::read(const boost::json::object& options) {
  sdk::OptionReader reader(options);
  if (auto t = reader.string_list("entity_types", /*required=*/true)) entity_types = std::move(*t);
  if (auto f = reader.string("field")) {
    if (*f == "response" || *f == "context" || *f == "query") {
      field = *f;
    } else {
      reader.error("field", "must be \"response\", \"context\" or \"query\"; got \"" + *f + "\"");
    }
  }
  allow_overlap = reader.boolean("allow_overlap").value_or(false);
  return reader.finish();
}

boost::json::object NerOptions::to_json() const {
  boost::json::array types;
  for (const auto& t : entity_types) types.emplace_back(t);
  return {{"entity_types", std::move(types)}, {"field", field}, {"allow_overlap", allow_overlap}};
}

std::optional<std::uint32_t> NerOptions::type_index(std::string_view name) const {
  auto it = std::find(entity_types.begin(), entity_types.end(), name);
  if (it == entity_types.end()) return std::nullopt;
  return static_cast<std::uint32_t>(it - entity_types.begin());
}

}  // namespace labelflow::labels::ner
