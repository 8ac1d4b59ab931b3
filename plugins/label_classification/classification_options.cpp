#include "classification_options.hpp"

#include <labelflow/sdk/options.hpp>

#include <algorithm>

namespace labelflow::labels::classification {

std::vector<sdk::ConfigError> ClassificationOptions::read(const boost::json::object& options) {
  sdk::OptionReader reader(options);
  if (auto c = reader.string_list("classes", /*required=*/true)) classes = std::move(*c);
  multi = reader.boolean("multi").value_or(false);
  return reader.finish();
}

boost::json::object ClassificationOptions::to_json() const {
  boost::json::array list;
  for (const auto& c : classes) list.emplace_back(c);
  return {{"classes", std::move(list)}, {"multi", multi}};
}

std::optional<std::uint32_t> ClassificationOptions::index_of(std::string_view name) const {
  auto it = std::find(classes.begin(), classes.end(), name);
  if (it == classes.end()) return std::nullopt;
  return static_cast<std::uint32_t>(it - classes.begin());
}

}  // namespace labelflow::labels::classification
