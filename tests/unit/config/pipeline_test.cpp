#include <catch2/catch.hpp>

#include "config_fixture.hpp"

using namespace labelflow::config;
using labelflow::config::test::ConfigTree;
using labelflow::config::test::dump;
using labelflow::config::test::has;

namespace {

// The project file: kProject (5 lines), a blank line, then `pipeline`; positions in the tests
// are lines of `pipeline`.
ConfigTree tree_with_pipeline(const std::string& pipeline) {
  ConfigTree tree;
  tree.write("labelflowd.toml", test::kDaemon);
  tree.write("reviewers.toml", test::kReviewers);
  tree.write("projects/p.toml", std::string(test::kProject) + "\n" + pipeline);
  return tree;
}

std::string at(const ConfigTree& tree, int line, int col, const std::string& id) {
  return tree.at("projects/p.toml", line + 6, col, id);
}

}  // namespace

TEST_CASE("config: a declared pipeline is read stage by stage", "[config][pipeline]") {
  ConfigTree tree = tree_with_pipeline(R"([[pipeline.stages]]
kind = "review"
name = "primaries"
reviewers = 3
add_reviewer_below = 0.6
agree_threshold = 0.8

[[pipeline.stages]]
kind = "adjudicate"
name = "qa"
when = "disagreement"
sample_rate = 0.1
agree_threshold = 0.9
)");
  Diagnostics diags;
  Config config = tree.load(diags);
  INFO(dump(diags));
  CHECK(diags.all().empty());
  const Project& p = config.projects.at(0);
  CHECK_FALSE(p.default_pipeline);
  REQUIRE(p.pipeline.size() == 2);
  CHECK(p.pipeline[0].reviewers == 3);
  CHECK(p.pipeline[0].max_reviewers == 4);  // one extra by default with add_reviewer_below
  CHECK(*p.pipeline[0].add_reviewer_below == Approx(0.6));
  CHECK(p.pipeline[0].agree_threshold == Approx(0.8));
  CHECK(p.pipeline[1].when == AdjudicateWhen::disagreement);
  CHECK(p.pipeline[1].sample_rate == Approx(0.1));
  CHECK(p.pipeline[1].roles == std::vector<std::string>{"qa"});
}

TEST_CASE("config: the default pipeline written out equals the implicit one",
          "[config][pipeline]") {
  ConfigTree tree = tree_with_pipeline(R"([[pipeline.stages]]
kind = "review"
name = "review"
reviewers = 2
roles = ["primary"]

[[pipeline.stages]]
kind = "adjudicate"
name = "qa"
roles = ["qa"]
when = "always"
)");
  Diagnostics diags;
  Config config = tree.load(diags);
  INFO(dump(diags));
  CHECK(diags.all().empty());
  const auto& declared = config.projects.at(0).pipeline;
  const auto implicit = default_pipeline();
  REQUIRE(declared.size() == implicit.size());
  for (std::size_t i = 0; i < declared.size(); ++i) {
    CHECK(declared[i].kind == implicit[i].kind);
    CHECK(declared[i].name == implicit[i].name);
    CHECK(declared[i].roles == implicit[i].roles);
    CHECK(declared[i].reviewers == implicit[i].reviewers);
    CHECK(declared[i].max_reviewers == implicit[i].max_reviewers);
    CHECK(declared[i].when == implicit[i].when);
    CHECK(declared[i].agree_threshold == implicit[i].agree_threshold);
  }
}

TEST_CASE("config: an adjudicate stage first is refused", "[config][pipeline]") {
  ConfigTree tree = tree_with_pipeline(R"([[pipeline.stages]]
kind = "adjudicate"
name = "qa"
)");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, at(tree, 1, 1, "pipeline.adjudicate_first")));
}

TEST_CASE("config: stage ranges and keys that do not apply are refused at the key",
          "[config][pipeline]") {
  ConfigTree tree = tree_with_pipeline(R"([[pipeline.stages]]
kind = "review"
name = "r"
reviewers = 2
max_reviewers = 1
agree_threshold = 1.5
when = "always"

[[pipeline.stages]]
kind = "adjudicate"
name = "r"
add_reviewer_below = 0.5
sample_rate = 2.0
when = "disagreement"
agree_threshold = -0.1

[[pipeline.stages]]
kind = "adjudicate"
name = "q2"
when = "sometimes"
sample_rate = 0.5
)");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, at(tree, 5, 17, "pipeline.max_below_reviewers")));
  CHECK(has(diags, at(tree, 6, 19, "pipeline.bad_threshold")));
  CHECK(has(diags, at(tree, 7, 1, "pipeline.not_for_stage") +
                       ": key 'when' in [[pipeline.stages]] entry 1 does not apply"));
  CHECK(has(diags, at(tree, 11, 8, "pipeline.duplicate_stage")));
  CHECK(has(diags, at(tree, 12, 1, "pipeline.not_for_stage")));
  CHECK(has(diags, at(tree, 13, 15, "pipeline.bad_rate")));
  CHECK(has(diags, at(tree, 15, 19, "pipeline.bad_threshold")));
  CHECK(has(diags, at(tree, 20, 8, "config.bad_value")));
  // sample_rate with when = "always" (the default after the bad `when`) is refused too.
  CHECK(has(diags, at(tree, 21, 1, "pipeline.not_for_stage")));
}

TEST_CASE("config: an empty stage list and a bad kind are refused", "[config][pipeline]") {
  ConfigTree tree = tree_with_pipeline("[pipeline]\nstages = []\n");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, at(tree, 2, 10, "pipeline.empty")));

  ConfigTree tree2 = tree_with_pipeline("[[pipeline.stages]]\nkind = \"vote\"\nname = \"v\"\n");
  Diagnostics diags2;
  tree2.load(diags2);
  CHECK(has(diags2, at(tree2, 2, 8, "config.bad_value")));
}

TEST_CASE("config: a misspelt stage key gets a suggestion", "[config][pipeline]") {
  ConfigTree tree =
      tree_with_pipeline("[[pipeline.stages]]\nkind = \"review\"\nname = \"r\"\nreviewer = 2\n");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, at(tree, 4, 1, "config.unknown_key") +
                       ": unknown key 'reviewer' in [[pipeline.stages]] entry 1; did you mean "
                       "'reviewers'?"));
}
