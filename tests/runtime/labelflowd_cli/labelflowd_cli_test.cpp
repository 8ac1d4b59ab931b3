#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "process.hpp"

using labelflow::test::Process;
using labelflow::test::run;

namespace {

const std::string kBin = LABELFLOWD_PATH;
namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "labelflowd-cli-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  fs::path write(const std::string& rel, const std::string& content) const {
    fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
};

// A valid configuration using the built plugins: classification labels, local storage and
// the keyword router. `daemon_extra` is prepended to the daemon file.
fs::path write_good_config(const TempDir& dir, const std::string& daemon_extra = "") {
  setenv("LF_CLI_TOKEN_A", "alpha-token-value", 1);
  setenv("LF_CLI_TOKEN_B", "bravo-token-value", 1);
  setenv("LF_CLI_TOKEN_C", "charlie-token-value", 1);
  dir.write("reviewers.toml", R"([[reviewers]]
id = "a"
roles = ["primary"]
expertise = ["technical"]
token_env = "LF_CLI_TOKEN_A"

[[reviewers]]
id = "b"
roles = ["primary"]
token_env = "LF_CLI_TOKEN_B"

[[reviewers]]
id = "c"
roles = ["qa"]
token_env = "LF_CLI_TOKEN_C"
)");
  dir.write("projects/p.toml", R"(id = "p"
expert_domains = ["technical"]

[[labels]]
name = "intent"
type = "classification"
classes = ["question", "request"]

[router]
type = "keywords"
[router.domains]
technical = ["python"]

[source]
storage = "local"
prefix = "in/"
)");
  return dir.write("labelflowd.toml", daemon_extra + "listen = \"127.0.0.1:0\"\n" +
                                          "state = \"var/state.db\"\n" +
                                          "plugin_dirs = [\"" LABELFLOW_PLUGIN_DIR "\"]\n" +
                                          "[storage.local]\ntype = \"local\"\nroot = \"data\"\n");
}

}  // namespace

TEST_CASE("labelflowd --version prints the version", "[labelflowd]") {
  TempDir dir;
  auto r = run(kBin, {"--version"}, dir.root());
  CHECK(r.code == 0);
  CHECK(std::regex_match(r.out, std::regex("labelflowd [0-9]+\\.[0-9]+\\.[0-9]+\n")));
}

TEST_CASE("labelflowd: bad flags print usage and exit 2", "[labelflowd]") {
  TempDir dir;
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"--bogus"},
                                             {},
                                             {"--config"},
                                             {"--version", "--list-plugins"},
                                             {"--check-config", "a", "--config", "b"},
                                             {"--log-level", "loud", "--config", "x"}}) {
    auto r = run(kBin, args, dir.root());
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find("usage: labelflowd") != std::string::npos);
  }
}

TEST_CASE("labelflowd --check-config accepts a good configuration", "[labelflowd]") {
  TempDir dir;
  fs::path config = write_good_config(dir);
  auto r = run(kBin, {"--check-config", config.string()}, dir.root());
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find(": ok: 3 reviewer(s), 1 project(s), 1 label(s)") != std::string::npos);
}

