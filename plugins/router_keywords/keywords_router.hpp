// KeywordsRouter: the built-in router (registered name `keywords`). Names every domain one of
// whose keywords or phrases occurs in the row's text, in the order the domains are declared.
//
// Options:
//   domains  (required) table: domain -> non-empty list of keywords/phrases
//   fields   (optional) list, a subset of "context", "query", "response"; default all three
// Matching is whole-word and case-insensitive (ASCII case folding); see keyword_matcher.hpp.
// Thread safety: route() is const and reads only state fixed by configure().
#pragma once

#include <labelflow/sdk/router.hpp>
#include <string>
#include <vector>

namespace labelflow::plugins {

class KeywordsRouter final : public sdk::Router {
 public:
  std::vector<sdk::ConfigError> configure(const boost::json::object& options) override;
  sdk::Result<std::vector<std::string>> route(const sdk::RowView& row) const override;

 private:
  struct Domain {
    std::string name;
    std::vector<std::string> keywords;  // trimmed and ASCII-lowered
  };
  std::vector<Domain> domains_;
  std::vector<std::string> fields_;
};

}  // namespace labelflow::plugins
