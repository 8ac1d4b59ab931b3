// Test helpers for the rating label type.
#pragma once

#include "rating_type.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

namespace labelflow::labels::testing {

inline rating::RatingType make_rating(const char* opts) {
  rating::RatingType t;
  auto errors = t.configure(boost::json::parse(opts).as_object());
  for (const auto& e : errors) INFO(e.key << ": " << e.message);
  REQUIRE(errors.empty());
  return t;
}

inline std::vector<sdk::ConfigError> rating_errors(const char* opts) {
  rating::RatingType t;
  return t.configure(boost::json::parse(opts).as_object());
}

inline std::vector<sdk::Judgment> rating_judgments(
    const std::vector<std::tuple<std::string, std::string, std::string>>& rows) {
  std::vector<sdk::Judgment> out;
  for (const auto& [item, rater, label] : rows) {
    out.push_back({item, rater, boost::json::parse(label)});
  }
  return out;
}

}  // namespace labelflow::labels::testing
