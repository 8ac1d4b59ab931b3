// The wired daemon sends webhooks: an import of the demo project POSTs import.finished, signed
// with the secret from the project's [[webhooks]] secret_env.
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <thread>

#include "daemon_fixture.hpp"
#include "receiver.hpp"
#include "webhooks/signature.hpp"

namespace json = boost::json;
using labelflow::test::Daemon;
using labelflow::test::DaemonSetup;

TEST_CASE("webhooks: the daemon delivers import.finished, signed, after a 500") {
  const std::string secret = "whsec-daemon-8c1e";
  ::setenv("LABELFLOW_TEST_WEBHOOK_SECRET", secret.c_str(), 1);
  labelflow::test::Receiver receiver({500, 200});
  DaemonSetup setup;
  setup.demo_rows = 5;
  Daemon d(setup);
  d.edit("projects/demo.toml", "[sink]",
         "[[webhooks]]\nurl = \"" + receiver.url() +
             "\"\nevents = [\"import.finished\"]\n"
             "secret_env = \"LABELFLOW_TEST_WEBHOOK_SECRET\"\n\n[sink]");
  d.start();
  REQUIRE(d.import_rows().at("state") == "finished");
  // The retry after the 500 is due 0.5..1 s later; the worker polls every second.
  for (int i = 0; i < 200 && receiver.count() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto got = receiver.received();
  INFO(d.log());
  REQUIRE(got.size() == 2);
  CHECK(got[0].answered == 500);
  for (const auto& r : got) {
    CHECK(r.headers.at("x-labelflow-event") == "import.finished");
    CHECK(r.headers.at("x-labelflow-signature") ==
          labelflow::webhooks::signature_header(secret, r.body));
  }
  CHECK(got[0].headers.at("x-labelflow-delivery") == got[1].headers.at("x-labelflow-delivery"));
  const auto body = json::parse(got[1].body).as_object();
  CHECK(body.at("project") == "demo");
  CHECK(body.at("data").at("state") == "finished");
  CHECK(body.at("data").at("inserted") == 5);
  const auto metrics = d.call("GET", "/metrics", "").body;
  CHECK_THAT(metrics,
             Catch::Contains("labelflow_webhook_deliveries_total{outcome=\"delivered\"} 1"));
  CHECK(d.terminate() == 0);
}
