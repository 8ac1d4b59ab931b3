#include <catch2/catch.hpp>

#include "api/errors.hpp"
#include "api/json/time_text.hpp"

using namespace labelflow::api;
namespace service = labelflow::service;

TEST_CASE("api: error JSON has the fixed shape", "[api][errors]") {
  CHECK(error_json({ErrorCode::validation_failed, "bad label", {{"/labels/ner/2/end", "x"}}, 0}) ==
        R"({"error":{"code":"validation_failed","message":"bad label",)"
        R"("details":[{"path":"/labels/ner/2/end","message":"x"}]}})");
  Response res = error_response({ErrorCode::lease_conflict, "taken", {}, 0});
  CHECK(res.status == 409);
  CHECK(res.body == R"({"error":{"code":"lease_conflict","message":"taken","details":[]}})");
  CHECK(error_response({ErrorCode::bad_request, "m", {}, 405}).status == 405);
}

TEST_CASE("api: a service error keeps its code name and its field details", "[api][errors]") {
  auto e = to_api_error({service::ErrorCode::lease_conflict, "taken"});
  CHECK(e.code == ErrorCode::lease_conflict);
  CHECK(error_response(e).status == 409);
  auto v = to_api_error(service::Error::field(service::ErrorCode::validation_failed, "/labels/x",
                                              "not a label of project 'p'"));
  CHECK(v.code == ErrorCode::validation_failed);
  CHECK(v.message == "/labels/x: not a label of project 'p'");
  REQUIRE(v.details.size() == 1);
  CHECK(v.details[0].path == "/labels/x");
  CHECK(to_api_error({service::ErrorCode::unavailable, "x"}).code == ErrorCode::unavailable);
}

TEST_CASE("api: times are written in ISO 8601 UTC", "[api]") {
  CHECK(iso_time(0) == "1970-01-01T00:00:00Z");
  CHECK(iso_time(1'795'000'000'123) == "2026-11-18T11:06:40Z");
  CHECK(iso_time(1'795'392'000'000) == "2026-11-23T00:00:00Z");
}
