#include <catch2/catch.hpp>

#include "config_fixture.hpp"

using namespace labelflow::config;
using labelflow::config::test::ConfigTree;
using labelflow::config::test::dump;
using labelflow::config::test::has;

namespace {

ConfigTree tree_with_project(const std::string& project) {
  ConfigTree tree;
  tree.write("labelflowd.toml", test::kDaemon);
  tree.write("reviewers.toml", test::kReviewers);
  tree.write("projects/p.toml", project);
  return tree;
}

}  // namespace

TEST_CASE("config: a minimal project gets every default", "[config]") {
  ConfigTree tree = tree_with_project(test::kProject);
  Diagnostics diags;
  Config config = tree.load(diags);
  INFO(dump(diags));
  CHECK(diags.all().empty());
  REQUIRE(config.projects.size() == 1);
  const Project& p = config.projects[0];
  CHECK(p.id == "p");
  CHECK(p.name == "p");
  CHECK(p.members.size() == 6);
  CHECK(p.lease.ttl_seconds == 1800);
  CHECK(p.lease.max_leases_per_reviewer == 1);
  CHECK_FALSE(p.skip_reasons.empty());
  CHECK(p.default_pipeline);
  REQUIRE(p.pipeline.size() == 2);
  CHECK(p.pipeline[0].kind == StageKind::review);
  CHECK(p.pipeline[0].reviewers == 2);
  CHECK(p.pipeline[0].roles == std::vector<std::string>{"primary"});
  CHECK(p.pipeline[1].kind == StageKind::adjudicate);
  CHECK(p.pipeline[1].when == AdjudicateWhen::always);
  CHECK(p.pipeline[1].roles == std::vector<std::string>{"qa"});
  REQUIRE(p.labels.size() == 1);
  CHECK(p.labels[0].plugin.type == "classification");
  CHECK(p.labels[0].plugin.options.size() == 1);  // name/type are not plugin options
}

TEST_CASE("config: a full project reads every section", "[config]") {
  setenv("LF_TEST_HOOK", "hook-secret", 1);
  ConfigTree tree = tree_with_project(R"(id = "full"
name = "Full project"
expert_domains = ["technical"]
members = ["ann", "bob", "cat", "eve"]
skip_reasons = ["unclear", "spam"]

[[labels]]
name = "intent"
type = "classification"
instructions = "Pick the intent."
classes = ["a", "b"]
multi = false

[router]
type = "keywords"
[router.domains]
technical = ["api"]

[lease]
lease_ttl_seconds = 600
max_leases_per_reviewer = 3

[source]
storage = "local"
prefix = "in/"
format = "sagemaker-input"

[sink]
storage = "local"
prefix = "out/"

[[webhooks]]
url = "https://hooks.example/lf"
events = ["row.finalized"]
secret_env = "LF_TEST_HOOK"
)");
  Diagnostics diags;
  Config config = tree.load(diags);
  INFO(dump(diags));
  CHECK(diags.all().empty());
  const Project& p = config.projects.at(0);
  CHECK(p.name == "Full project");
  CHECK(p.members == std::vector<std::string>{"ann", "bob", "cat", "eve"});
  CHECK(p.skip_reasons == std::vector<std::string>{"unclear", "spam"});
  CHECK(p.labels.at(0).instructions == "Pick the intent.");
  CHECK_FALSE(p.labels.at(0).plugin.options.contains("instructions"));
  CHECK(p.labels.at(0).plugin.options.at("multi").as_bool() == false);
  REQUIRE(p.router.has_value());
  CHECK(p.router->options.at("domains").as_object().at("technical").as_array().size() == 1);
  CHECK(p.lease.ttl_seconds == 600);
  CHECK(p.lease.max_leases_per_reviewer == 3);
  CHECK(p.source->format == "sagemaker-input");
  CHECK(p.sink->format == "jsonl");
  CHECK(p.sink->prefix == "out/");
  REQUIRE(p.webhooks.size() == 1);
  CHECK(p.webhooks[0].events == std::vector<std::string>{"row.finalized"});
  CHECK(p.webhooks[0].secret.reveal() == "hook-secret");
}

