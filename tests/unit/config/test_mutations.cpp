// Robustness: thousands of small edits of the shipped demo files must each load without an
// exception or crash, and every diagnostic must keep the PATH:LINE:COL: error ID: message form.
// Edits stay ASCII: toml++ 3.3.0 has a known UB on some non-ASCII input (build-notes).
#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include "config_fixture.hpp"

using namespace labelflow::config;
using labelflow::config::test::ConfigTree;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string mutate(std::string text, std::mt19937& rng) {
  static const std::string kChars = "[]=\"'.,#\n{}0123456789abcxyz _-+";
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n)(rng); };
  int edits = 1 + static_cast<int>(pick(2));
  for (int i = 0; i < edits && !text.empty(); ++i) {
    std::size_t at = pick(text.size() - 1);
    switch (pick(3)) {
      case 0:
        text.erase(at, 1 + pick(3));
        break;
      case 1:
        text.insert(at, 1, kChars[pick(kChars.size() - 1)]);
        break;
      case 2:
        text[at] = kChars[pick(kChars.size() - 1)];
        break;
      default: {  // duplicate the line holding `at`
        std::size_t start = text.rfind('\n', at);
        start = start == std::string::npos ? 0 : start + 1;
        std::size_t end = text.find('\n', at);
        end = end == std::string::npos ? text.size() : end + 1;
        text.insert(start, text.substr(start, end - start));
      }
    }
  }
  return text;
}

}  // namespace

TEST_CASE("config: edited demo files never throw and always report well-formed diagnostics",
          "[config][robustness]") {
  const std::filesystem::path configs = std::filesystem::path(LABELFLOW_SOURCE_DIR) / "configs";
  const std::string daemon = slurp(configs / "labelflowd.toml");
  const std::string reviewers = slurp(configs / "reviewers.toml");
  const std::string project = slurp(configs / "projects/demo.toml");
  REQUIRE_FALSE(project.empty());
  const std::regex form(".+:[0-9]+:[0-9]+: (error|warning) [a-z]+\\.[a-z_]+: .+");

  ConfigTree tree;
  std::mt19937 rng(20261126);
  int with_errors = 0;
  for (int i = 0; i < 600; ++i) {
    int target = i % 3;
    tree.write("labelflowd.toml", target == 0 ? mutate(daemon, rng) : daemon);
    tree.write("reviewers.toml", target == 1 ? mutate(reviewers, rng) : reviewers);
    tree.write("projects/demo.toml", target == 2 ? mutate(project, rng) : project);
    Diagnostics diags;
    REQUIRE_NOTHROW(tree.load(diags));
    for (const auto& d : diags.all()) {
      INFO("iteration " << i << ": " << d.to_string());
      CHECK(std::regex_match(d.to_string(), form));
    }
    if (diags.has_errors()) ++with_errors;
  }
  // The edits must actually break files often, or this test proves nothing.
  CHECK(with_errors > 200);
}
