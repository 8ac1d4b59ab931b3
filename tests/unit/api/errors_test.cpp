#include <catch2/catch.hpp>

#include "api/errors.hpp"

using namespace labelflow::api;

TEST_CASE("api: error JSON has the fixed shape", "[api][errors]") {
  CHECK(error_json({ErrorCode::validation_failed, "bad label", {{"/labels/ner/2/end", "x"}}, 0}) ==
        R"({"error":{"code":"validation_failed","message":"bad label",)"
        R"("details":[{"path":"/labels/ner/2/end","message":"x"}]}})");
  Response res = error_response({ErrorCode::lease_conflict, "taken", {}, 0});
  CHECK(res.status == 409);
  CHECK(res.body == R"({"error":{"code":"lease_conflict","message":"taken","details":[]}})");
  CHECK(error_response({ErrorCode::bad_request, "m", {}, 405}).status == 405);
}
