// Test helpers for the ner label type.
#pragma once

#include "ner_type.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

namespace labelflow::labels::testing {

inline ner::NerType make_ner(const char* opts) {
  ner::NerType t;
  REQUIRE(t.configure(boost::json::parse(opts).as_object()).empty());
  return t;
}

// A row whose response is `text`, as the daemon passes it (metadata set).
struct Row {
  explicit Row(std::string text) : response(std::move(text)) {
    view.response = response;
    view.metadata = &metadata;
  }
  Row(const Row&) = delete;
  std::string response;
  boost::json::object metadata;
  sdk::RowView view;
};

inline std::vector<sdk::Judgment> ner_judgments(
    const std::vector<std::tuple<std::string, std::string, std::string>>& rows) {
  std::vector<sdk::Judgment> out;
  for (const auto& [item, rater, label] : rows) {
    out.push_back({item, rater, boost::json::parse(label)});
  }
  return out;
}

}  // namespace labelflow::labels::testing
