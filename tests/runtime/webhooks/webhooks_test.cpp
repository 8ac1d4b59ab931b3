// Webhooks: signing, events per subscription, the outbox in the store batch of its cause, and
// delivery to a loopback receiver (headers, HMAC, retry after a 500, give-up, restart).
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "receiver.hpp"
#include "store/sqlite_store.hpp"
#include "temp_dir.hpp"
#include "webhooks/dispatcher.hpp"
#include "webhooks/events.hpp"
#include "webhooks/signature.hpp"

using namespace labelflow;
using namespace std::chrono_literals;
using store::DeliveryState;

namespace {

const std::string kSecret = "whsec-test-3f9a";

using labelflow::testing::TempDir;

config::Webhook hook(const std::string& url, std::vector<std::string> events) {
  config::Webhook h;
  h.url = url;
  h.events = std::move(events);
  return h;
}

core::TimeMs now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Commits one row.finalized event for `url` in the same batch as an imported row.
store::WebhookEvent enqueue(store::StateStore& st, const std::string& url,
                            core::TimeMs at = now_ms()) {
  const auto events = webhooks::events_for({hook(url, {"row.finalized"})}, "p", "row.finalized",
                                           {{"row", "r1"}}, at);
  REQUIRE(events.size() == 1);
  store::Batch b;
  b.project = "p";
  core::RowDoc d;
  d.content.id = "r1";
  b.imports = {d};
  b.webhooks = events;
  st.commit(std::move(b)).get();
  return events[0];
}

webhooks::SecretLookup secrets_for(const std::string& url) {
  return [url](const std::string& project, const std::string& u) -> std::optional<std::string> {
    if (project == "p" && u == url) return kSecret;
    return std::nullopt;
  };
}

webhooks::DispatcherOptions fast() {
  webhooks::DispatcherOptions o;
  o.poll = 20ms;
  o.base_delay = 50ms;
  o.max_delay = 200ms;
  o.request_timeout = 2000ms;
  return o;
}

// Waits (up to 20 s, so a broken build fails instead of hanging) until `done` holds.
template <class F>
bool eventually(F done) {
  for (int i = 0; i < 2000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

}  // namespace

TEST_CASE("webhooks: HMAC-SHA256 matches RFC 4231 test case 2", "[webhooks]") {
  REQUIRE(webhooks::hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  REQUIRE(
      webhooks::signature_header("Jefe", "what do ya want for nothing?").rfind("sha256=5bdc", 0) ==
      0);
  const auto a = webhooks::new_delivery_id();
  REQUIRE(a.size() == 32);
  REQUIRE(a != webhooks::new_delivery_id());
}

TEST_CASE("webhooks: one entry per subscribed webhook, each with its own delivery", "[webhooks]") {
  const std::vector<config::Webhook> hooks = {
      hook("http://127.0.0.1:1/a", {"row.finalized", "row.escalated"}),
      hook("http://127.0.0.1:1/b", {"export.finished"}),
      hook("http://127.0.0.1:1/c", {"row.finalized"})};
  const auto events = webhooks::events_for(hooks, "p", "row.finalized", {{"row", "r9"}}, 42);
  REQUIRE(events.size() == 2);
  REQUIRE(events[0].url == "http://127.0.0.1:1/a");
  REQUIRE(events[1].url == "http://127.0.0.1:1/c");
  REQUIRE(events[0].delivery != events[1].delivery);
  const auto body = boost::json::parse(events[0].body).as_object();
  REQUIRE(body.at("event") == "row.finalized");
  REQUIRE(body.at("delivery") == events[0].delivery.c_str());
  REQUIRE(body.at("project") == "p");
  REQUIRE(body.at("at") == 42);
  REQUIRE(body.at("data").at("row") == "r9");
  REQUIRE(webhooks::events_for(hooks, "p", "import.finished", {}, 42).empty());
}

TEST_CASE("webhooks: retry delays double, are capped and jittered to 50..100%", "[webhooks]") {
  webhooks::DispatcherOptions o;
  o.base_delay = 1000ms;
  o.max_delay = 3600s;
  REQUIRE(webhooks::retry_delay(1, 1.0, o) == 1000ms);
  REQUIRE(webhooks::retry_delay(1, 0.0, o) == 500ms);
  REQUIRE(webhooks::retry_delay(4, 1.0, o) == 8000ms);
  REQUIRE(webhooks::retry_delay(40, 1.0, o) == 3600s);
  REQUIRE(webhooks::retry_delay(40, 0.0, o) == 1800s);
}

TEST_CASE("webhooks: the outbox entry commits with its cause and survives a reopen", "[webhooks]") {
  TempDir dir;
  {
    store::SqliteStateStore st(dir.file("state.db"));
    enqueue(st, "http://127.0.0.1:1/hook", 1'795'000'000'000);
    REQUIRE(st.row("p", "r1"));
    REQUIRE(st.webhook_count(DeliveryState::pending) == 1);
  }
  store::SqliteStateStore again(dir.file("state.db"));
  auto due = again.due_webhooks(1'795'000'000'000, 10);
  REQUIRE(due.size() == 1);
  REQUIRE(due[0].event.event == "row.finalized");
  REQUIRE(due[0].attempts == 0);
  REQUIRE(again.due_webhooks(1'794'999'999'999, 10).empty());  // not due before its time
}

TEST_CASE("webhooks: delivered with event, delivery and signature headers", "[webhooks]") {
  TempDir dir;
  test::Receiver receiver({200});
  store::SqliteStateStore st(dir.file("state.db"));
  const auto event = enqueue(st, receiver.url());
  metrics::Registry metrics;
  auto options = fast();
  options.metrics = &metrics;
  webhooks::Dispatcher dispatcher(st, secrets_for(receiver.url()), options);
  dispatcher.wake();
  REQUIRE(eventually([&] { return st.webhook_count(DeliveryState::delivered) == 1; }));
  const auto got = receiver.received();
  REQUIRE(got.size() == 1);
  CHECK(got[0].headers.at("content-type") == "application/json");
  CHECK(got[0].headers.at("x-labelflow-event") == "row.finalized");
  CHECK(got[0].headers.at("x-labelflow-delivery") == event.delivery);
  CHECK(got[0].body == event.body);
  CHECK(got[0].headers.at("x-labelflow-signature") ==
        "sha256=" + webhooks::hmac_sha256_hex(kSecret, got[0].body));
  CHECK_THAT(metrics.render(),
             Catch::Contains("labelflow_webhook_deliveries_total{outcome=\"delivered\"} 1"));
}

TEST_CASE("webhooks: a 500 is retried with the same delivery id until a 2xx", "[webhooks]") {
  TempDir dir;
  test::Receiver receiver({500, 503, 204});
  store::SqliteStateStore st(dir.file("state.db"));
  enqueue(st, receiver.url());
  webhooks::Dispatcher dispatcher(st, secrets_for(receiver.url()), fast());
  REQUIRE(eventually([&] { return st.webhook_count(DeliveryState::delivered) == 1; }));
  const auto got = receiver.received();
  REQUIRE(got.size() == 3);
  CHECK(got[0].answered == 500);
  CHECK(got[2].answered == 204);
  CHECK(got[0].headers.at("x-labelflow-delivery") == got[2].headers.at("x-labelflow-delivery"));
  CHECK(got[1].body == got[2].body);
}

TEST_CASE("webhooks: a pending delivery is made after a restart", "[webhooks]") {
  TempDir dir;
  test::Receiver receiver({500, 200});
  const std::string db = dir.file("state.db");
  {
    store::SqliteStateStore st(db);
    enqueue(st, receiver.url());
    auto slow = fast();
    slow.base_delay = 3'600'000ms;  // the retry is not due before the restart
    slow.max_delay = 3'600'000ms;
    webhooks::Dispatcher dispatcher(st, secrets_for(receiver.url()), slow);
    REQUIRE(eventually([&] { return receiver.count() == 1; }));
    REQUIRE(eventually([&] {
      auto due = st.due_webhooks(std::numeric_limits<core::TimeMs>::max(), 10);
      return due.size() == 1 && due[0].attempts == 1;
    }));
  }
  store::SqliteStateStore st(db);
  REQUIRE(st.webhook_count(DeliveryState::pending) == 1);
  auto later = fast();
  later.clock = [] { return now_ms() + 2 * 3'600'000; };  // two hours on: the retry is due
  webhooks::Dispatcher dispatcher(st, secrets_for(receiver.url()), later);
  REQUIRE(eventually([&] { return st.webhook_count(DeliveryState::delivered) == 1; }));
  REQUIRE(receiver.count() == 2);
}

TEST_CASE("webhooks: given up after the retry window, and failed when unconfigured", "[webhooks]") {
  TempDir dir;
  test::Receiver receiver({500});
  store::SqliteStateStore st(dir.file("state.db"));
  enqueue(st, receiver.url());
  SECTION("every attempt fails: failed once the window has passed") {
    auto o = fast();
    o.give_up_after = 0ms;
    webhooks::Dispatcher dispatcher(st, secrets_for(receiver.url()), o);
    REQUIRE(eventually([&] { return st.webhook_count(DeliveryState::failed) == 1; }));
    REQUIRE(receiver.count() == 1);
  }
  SECTION("the webhook is no longer configured: failed without a request") {
    webhooks::Dispatcher dispatcher(st, secrets_for("http://127.0.0.1:1/other"), fast());
    REQUIRE(eventually([&] { return st.webhook_count(DeliveryState::failed) == 1; }));
    REQUIRE(receiver.count() == 0);
  }
}

TEST_CASE("webhooks: an engine step gives row.finalized and row.escalated events", "[webhooks]") {
  const std::vector<config::Webhook> hooks = {
      hook("http://127.0.0.1:1/all", {"row.finalized", "row.escalated"}),
      hook("http://127.0.0.1:1/final", {"row.finalized"})};
  core::Changes ch;
  core::RowStateRecord escalated;
  escalated.row_id = "r1";
  escalated.stage = 2;  // == the pipeline's stage count: escalation
  core::RowStateRecord moved;
  moved.row_id = "r2";
  moved.stage = 1;
  ch.rows = {escalated, moved};
  core::DecisionRecord d;
  d.row_id = "r3";
  d.final_labels = {{"intent", "question"}};
  d.agreement = {{"intent", 0.8}};
  ch.decisions = {d};
  const auto events = webhooks::change_events(hooks, "p", ch, 2, 7);
  REQUIRE(events.size() == 3);
  CHECK(events[0].event == "row.escalated");
  CHECK(events[0].url == "http://127.0.0.1:1/all");
  CHECK(boost::json::parse(events[0].body).at("data").at("row") == "r1");
  CHECK(events[1].event == "row.finalized");
  CHECK(events[2].event == "row.finalized");
  const auto data = boost::json::parse(events[2].body).at("data");
  CHECK(data.at("row") == "r3");
  CHECK(data.at("final_labels").at("intent") == "question");
  CHECK(data.at("agreement").at("intent") == 0.8);
  CHECK(webhooks::change_events({}, "p", ch, 2, 7).empty());
}

TEST_CASE("webhooks: finished entries past keep_finished are pruned, pending ones never",
          "[webhooks]") {
  TempDir dir;
  test::Receiver receiver({200});
  store::SqliteStateStore st(dir.file("state.db"));
  const core::TimeMs old = now_ms() - 8LL * 24 * 3600 * 1000;
  enqueue(st, receiver.url(), old);
  {
    // Delivered (8 days old), then the next check prunes it.
    auto o = fast();
    o.prune_every = 50ms;
    o.give_up_after = std::chrono::hours(24 * 30);
    webhooks::Dispatcher dispatcher(st, secrets_for(receiver.url()), o);
    REQUIRE(eventually([&] { return receiver.count() == 1; }));
    REQUIRE(eventually([&] { return st.webhook_count(DeliveryState::delivered) == 0; }));
  }
  // A pending entry as old is kept (its receiver is down), and a recent delivered one too.
  test::Receiver down({500});
  enqueue(st, down.url(), old);
  enqueue(st, receiver.url());
  auto o = fast();
  o.prune_every = 50ms;
  o.give_up_after = std::chrono::hours(24 * 30);
  auto both = [&](const std::string& project,
                  const std::string& url) -> std::optional<std::string> {
    if (project == "p" && (url == receiver.url() || url == down.url())) return kSecret;
    return std::nullopt;
  };
  webhooks::Dispatcher dispatcher(st, both, o);
  REQUIRE(eventually([&] { return st.webhook_count(DeliveryState::delivered) == 1; }));
  REQUIRE(eventually([&] { return down.count() >= 2; }));  // retried, still pending
  CHECK(st.webhook_count(DeliveryState::pending) == 1);
  CHECK(st.webhook_count(DeliveryState::delivered) == 1);
}
