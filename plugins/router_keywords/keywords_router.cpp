#include "keywords_router.hpp"

#include <algorithm>
#include <array>
#include <labelflow/sdk/options.hpp>
#include <string_view>

#include "keyword_matcher.hpp"

namespace labelflow::plugins {

namespace {

constexpr std::array<std::string_view, 3> kFields = {"context", "query", "response"};

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

std::vector<sdk::ConfigError> KeywordsRouter::configure(const boost::json::object& options) {
  sdk::OptionReader reader(options);
  domains_.clear();
  fields_.assign(kFields.begin(), kFields.end());

  if (const auto* table = reader.raw("domains", /*required=*/true)) {
    if (!table->is_object()) {
      reader.error("domains", "must be a table of domain = [\"keyword\", ...]");
    } else if (table->as_object().empty()) {
      reader.error("domains", "must name at least one domain");
    }
    if (table->is_object()) {
      for (const auto& entry : table->as_object()) {
        const std::string key = "domains." + std::string(entry.key());
        if (trim(entry.key()).empty()) {
          reader.error(key, "a domain name must not be empty");
          continue;
        }
        if (!entry.value().is_array() || entry.value().as_array().empty()) {
          reader.error(key, "must be a non-empty list of keywords or phrases");
          continue;
        }
        Domain domain{std::string(entry.key()), {}};
        const auto& list = entry.value().as_array();
        for (std::size_t i = 0; i < list.size(); ++i) {
          const std::string item_key = key + "[" + std::to_string(i) + "]";
          if (!list[i].is_string()) {
            reader.error(item_key, "must be a string");
            continue;
          }
          std::string_view word = trim(list[i].as_string());
          if (word.empty()) {
            reader.error(item_key, "must not be empty or blank");
            continue;
          }
          std::string lowered = ascii_lower(word);
          if (std::find(domain.keywords.begin(), domain.keywords.end(), lowered) ==
              domain.keywords.end()) {
            domain.keywords.push_back(std::move(lowered));
          }
        }
        domains_.push_back(std::move(domain));
      }
    }
  }

  if (auto fields = reader.string_list("fields")) {
    bool ok = true;
    for (const auto& f : *fields) {
      if (std::find(kFields.begin(), kFields.end(), f) == kFields.end()) {
        reader.error("fields", "\"" + f + "\" is not a row text field (context, query, response)");
        ok = false;
      }
    }
    if (ok) fields_ = std::move(*fields);
  }
  return reader.finish();
}

sdk::Result<std::vector<std::string>> KeywordsRouter::route(const sdk::RowView& row) const {
  std::vector<std::string> lowered;
  lowered.reserve(fields_.size());
  for (const auto& f : fields_) lowered.push_back(ascii_lower(row.field(f)));

  std::vector<std::string> out;
  for (const auto& domain : domains_) {
    const bool hit =
        std::any_of(domain.keywords.begin(), domain.keywords.end(), [&](const std::string& k) {
          return std::any_of(lowered.begin(), lowered.end(),
                             [&](const std::string& text) { return contains_word(text, k); });
        });
    if (hit) out.push_back(domain.name);
  }
  return out;
}

}  // namespace labelflow::plugins
