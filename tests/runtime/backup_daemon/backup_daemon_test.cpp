// POST /v1/admin/backups on the wired daemon: the copy lands in the storage instance, opens
// with SQLite on its own and holds the imported rows; bad requests name the field.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "daemon_fixture.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;
using labelflow::test::Daemon;
using labelflow::test::DaemonSetup;
using labelflow::test::kAdminToken;
using labelflow::test::reviewer_token;

namespace {

std::int64_t count_rows(const fs::path& db) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(h, "SELECT count(*) FROM rows", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const std::int64_t n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(h);
  return n;
}

}  // namespace

TEST_CASE("backup: the daemon puts a consistent copy of its database to a storage instance") {
  DaemonSetup setup;
  setup.demo_rows = 15;
  Daemon d(setup);
  d.start();
  REQUIRE(d.import_rows().at("state") == "finished");

  auto made = d.json_call("POST", "/v1/admin/backups", kAdminToken,
                          R"({"storage": "local", "key": "backups/test.db"})", 201);
  INFO(json::serialize(made));
  CHECK(made.at("storage") == "local");
  CHECK(made.at("key") == "backups/test.db");
  const fs::path copy = d.root() / "data/backups/test.db";
  REQUIRE(fs::exists(copy));
  CHECK(static_cast<std::int64_t>(fs::file_size(copy)) == made.at("bytes").as_int64());
  CHECK(count_rows(copy) == 15);

  auto dated = d.json_call("POST", "/v1/admin/backups", kAdminToken, R"({"storage": "local"})",
                           201);
  const std::string key(dated.at("key").as_string());
  CHECK(key.rfind("backups/labelflow-", 0) == 0);
  CHECK(fs::exists(d.root() / "data" / key));

  auto unknown = d.call("POST", "/v1/admin/backups", kAdminToken, R"({"storage": "nope"})");
  CHECK(unknown.status == 422);
  CHECK_THAT(unknown.body, Catch::Contains("/storage") && Catch::Contains("nope"));
  auto missing = d.call("POST", "/v1/admin/backups", kAdminToken, R"({"key": "x.db"})");
  CHECK(missing.status == 400);
  CHECK_THAT(missing.body, Catch::Contains("/storage"));
  auto reviewer =
      d.call("POST", "/v1/admin/backups", reviewer_token("alice"), R"({"storage": "local"})");
  CHECK(reviewer.status == 403);
  CHECK(d.terminate() == 0);
}
