// Test helpers: judgments written as (item, rater, JSON label) triples.
#pragma once

#include <labelflow/sdk/label_type.hpp>

#include <boost/json/parse.hpp>

#include <string>
#include <tuple>
#include <vector>

namespace labelflow::labels::testing {

inline std::vector<sdk::Judgment> judgments(
    const std::vector<std::tuple<std::string, std::string, std::string>>& rows) {
  std::vector<sdk::Judgment> out;
  for (const auto& [item, rater, label] : rows) {
    out.push_back({item, rater, boost::json::parse(label)});
  }
  return out;
}

inline boost::json::object options(const char* json) {
  return boost::json::parse(json).as_object();
}

}  // namespace labelflow::labels::testing
