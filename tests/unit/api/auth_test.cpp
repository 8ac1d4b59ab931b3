#include <catch2/catch.hpp>

#include "api/auth.hpp"

using namespace labelflow::api;
using namespace std::chrono_literals;

TEST_CASE("api: constant_time_equal compares whole values", "[api][auth]") {
  CHECK(constant_time_equal("", ""));
  CHECK(constant_time_equal("secret-token", "secret-token"));
  CHECK_FALSE(constant_time_equal("secret-token", "secret-tokeN"));
  CHECK_FALSE(constant_time_equal("secret-token", "secret-token2"));  // prefix
  CHECK_FALSE(constant_time_equal("secret-token", ""));
  CHECK_FALSE(constant_time_equal("a", "b"));
  std::string with_nul("ab\0c", 4);
  CHECK_FALSE(constant_time_equal(with_nul, "ab"));  // no C-string truncation
  CHECK(constant_time_equal(with_nul, std::string("ab\0c", 4)));
}

TEST_CASE("api: TokenTable refuses short and duplicate tokens without echoing them",
          "[api][auth]") {
  TokenTable table;
  table.add("token-of-reviewer-one", {Role::reviewer, "r1"});
  CHECK_THROWS_WITH(table.add("short", {Role::reviewer, "r2"}),
                    "token of 'r2' is shorter than 16 characters");
  try {
    table.add("token-of-reviewer-one", {Role::admin, "admin"});
    FAIL("duplicate accepted");
  } catch (const std::invalid_argument& e) {
    std::string message = e.what();
    CHECK(message.find("token-of-reviewer-one") == std::string::npos);
    CHECK(message.find("'admin' and 'r1'") != std::string::npos);
  }
  CHECK(table.size() == 1);
}

TEST_CASE("api: Authenticator finds the caller and swaps tables", "[api][auth]") {
  TokenTable table;
  table.add("token-of-reviewer-one", {Role::reviewer, "r1"});
  table.add("token-of-the-administrator", {Role::admin, "admin"});
  Authenticator auth(std::move(table));
  auto r1 = auth.authenticate("token-of-reviewer-one");
  REQUIRE(r1);
  CHECK(r1->id == "r1");
  CHECK(r1->role == Role::reviewer);
  CHECK(auth.authenticate("token-of-the-administrator")->role == Role::admin);
  CHECK_FALSE(auth.authenticate("token-of-reviewer-one "));
  CHECK_FALSE(auth.authenticate(""));

  TokenTable fresh;
  fresh.add("token-of-reviewer-two", {Role::reviewer, "r2"});
  auth.replace(std::move(fresh));
  CHECK_FALSE(auth.authenticate("token-of-reviewer-one"));
  CHECK(auth.authenticate("token-of-reviewer-two")->id == "r2");
}

TEST_CASE("api: bearer_token parses the Authorization header", "[api][auth]") {
  CHECK(Authenticator::bearer_token("Bearer abc") == std::optional<std::string_view>("abc"));
  CHECK(Authenticator::bearer_token("bearer   abc  ") == std::optional<std::string_view>("abc"));
  CHECK_FALSE(Authenticator::bearer_token(""));
  CHECK_FALSE(Authenticator::bearer_token("Bearer"));
  CHECK_FALSE(Authenticator::bearer_token("Bearer    "));
  CHECK_FALSE(Authenticator::bearer_token("Basic abc"));
  CHECK_FALSE(Authenticator::bearer_token("Bearerabc"));
}

TEST_CASE("api: FailureThrottle delays exponentially, forgets, and stays bounded", "[api][auth]") {
  FailureThrottle::Options options;
  options.free_failures = 2;
  options.base_delay = 100ms;
  options.max_delay = 1000ms;
  options.forget_after = 60s;
  options.max_entries = 3;
  FailureThrottle throttle(options);
  auto t0 = FailureThrottle::Clock::time_point{} + 1h;
  CHECK(throttle.on_failure("10.0.0.1", t0) == 0ms);
  CHECK(throttle.on_failure("10.0.0.1", t0) == 0ms);
  CHECK(throttle.on_failure("10.0.0.1", t0) == 100ms);
  CHECK(throttle.on_failure("10.0.0.1", t0) == 200ms);
  CHECK(throttle.on_failure("10.0.0.1", t0) == 400ms);
  CHECK(throttle.on_failure("10.0.0.1", t0) == 800ms);
  CHECK(throttle.on_failure("10.0.0.1", t0) == 1000ms);  // capped
  for (int i = 0; i < 100; ++i) throttle.on_failure("10.0.0.1", t0);
  CHECK(throttle.on_failure("10.0.0.1", t0) == 1000ms);  // no overflow
  // Another address has its own count.
  CHECK(throttle.on_failure("10.0.0.2", t0) == 0ms);
  // After a quiet period the address starts over.
  CHECK(throttle.on_failure("10.0.0.1", t0 + 61s) == 0ms);
  // Bounded: a fourth address evicts the stalest one.
  throttle.on_failure("10.0.0.3", t0 + 62s);
  throttle.on_failure("10.0.0.4", t0 + 63s);
  CHECK(throttle.tracked() == 3);
  CHECK(throttle.on_failure("10.0.0.2", t0 + 64s) == 0ms);  // was evicted, counts afresh
  CHECK(throttle.tracked() == 3);
}
