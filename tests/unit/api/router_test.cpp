#include <catch2/catch.hpp>

#include "api/http_types.hpp"
#include "api/json_body.hpp"
#include "api/router.hpp"

using namespace labelflow::api;

TEST_CASE("api: router matches literals and parameters", "[api][router]") {
  Router router;
  std::size_t list = router.add("GET", "/v1/projects");
  std::size_t row = router.add("GET", "/v1/projects/{project}/rows/{row}");
  std::size_t submit = router.add("POST", "/v1/tasks/{task}/submit");
  router.add("GET", "/");

  auto m = router.match("GET", "/v1/projects/p%201/rows/r-1");
  REQUIRE(m.kind == RouteMatch::Kind::found);
  CHECK(m.route == row);
  CHECK(m.params.at("project") == "p 1");
  CHECK(m.params.at("row") == "r-1");
  CHECK(router.match("GET", "/v1/projects").route == list);
  CHECK(router.match("POST", "/v1/tasks/t/submit").route == submit);
  CHECK(router.match("GET", "/").kind == RouteMatch::Kind::found);

  CHECK(router.match("GET", "/v1/projects/").kind == RouteMatch::Kind::not_found);
  CHECK(router.match("GET", "/v1/projects//rows/x").kind == RouteMatch::Kind::not_found);
  CHECK(router.match("GET", "/V1/projects").kind == RouteMatch::Kind::not_found);
  CHECK(router.match("GET", "/v1/tasks/t/submit/x").kind == RouteMatch::Kind::not_found);

  auto wrong = router.match("PUT", "/v1/tasks/t/submit");
  CHECK(wrong.kind == RouteMatch::Kind::method_not_allowed);
  CHECK(wrong.allow == std::vector<std::string>{"POST"});

  CHECK(router.match("GET", "/v1/projects/a%2Fb/rows/x").kind == RouteMatch::Kind::bad_path);
  CHECK(router.match("GET", "/v1/projects/a%zz/rows/x").kind == RouteMatch::Kind::bad_path);
  CHECK(router.match("GET", "/v1/projects/a%00/rows/x").kind == RouteMatch::Kind::bad_path);
}

TEST_CASE("api: router refuses malformed and duplicate patterns", "[api][router]") {
  Router router;
  router.add("GET", "/a/{x}");
  CHECK_THROWS_AS(router.add("GET", "/a/{x}"), std::invalid_argument);
  CHECK_NOTHROW(router.add("POST", "/a/{x}"));
  CHECK_THROWS_AS(router.add("GET", "a"), std::invalid_argument);
  CHECK_THROWS_AS(router.add("GET", "/b/{}"), std::invalid_argument);
  CHECK_THROWS_AS(router.add("GET", "/b/{x"), std::invalid_argument);
  CHECK_THROWS_AS(router.add("GET", "/b/{x}/{x}"), std::invalid_argument);
}

TEST_CASE("api: percent_decode and query parameters", "[api][router]") {
  std::string out;
  CHECK(percent_decode("a%20b%2fc", out));
  CHECK(out == "a b/c");
  CHECK_FALSE(percent_decode("a%2", out));
  CHECK_FALSE(percent_decode("a%", out));
  CHECK_FALSE(percent_decode("%g0", out));
  CHECK(percent_decode("a+b", out, true));
  CHECK(out == "a b");
  Request req;
  req.query = "week=2026-W48&project=p+1&empty=&flag";
  CHECK(req.query_param("week") == "2026-W48");
  CHECK(req.query_param("project") == "p 1");
  CHECK(req.query_param("empty").empty());
  CHECK(req.query_param("missing").empty());
  req.headers = {{"Content-Type", "application/json"}};
  CHECK(req.header("content-type") == "application/json");
}

TEST_CASE("api: JSON bodies: objects only, errors name the position", "[api][json]") {
  auto ok = parse_json_object(R"({"a": 1})", false);
  REQUIRE(std::holds_alternative<boost::json::object>(ok));
  CHECK(std::holds_alternative<boost::json::object>(parse_json_object("  \n", true)));
  CHECK(std::holds_alternative<ApiError>(parse_json_object("", false)));

  auto bad = parse_json_object("{\n\"a\": 1,\n\"b\": ]}", false);
  REQUIRE(std::holds_alternative<ApiError>(bad));
  const ApiError& e = std::get<ApiError>(bad);
  CHECK(e.code == ErrorCode::bad_request);
  INFO(e.message);
  // The offending "]" is byte 15: line 3 starts at byte 10.
  CHECK(e.message.starts_with("malformed JSON body at line 3, column 6 (byte 15): "));

  auto truncated = parse_json_object(R"({"a": )", false);
  REQUIRE(std::holds_alternative<ApiError>(truncated));
  CHECK(std::get<ApiError>(truncated).message.starts_with("malformed JSON body at line 1"));
  CHECK(std::holds_alternative<ApiError>(parse_json_object("[1]", false)));
  CHECK(std::holds_alternative<ApiError>(parse_json_object("{} x", false)));
}
