// Reload (POST /v1/admin/reload and SIGHUP): compatible changes apply in place (members, token
// table), incompatible ones are refused naming the key and the running configuration stays.
#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <thread>

#include "daemon_fixture.hpp"

namespace json = boost::json;
using labelflow::test::Daemon;
using labelflow::test::DaemonSetup;
using labelflow::test::kAdminToken;
using labelflow::test::reviewer_token;

TEST_CASE("service: reload applies members, tokens and sampling, refuses a removed entity type") {
  DaemonSetup setup;
  setup.demo_rows = 4;
  Daemon d(setup);
  d.start();
  d.import_rows();
  const std::string next = "/v1/projects/demo/tasks/next";
  // Before any review exists an entity type may be removed (no stored label can turn invalid).
  d.edit("projects/demo.toml", "\"ORG\", ", "");
  CHECK(d.json_call("POST", "/v1/admin/reload", kAdminToken).at("reloaded") == true);
  d.edit("projects/demo.toml", "entity_types = [", "entity_types = [\"ORG\", ");
  CHECK(d.json_call("POST", "/v1/admin/reload", kAdminToken).at("reloaded") == true);
  auto task = d.json_call("POST", next, reviewer_token("frank")).as_object();
  const std::string id(task.at("task").as_string());
  json::object body{{"labels", labelflow::test::valid_labels(task)}};
  d.json_call("POST", "/v1/tasks/" + id + "/submit", reviewer_token("frank"),
              json::serialize(body));

  // Incompatible once reviews exist: an entity type removed. Refused with the key; the old
  // config keeps serving.
  d.edit("projects/demo.toml", "\"ORG\", ", "");
  auto refused = d.call("POST", "/v1/admin/reload", kAdminToken);
  REQUIRE(refused.status == 422);
  CHECK(refused.body.find("labels[1].entity_types") != std::string::npos);
  CHECK(d.log().find("reload refused") != std::string::npos);
  CHECK(d.call("POST", next, reviewer_token("bob")).status == 200);
  d.edit("projects/demo.toml", "entity_types = [", "entity_types = [\"ORG\", ");

  // Compatible: frank leaves the project; grace's token now comes from a file.
  d.edit("projects/demo.toml", "# members = [\"alice\", \"bob\"]",
         "members = [\"alice\", \"bob\", \"carol\", \"dave\", \"erin\", \"grace\"]");
  d.edit("reviewers.toml", "token_env = \"LABELFLOW_TOKEN_GRACE\"", "token_file = \"grace.token\"");
  const std::string new_grace = "grace-new-token-0123456789";
  std::ofstream(d.root() / "grace.token") << new_grace << "\n";
  auto ok = d.json_call("POST", "/v1/admin/reload", kAdminToken);
  CHECK(ok.at("reloaded") == true);
  CHECK(d.call("POST", next, reviewer_token("frank")).status == 403);
  CHECK(d.call("GET", "/v1/projects", reviewer_token("grace")).status == 401);
  CHECK(d.call("GET", "/v1/projects", new_grace).status == 200);

  // Compatible: sampling (QA only on disagreement, 30% of agreeing rows anyway) applies at
  // once. Incompatible: another reviewer count, refused naming the stage key.
  d.edit("projects/demo.toml", "when = \"always\"", "when = \"disagreement\"\nsample_rate = 0.3");
  CHECK(d.json_call("POST", "/v1/admin/reload", kAdminToken).at("reloaded") == true);
  d.edit("projects/demo.toml", "reviewers = 2", "reviewers = 3");
  auto stages = d.call("POST", "/v1/admin/reload", kAdminToken);
  REQUIRE(stages.status == 422);
  CHECK(stages.body.find("pipeline.stages[0].reviewers: changed from 2 to 3") != std::string::npos);
  d.edit("projects/demo.toml", "reviewers = 3", "reviewers = 2");

  // SIGHUP reloads too.
  d.edit("projects/demo.toml", "lease_ttl_seconds = 1800", "lease_ttl_seconds = 900");
  d.signal(SIGHUP);
  bool reloaded = false;
  for (int i = 0; i < 100 && !reloaded; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const std::string log = d.log();
    const auto hup = log.find("received SIGHUP");
    const auto done = log.rfind("configuration reloaded");
    reloaded = hup != std::string::npos && done != std::string::npos && done > hup;
  }
  CHECK(reloaded);
  CHECK(d.log().find("0123456789") == std::string::npos);  // tokens never logged
  CHECK(d.terminate() == 0);
}
