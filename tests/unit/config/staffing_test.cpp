#include <catch2/catch.hpp>

#include "config_fixture.hpp"

using namespace labelflow::config;
using labelflow::config::test::ConfigTree;
using labelflow::config::test::dump;
using labelflow::config::test::has;

namespace {

const char* const kLabel = "\n[[labels]]\nname = \"intent\"\ntype = \"classification\"\n";

// A project whose first two lines are `id` and `head` (e.g. members); positions below refer
// to those lines.
ConfigTree tree_with(const std::string& head, const std::string& tail = "",
                     const std::string& extra_reviewers = "") {
  ConfigTree tree;
  tree.write("labelflowd.toml", test::kDaemon);
  tree.write("reviewers.toml", std::string(test::kReviewers) + extra_reviewers);
  tree.write("projects/p.toml", "id = \"p\"\n" + head + "\n" + kLabel + tail);
  return tree;
}

std::string at(const ConfigTree& tree, int line, int col, const std::string& id) {
  return tree.at("projects/p.toml", line, col, id);
}

}  // namespace

TEST_CASE("config: the default pipeline needs a member with role qa", "[config][pipeline]") {
  ConfigTree tree = tree_with("members = [\"ann\", \"bob\"]");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, at(tree, 2, 11, "pipeline.no_role_member") +
                       ": stage 'qa' needs a reviewer with role qa"));
}

TEST_CASE("config: a declared stage whose roles no member has is refused at the stage",
          "[config][pipeline]") {
  ConfigTree tree = tree_with("members = [\"cat\", \"dan\", \"ann\"]",
                              "[[pipeline.stages]]\nkind = \"review\"\nname = \"r\"\n"
                              "roles = [\"qa\"]\n\n"
                              "[[pipeline.stages]]\nkind = \"adjudicate\"\nname = \"x\"\n"
                              "roles = [\"qa\"]\n");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(diags.error_count() == 1);
  CHECK(has(diags, at(tree, 2, 11, "pipeline.too_few_members")));

  ConfigTree tree2 = tree_with("members = [\"cat\", \"dan\"]",
                               "[[pipeline.stages]]\nkind = \"review\"\nname = \"r\"\n"
                               "roles = [\"primary\"]\n");
  Diagnostics diags2;
  tree2.load(diags2);
  INFO(dump(diags2));
  CHECK(has(diags2, at(tree2, 7, 1, "pipeline.no_role_member")));
}

TEST_CASE("config: a row's reviewers must be distinct across stages (I1)", "[config][pipeline]") {
  SECTION("too few primaries") {
    ConfigTree tree = tree_with("members = [\"ann\", \"cat\"]");
    Diagnostics diags;
    tree.load(diags);
    INFO(dump(diags));
    CHECK(has(diags, at(tree, 2, 11, "pipeline.too_few_members") +
                         ": a row of project 'p' needs 3 distinct reviewers"));
  }
  SECTION("every stage staffable alone, not together") {
    // eve is the only qa member and is needed as the third primary too.
    ConfigTree tree = tree_with("members = [\"ann\", \"bob\", \"eve\"]",
                                "[[pipeline.stages]]\nkind = \"review\"\nname = \"r\"\n"
                                "reviewers = 3\n\n"
                                "[[pipeline.stages]]\nkind = \"adjudicate\"\nname = \"qa\"\n");
    Diagnostics diags;
    tree.load(diags);
    INFO(dump(diags));
    CHECK(diags.contains("pipeline.too_few_members"));
    CHECK_FALSE(diags.contains("pipeline.no_role_member"));
  }
  SECTION("enough members with the optimal assignment") {
    // eve must be QA (cat is absent); a greedy pick of eve as primary would fail.
    ConfigTree tree = tree_with("members = [\"eve\", \"ann\", \"bob\"]");
    Diagnostics diags;
    tree.load(diags);
    INFO(dump(diags));
    CHECK(diags.all().empty());
  }
  SECTION("extra reviewers that cannot be found are a warning") {
    ConfigTree tree = tree_with("members = [\"ann\", \"bob\", \"cat\"]",
                                "[[pipeline.stages]]\nkind = \"review\"\nname = \"r\"\n"
                                "add_reviewer_below = 0.5\n\n"
                                "[[pipeline.stages]]\nkind = \"adjudicate\"\nname = \"qa\"\n");
    Diagnostics diags;
    tree.load(diags);
    INFO(dump(diags));
    CHECK(diags.error_count() == 0);
    CHECK(diags.warning_count() == 1);
    CHECK(diags.contains("pipeline.too_few_members"));
  }
}

TEST_CASE("config: every expert domain needs an expert who can sit in the row (I3)",
          "[config][pipeline]") {
  SECTION("no expert among members") {
    ConfigTree tree = tree_with(
        "expert_domains = [\"financial\"]\nmembers = [\"ann\", \"bob\", "
        "\"cat\"]");
    Diagnostics diags;
    tree.load(diags);
    INFO(dump(diags));
    CHECK(has(diags,
              at(tree, 2, 18, "pipeline.no_expert") + ": expert domain 'financial' has no expert"));
  }
  SECTION("the only expert holds no role a stage uses") {
    ConfigTree tree = tree_with(
        "expert_domains = [\"legal\"]", "[[pipeline.stages]]\nkind = \"review\"\nname = \"r\"\n",
        "\n[[reviewers]]\nid = \"gus\"\nroles = [\"qa\"]\nexpertise = [\"legal\"]\n"
        "token_env = \"LF_TEST_TOKEN_GUS\"\n");
    setenv("LF_TEST_TOKEN_GUS", "gus-token", 1);
    Diagnostics diags;
    tree.load(diags);
    INFO(dump(diags));
    CHECK(has(diags,
              at(tree, 2, 18, "pipeline.no_expert") + ": no expert in 'legal' can take a stage"));
  }
  SECTION("experts present") {
    ConfigTree tree = tree_with("expert_domains = [\"technical\", \"financial\"]");
    Diagnostics diags;
    tree.load(diags);
    INFO(dump(diags));
    CHECK(diags.all().empty());
  }
}