TEST_CASE("labelflowd --check-config reports every error with file:line:col", "[labelflowd]") {
  TempDir dir;
  fs::path config = write_good_config(dir, "lisen = \"127.0.0.1:1\"\ntimezone = 3\n");
  dir.write("projects/q.toml", R"(id = "q"
[[labels]]
name = "intent"
type = "classification"
clases = ["x"]

[[labels]]
name = "other"
type = "classificaton"
classes = ["x"]
)");
  auto r = run(kBin, {"--check-config", config.string()}, dir.root());
  INFO(r.err);
  CHECK(r.code == 1);
  const std::string daemon = config.string();
  const std::string q = (dir.root() / "projects/q.toml").string();
  CHECK(r.err.find(daemon + ":1:1: error config.unknown_key: unknown key 'lisen'; did you mean "
                            "'listen'?") != std::string::npos);
  CHECK(r.err.find(daemon + ":2:12: error config.wrong_type: key 'timezone' must be a string") !=
        std::string::npos);
  // The plugin refuses the misspelt option; the error points at that key in the project.
  CHECK(r.err.find(q + ":5:1: error plugin.options_refused") != std::string::npos);
  CHECK(r.err.find(q + ":9:8: error plugin.unknown") != std::string::npos);
  CHECK(r.err.find("did you mean 'classification'?") != std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("labelflowd --check-config points a nested plugin option error at its item",
          "[labelflowd]") {
  TempDir dir;
  fs::path config = write_good_config(dir);
  dir.write("projects/q.toml", R"(id = "q"
[[labels]]
name = "intent"
type = "classification"
classes = ["x"]
[router]
type = "keywords"
[router.domains]
technical = ["python", " "]
)");
  auto r = run(kBin, {"--check-config", config.string()}, dir.root());
  INFO(r.err);
  CHECK(r.code == 1);
  const std::string q = (dir.root() / "projects/q.toml").string();
  CHECK(r.err.find(q + ":9:24: error plugin.options_refused: router of project 'q' (type "
                       "keywords): option 'domains.technical[1]'") != std::string::npos);
}

TEST_CASE("labelflowd --check-config accepts the shipped demo configuration", "[labelflowd]") {
  // A copy, so that the local storage's root (created on configure) lands in the temp dir.
  TempDir dir;
  fs::copy(fs::path(LABELFLOW_SOURCE_DIR) / "configs", dir.root() / "configs",
           fs::copy_options::recursive);
  auto r =
      run(kBin, {"--check-config", (dir.root() / "configs/labelflowd.toml").string()}, dir.root());
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find(": ok: ") != std::string::npos);
}

TEST_CASE("labelflowd --list-plugins prints KIND NAME VERSION abi=M.m PATH", "[labelflowd]") {
  TempDir dir;
  std::regex line("(label_type|storage|router) [a-z0-9_]+ [^ ]+ abi=[0-9]+\\.[0-9]+ /[^ ]+\\.so");
  auto check_output = [&](const std::string& out) {
    std::istringstream in(out);
    std::string l;
    int count = 0;
    bool local = false;
    while (std::getline(in, l)) {
      INFO(l);
      CHECK(std::regex_match(l, line));
      local = local || l.rfind("storage local ", 0) == 0;
      ++count;
    }
    CHECK(count >= 3);
    CHECK(local);
  };
  auto r = run(kBin, {"--list-plugins"}, dir.root());
  INFO(r.err);
  CHECK(r.code == 0);
  check_output(r.out);

  fs::path config = write_good_config(dir);
  auto r2 = run(kBin, {"--list-plugins", "--config", config.string()}, dir.root());
  INFO(r2.err);
  CHECK(r2.code == 0);
  check_output(r2.out);
}

TEST_CASE("labelflowd --config runs until SIGTERM or SIGINT and exits 0", "[labelflowd]") {
  for (int sig : {SIGTERM, SIGINT}) {
    TempDir dir;
    fs::path config = write_good_config(dir);
    Process p(kBin, {"--config", config.string()}, dir.root());
    REQUIRE(p.wait_for_err("labelflowd running", std::chrono::seconds(20)));
    CHECK_FALSE(p.wait(std::chrono::milliseconds(200)).has_value());  // still running
    p.signal(sig);
    auto code = p.wait(std::chrono::seconds(10));
    INFO(p.err());
    REQUIRE(code.has_value());
    CHECK(*code == 0);
    CHECK(p.err().find("shutting down") != std::string::npos);
  }
}

TEST_CASE("labelflowd logs JSON lines when configured and never logs tokens", "[labelflowd]") {
  TempDir dir;
  fs::path config = write_good_config(dir, "[log]\nformat = \"json\"\nlevel = \"debug\"\n");
  // [log] is a table: the rest of the daemon file must come before it.
  std::string text = "listen = \"127.0.0.1:0\"\nstate = \"var/state.db\"\nplugin_dirs = [\"" +
                     std::string(LABELFLOW_PLUGIN_DIR) +
                     "\"]\n[log]\nformat = \"json\"\nlevel = \"debug\"\n"
                     "[storage.local]\ntype = \"local\"\nroot = \"data\"\n";
  dir.write("labelflowd.toml", text);
  Process p(kBin, {"--config", config.string()}, dir.root());
  REQUIRE(p.wait_for_err("labelflowd running", std::chrono::seconds(20)));
  p.signal(SIGTERM);
  REQUIRE(p.wait(std::chrono::seconds(10)) == std::optional<int>(0));
  std::istringstream in(p.err());
  std::string l;
  int lines = 0;
  while (std::getline(in, l)) {
    if (l.empty()) continue;
    INFO(l);
    boost::system::error_code ec;
    auto v = boost::json::parse(l, ec);
    REQUIRE_FALSE(ec);
    REQUIRE(v.is_object());
    for (const char* key : {"ts", "level", "logger", "msg"}) CHECK(v.as_object().contains(key));
    ++lines;
  }
  CHECK(lines >= 3);
  for (const char* token : {"alpha-token-value", "bravo-token-value", "charlie-token-value"}) {
    CHECK(p.err().find(token) == std::string::npos);
  }
}

TEST_CASE("labelflowd --config with errors refuses to start", "[labelflowd]") {
  TempDir dir;
  fs::path config = write_good_config(dir, "lisen = 1\n");
  Process p(kBin, {"--config", config.string()}, dir.root());
  auto code = p.wait(std::chrono::seconds(20));
  INFO(p.err());
  REQUIRE(code.has_value());
  CHECK(*code == 1);
  CHECK(p.err().find(config.string() + ":1:1: error config.unknown_key") != std::string::npos);
}