TEST_CASE("config: project errors are reported at their keys", "[config]") {
  ConfigTree tree = tree_with_project(R"(id = "p"
members = ["ann", "bobb", "cat", "eve"]
skip_reasons = ["unclear", ""]
expert_domain = ["technical"]

[[labels]]
name = "intent"
type = "classification"

[[labels]]
name = "intent"
type = "rating"

[lease]
lease_ttl_seconds = 1.5

[sink]
storage = "locl"
format = "csv"

[[webhooks]]
url = "ftp://x"
events = ["row.finalised"]
secret = "inline"
)");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, tree.at("projects/p.toml", 2, 19, "pipeline.unknown_member") +
                       ": member 'bobb' is not a reviewer in"));
  CHECK(dump(diags).find("did you mean 'bob'?") != std::string::npos);
  CHECK(has(diags, tree.at("projects/p.toml", 3, 28, "config.bad_value")));
  CHECK(has(diags, tree.at("projects/p.toml", 4, 1, "config.unknown_key") +
                       ": unknown key 'expert_domain'; did you mean 'expert_domains'?"));
  CHECK(has(diags, tree.at("projects/p.toml", 11, 8, "config.duplicate")));
  CHECK(has(diags, tree.at("projects/p.toml", 15, 21, "config.wrong_type")));
  CHECK(has(diags, tree.at("projects/p.toml", 18, 11, "config.bad_value") +
                       ": key 'storage' in [sink]: no storage instance 'locl'"));
  CHECK(has(diags, tree.at("projects/p.toml", 19, 10, "config.bad_value")));
  CHECK(has(diags, tree.at("projects/p.toml", 22, 7, "config.bad_value")));
  CHECK(has(diags, tree.at("projects/p.toml", 23, 10, "config.bad_value")));
  CHECK(has(diags, tree.at("projects/p.toml", 24, 1, "config.secret_literal")));
}

TEST_CASE("config: project without labels or id is refused", "[config]") {
  ConfigTree tree = tree_with_project("name = \"x\"\n");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, tree.at("projects/p.toml", 1, 1, "config.missing_key") +
                       ": missing required key 'id'"));
  CHECK(has(diags, tree.at("projects/p.toml", 1, 1, "config.missing_key") +
                       ": missing required key 'labels'"));
}

TEST_CASE("config: duplicate project ids across files are refused", "[config]") {
  ConfigTree tree = tree_with_project(test::kProject);
  tree.write("projects/q.toml", test::kProject);
  Diagnostics diags;
  Config config = tree.load(diags);
  CHECK(has(diags, tree.at("projects/q.toml", 1, 6, "config.duplicate")));
  CHECK(config.projects.size() == 1);
}

TEST_CASE("config: every error of every file is reported in one pass", "[config]") {
  ConfigTree tree;
  tree.write("labelflowd.toml", "colour = 1\n" + std::string(test::kDaemon));
  tree.write("reviewers.toml", std::string(test::kReviewers) + "extra = 1\n");
  tree.write("projects/a.toml", "id = \"a\"\nlabelz = 1\n");
  tree.write("projects/b.toml", "id = \"b\"\n[[labels]]\nname = 3\ntype = \"x\"\n");
  tree.write("projects/c.toml", "id = \n");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, tree.at("labelflowd.toml", 1, 1, "config.unknown_key")));
  CHECK(has(diags, tree.at("reviewers.toml", 32, 1, "config.unknown_key")));
  CHECK(has(diags, tree.at("projects/a.toml", 2, 1, "config.unknown_key") +
                       ": unknown key 'labelz'; did you mean 'labels'?"));
  CHECK(has(diags, tree.at("projects/b.toml", 3, 8, "config.wrong_type")));
  CHECK(diags.contains("config.parse"));
}
