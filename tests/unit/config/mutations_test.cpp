// Robustness: thousands of small edits of the shipped demo files must each load without an
// exception or crash, and every diagnostic must keep the PATH:LINE:COL: error ID: message form.
// Edits stay ASCII: toml++ 3.3.0 has a known UB on some non-ASCII input (build-notes).
#include <catch2/catch.hpp>
#include <fstream>
#include <random>
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

bool digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// "PATH:LINE:COL: (error|warning) FAMILY.NAME: MESSAGE" (checked by hand: std::regex draws a
// GCC 12 warning under ASan).
bool well_formed(const std::string& line) {
  std::size_t sev = line.find(": error ");
  std::size_t sev_len = 8;
  if (sev == std::string::npos) {
    sev = line.find(": warning ");
    sev_len = 10;
  }
  if (sev == std::string::npos) return false;
  std::string_view head(line.data(), sev);
  std::size_t c2 = head.rfind(':');
  if (c2 == std::string_view::npos || !digits(head.substr(c2 + 1))) return false;
  std::size_t c1 = head.rfind(':', c2 - 1);
  if (c1 == std::string_view::npos || c1 == 0 || !digits(head.substr(c1 + 1, c2 - c1 - 1))) {
    return false;
  }
  std::string_view rest = std::string_view(line).substr(sev + sev_len);
  std::size_t colon = rest.find(": ");
  if (colon == std::string_view::npos || colon + 2 >= rest.size()) return false;
  std::string_view id = rest.substr(0, colon);
  std::size_t dot = id.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == id.size()) return false;
  return id.find_first_not_of("abcdefghijklmnopqrstuvwxyz_.") == std::string_view::npos &&
         line.find('\n') == std::string::npos;
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
  CHECK(well_formed("/a/b.toml:3:14: error config.bad_value: x"));
  CHECK_FALSE(well_formed("/a/b.toml:3: error config.bad_value: x"));
  CHECK_FALSE(well_formed("/a/b.toml:3:1: error bad_value: x"));

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
      CHECK(well_formed(d.to_string()));
    }
    if (diags.has_errors()) ++with_errors;
  }
  // The edits must actually break files often, or this test proves nothing.
  CHECK(with_errors > 200);
}
