// Import records through daemon restarts: they are durable, ids keep counting, and an import
// a stop interrupted runs again at the next start.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "daemon_fixture.hpp"

namespace json = boost::json;
using labelflow::test::Daemon;
using labelflow::test::DaemonSetup;
using labelflow::test::kAdminToken;

namespace {

json::object wait_until_done(const Daemon& d, const std::string& id) {
  for (int i = 0; i < 400; ++i) {
    auto now = d.json_call("GET", "/v1/projects/demo/imports/" + id, kAdminToken).as_object();
    if (now.at("state") != "queued" && now.at("state") != "running") return now;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL("import " << id << " did not end");
  return {};
}

}  // namespace

TEST_CASE("service: import records survive restarts and an interrupted import runs again") {
  DaemonSetup setup;
  setup.demo_rows = 12;
  setup.extra_rows = {R"({"id": "broken"})"};  // no query/response: rejected with its line
  Daemon d(setup);
  d.start();
  auto first = d.import_rows();
  CHECK(first.at("id") == "imp-1");
  CHECK(first.at("counts").at("inserted") == 12);
  CHECK(first.at("counts").at("rejected") == 1);
  REQUIRE(first.at("errors").as_array().size() == 1);

  REQUIRE(d.terminate() == 0);
  d.start();
  auto after = d.json_call("GET", "/v1/projects/demo/imports/imp-1", kAdminToken).as_object();
  CHECK(after.at("state") == "finished");
  CHECK(after.at("counts") == first.at("counts"));
  CHECK(after.at("errors") == first.at("errors"));
  CHECK(after.at("created_at") == first.at("created_at"));

  // A record left `running` (the daemon stopped mid-import) runs again at the next start.
  REQUIRE(d.terminate() == 0);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((d.root() / "state/labelflow.db").c_str(), &db) == SQLITE_OK);
  const char* insert =
      R"sql(INSERT INTO imports(project,id,seq,state,record) VALUES ('demo','imp-7',7,'running',
      '{"storage":"local","key":"demo/incoming/rows.jsonl","prefix":"","format":"jsonl",
        "created_at":1764000000000,"finished_at":0,"message":"","inserted":5,"unchanged":0,
        "duplicate_id":0,"rejected":0,"errors":[],"errors_truncated":false,"restarts":0}'))sql";
  REQUIRE(sqlite3_exec(db, insert, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  d.start();
  auto rerun = wait_until_done(d, "imp-7");
  CHECK(rerun.at("state") == "finished");
  CHECK(rerun.at("counts").at("inserted") == 0);   // counted afresh on the rerun
  CHECK(rerun.at("counts").at("unchanged") == 12);  // every row was already there
  CHECK(d.log().find("import(s) from before the restart queued") != std::string::npos);

  // New ids continue after the highest one ever issued.
  auto next = d.json_call("POST", "/v1/projects/demo/imports", kAdminToken,
                          R"({"key": "demo/incoming/rows.jsonl"})", 202);
  CHECK(next.at("id") == "imp-8");
  CHECK(wait_until_done(d, "imp-8").at("counts").at("unchanged") == 12);
  CHECK(d.terminate() == 0);
}
