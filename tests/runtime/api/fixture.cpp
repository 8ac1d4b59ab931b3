#include <catch2/catch.hpp>

#include "fixture.hpp"

namespace labelflow::test {

std::string error_code_of(const HttpResponse& res) {
  INFO("body: " << res.body);
  REQUIRE(res.header("content-type") == "application/json");
  boost::json::value v = boost::json::parse(res.body);
  REQUIRE(v.is_object());
  REQUIRE(v.as_object().size() == 1);
  const boost::json::object& error = v.at("error").as_object();
  REQUIRE(error.size() == 3);
  REQUIRE(error.at("message").is_string());
  REQUIRE_FALSE(error.at("message").as_string().empty());
  for (const auto& d : error.at("details").as_array()) {
    REQUIRE(d.as_object().size() == 2);
    REQUIRE(d.at("path").is_string());
    REQUIRE(d.at("message").is_string());
  }
  return std::string(error.at("code").as_string());
}

}  // namespace labelflow::test
