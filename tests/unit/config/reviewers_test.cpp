#include <catch2/catch.hpp>

#include "config_fixture.hpp"

using namespace labelflow::config;
using labelflow::config::test::ConfigTree;
using labelflow::config::test::dump;
using labelflow::config::test::has;

namespace {

ConfigTree tree_with_reviewers(const std::string& reviewers) {
  ConfigTree tree;
  tree.write("labelflowd.toml", test::kDaemon);
  tree.write("reviewers.toml", reviewers);
  return tree;
}

}  // namespace

TEST_CASE("config: reviewers load with roles, expertise, rates and tokens from env", "[config]") {
  ConfigTree tree = tree_with_reviewers(std::string(test::kReviewers) + R"(
[[reviewers]]
id = "gil"
name = "Gil Moreau"
roles = ["qa"]
hourly_rate = 41.5
weekly_min_hours = 10
token_file = "tokens/gil"
)");
  tree.write("tokens/gil", "gil-token\n");
  Diagnostics diags;
  Config config = tree.load(diags);
  INFO(dump(diags));
  CHECK(diags.error_count() == 0);
  REQUIRE(config.reviewers.reviewers.size() == 7);
  const Reviewer* eve = config.reviewers.find("eve");
  REQUIRE(eve != nullptr);
  CHECK(eve->has_role("primary"));
  CHECK(eve->has_role("qa"));
  CHECK(eve->has_expertise("technical"));
  CHECK(eve->token.reveal() == "token-of-EVE");
  const Reviewer* gil = config.reviewers.find("gil");
  REQUIRE(gil != nullptr);
  CHECK(gil->name == "Gil Moreau");
  CHECK(gil->hourly_rate == Approx(41.5));
  CHECK(gil->weekly_min_hours == Approx(10.0));
  CHECK(gil->token.reveal() == "gil-token");
  CHECK(gil->token.describe().find("gil-token") == std::string::npos);
}

TEST_CASE("config: reviewer errors: literal token, no token, bad role, duplicate id, wrong type",
          "[config]") {
  ConfigTree tree = tree_with_reviewers(R"([[reviewers]]
id = "ann"
roles = ["primary", "boss"]
token = "plain-text-token"

[[reviewers]]
id = "ann"
roles = ["qa"]
token_env = "LF_TEST_TOKEN_ANN"

[[reviewers]]
id = "zed"
roles = ["qa"]
hourly_rate = "lots"
token_env = "LF_TEST_TOKEN_BOB"
token_file = "x"
)");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, tree.at("reviewers.toml", 3, 9, "config.bad_value")));
  CHECK(has(diags, tree.at("reviewers.toml", 4, 1, "config.secret_literal")));
  CHECK(has(diags, tree.at("reviewers.toml", 1, 1, "config.missing_key") +
                       ": missing 'token_env' or 'token_file'"));
  CHECK(has(diags, tree.at("reviewers.toml", 7, 6, "config.duplicate")));
  CHECK(has(diags, tree.at("reviewers.toml", 14, 15, "config.wrong_type") +
                       ": key 'hourly_rate' in [[reviewers]] entry 3 must be a number"));
  CHECK(has(diags, tree.at("reviewers.toml", 16, 1, "config.conflicting_keys")));
  // The literal token is never echoed back.
  CHECK(dump(diags).find("plain-text-token") == std::string::npos);
}

TEST_CASE("config: two reviewers sharing a token is refused without printing it", "[config]") {
  setenv("LF_TEST_SAME", "same-token", 1);
  ConfigTree tree = tree_with_reviewers(R"([[reviewers]]
id = "a"
roles = ["primary"]
token_env = "LF_TEST_SAME"

[[reviewers]]
id = "b"
roles = ["qa"]
token_env = "LF_TEST_SAME"
)");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, tree.at("reviewers.toml", 6, 1, "config.duplicate")));
  CHECK(dump(diags).find("same-token") == std::string::npos);
}

TEST_CASE("config: an empty reviewers file is a missing [[reviewers]]", "[config]") {
  ConfigTree tree = tree_with_reviewers("");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(diags.contains("config.missing_key"));
}
