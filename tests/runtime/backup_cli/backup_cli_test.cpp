// `labelflow backup --storage NAME [--key K]`: the request it sends, its output, its errors.
#include <catch2/catch.hpp>

#include "fake_server.hpp"
#include "run_cli.hpp"

using namespace labelflow::test;

namespace {

const char* kStored = R"({"storage": "archive", "key": "backups/labelflow-20261126T110500Z.db",
                          "bytes": 73728})";

}  // namespace

TEST_CASE("cli backup: posts the storage and optional key, prints what was stored") {
  FakeServer server;
  server.on("POST /v1/admin/backups", {{201, kStored}});
  auto r = run_labelflow({"backup", "--storage", "archive"}, server.url());
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("backups/labelflow-20261126T110500Z.db"));
  CHECK_THAT(r.out, Catch::Contains("73728"));
  CHECK_THAT(r.out + r.err, !Catch::Contains(kToken));
  auto keyed = run_labelflow({"backup", "--storage", "archive", "--key", "n/1.db", "--json"},
                             server.url());
  CHECK(keyed.code == 0);
  CHECK(parse(keyed.out) == parse(kStored));
  auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].headers.at("authorization") == std::string("Bearer ") + kToken);
  CHECK(parse(requests[0].body) == parse(R"({"storage": "archive"})"));
  CHECK(parse(requests[1].body) == parse(R"({"storage": "archive", "key": "n/1.db"})"));
}

TEST_CASE("cli backup: usage errors exit 2 without a request, server errors exit 1") {
  FakeServer server;
  server.on("POST /v1/admin/backups",
            {{422, R"({"error": {"code": "validation_failed", "message": "no storage 'nope'",
                "details": [{"path": "/storage", "message": "not configured"}]}})"}});
  auto missing = run_labelflow({"backup"}, server.url());
  CHECK(missing.code == 2);
  CHECK_THAT(missing.err, Catch::Contains("--storage"));
  auto empty_key = run_labelflow({"backup", "--storage", "a", "--key", ""}, server.url());
  CHECK(empty_key.code == 2);
  CHECK(server.requests().empty());
  auto refused = run_labelflow({"backup", "--storage", "nope"}, server.url());
  CHECK(refused.code == 1);
  CHECK_THAT(refused.err, Catch::Contains("422 validation_failed: no storage 'nope'"));
  CHECK_THAT(refused.err, Catch::Contains("/storage: not configured"));
  auto help = run_labelflow({"backup", "--help"}, server.url());
  CHECK(help.code == 0);
  CHECK_THAT(help.out, Catch::Contains("usage: labelflow backup --storage STORAGE"));
}
