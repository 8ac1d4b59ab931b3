#include <catch2/catch.hpp>
#include <cstdlib>

#include "config_fixture.hpp"

using namespace labelflow::config;
using labelflow::config::test::ConfigTree;
using labelflow::config::test::dump;
using labelflow::config::test::has;

namespace {

ConfigTree tree_with_daemon(const std::string& daemon) {
  ConfigTree tree;
  tree.write("labelflowd.toml", daemon);
  tree.write("reviewers.toml", test::kReviewers);
  tree.write("projects/p.toml", test::kProject);
  return tree;
}

}  // namespace

TEST_CASE("config: a minimal daemon config loads with documented defaults", "[config]") {
  ConfigTree tree = tree_with_daemon(test::kDaemon);
  Diagnostics diags;
  Config config = tree.load(diags);
  INFO(dump(diags));
  CHECK(diags.error_count() == 0);
  CHECK(config.daemon.listen_host == "127.0.0.1");
  CHECK(config.daemon.listen_port == 8080);
  CHECK(config.daemon.timezone == "UTC");
  CHECK(config.daemon.log.level == "info");
  CHECK(config.daemon.log.format == "text");
  CHECK(config.daemon.http.threads == 2);
  CHECK(config.daemon.plugin_dirs.empty());
  CHECK_FALSE(config.daemon.admin_token.has_value());
  CHECK(config.projects.size() == 1);
}

TEST_CASE("config: relative paths resolve against the daemon file's directory", "[config]") {
  ConfigTree tree;
  tree.write("etc/labelflowd.toml", R"(state = "../var/state.db"
projects_dir = "proj"
reviewers = "people/reviewers.toml"
plugin_dirs = ["plugins"]
[storage.local]
type = "local"
root = "../data"
)");
  std::filesystem::create_directories(tree.root() / "etc/plugins");
  tree.write("etc/people/reviewers.toml", test::kReviewers);
  tree.write("etc/proj/p.toml", test::kProject);
  Diagnostics diags;
  Config config = load_config(tree.root() / "etc/labelflowd.toml", diags);
  INFO(dump(diags));
  CHECK(diags.error_count() == 0);
  CHECK(config.daemon.state == (tree.root() / "var/state.db").lexically_normal());
  CHECK(config.daemon.projects_dir == (tree.root() / "etc/proj").lexically_normal());
  CHECK(config.daemon.reviewers_file ==
        (tree.root() / "etc/people/reviewers.toml").lexically_normal());
  CHECK(config.daemon.plugin_dirs.at(0) == (tree.root() / "etc/plugins").lexically_normal());
  CHECK(config.daemon.storage.at(0).plugin.options.at("root").as_string() ==
        (tree.root() / "data").lexically_normal().string());
  CHECK(config.reviewers.reviewers.size() == 6);
  CHECK(config.projects.size() == 1);
}

TEST_CASE("config: daemon keys: unknown with suggestion, wrong type, bad values at exact positions",
          "[config]") {
  ConfigTree tree = tree_with_daemon(R"(state = "s.db"
lisen = "127.0.0.1:9000"
timezone = 5
[log]
level = "loud"
fromat = "json"
[http]
threads = 0
)");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, tree.at("labelflowd.toml", 2, 1, "config.unknown_key") +
                       ": unknown key 'lisen'; did you mean 'listen'?"));
  CHECK(has(diags, tree.at("labelflowd.toml", 3, 12, "config.wrong_type") +
                       ": key 'timezone' must be a string, found an integer"));
  CHECK(has(diags, tree.at("labelflowd.toml", 5, 9, "config.bad_value")));
  CHECK(has(diags, tree.at("labelflowd.toml", 6, 1, "config.unknown_key") +
                       ": unknown key 'fromat' in [log]; did you mean 'format'?"));
  CHECK(has(diags, tree.at("labelflowd.toml", 8, 11, "config.bad_value")));
  CHECK(diags.error_count() == 5);
}

TEST_CASE("config: missing required key is reported at the table", "[config]") {
  ConfigTree tree = tree_with_daemon("listen = \"127.0.0.1:1\"\n");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, tree.at("labelflowd.toml", 1, 1, "config.missing_key") +
                       ": missing required key 'state'"));
}

TEST_CASE("config: listen accepts host:port and [v6]:port only", "[config]") {
  std::string host;
  std::uint16_t port = 0;
  CHECK(parse_listen("127.0.0.1:0", host, port));
  CHECK(port == 0);
  CHECK(parse_listen("[::1]:8080", host, port));
  CHECK(host == "::1");
  CHECK_FALSE(parse_listen("::1:8080", host, port));
  CHECK_FALSE(parse_listen("localhost", host, port));
  CHECK_FALSE(parse_listen("h:70000", host, port));
  CHECK_FALSE(parse_listen(":80", host, port));

  ConfigTree tree = tree_with_daemon("state = \"s.db\"\nlisten = \"nope\"\n");
  Diagnostics diags;
  tree.load(diags);
  CHECK(has(diags, tree.at("labelflowd.toml", 2, 10, "config.bad_value")));
}

TEST_CASE("config: TOML syntax errors carry the parser's position", "[config]") {
  ConfigTree tree = tree_with_daemon("state = \"s.db\"\nlisten = \n");
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].id == "config.parse");
  CHECK(diags.all()[0].where.line == 2);
}

TEST_CASE("config: a missing daemon file is config.io and nothing else", "[config]") {
  ConfigTree tree;
  Diagnostics diags;
  tree.load(diags);
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].id == "config.io");
}

TEST_CASE("config: admin token comes from env or file, never from the TOML", "[config]") {
  SECTION("env") {
    setenv("LF_TEST_ADMIN", "s3cret-admin", 1);
    ConfigTree tree =
        tree_with_daemon("admin_token_env = \"LF_TEST_ADMIN\"\n" + std::string(test::kDaemon));
    Diagnostics diags;
    Config config = tree.load(diags);
    INFO(dump(diags));
    CHECK(diags.error_count() == 0);
    REQUIRE(config.daemon.admin_token.has_value());
    CHECK(config.daemon.admin_token.reveal() == "s3cret-admin");
    CHECK(config.daemon.admin_token.describe() == "env LF_TEST_ADMIN");
  }
  SECTION("file, trimmed, path relative to the config") {
    ConfigTree tree =
        tree_with_daemon("admin_token_file = \"secrets/admin\"\n" + std::string(test::kDaemon));
    tree.write("secrets/admin", "file-admin-token\n");
    Diagnostics diags;
    Config config = tree.load(diags);
    INFO(dump(diags));
    CHECK(diags.error_count() == 0);
    CHECK(config.daemon.admin_token.reveal() == "file-admin-token");
    CHECK(config.daemon.admin_token.describe().find("file-admin-token") == std::string::npos);
  }
  SECTION("literal refused") {
    ConfigTree tree = tree_with_daemon("admin_token = \"literal\"\n" + std::string(test::kDaemon));
    Diagnostics diags;
    Config config = tree.load(diags);
    CHECK(has(diags, tree.at("labelflowd.toml", 1, 1, "config.secret_literal")));
    CHECK_FALSE(config.daemon.admin_token.has_value());
    CHECK(dump(diags).find("literal\"") == std::string::npos);
  }
  SECTION("both sources refused") {
    ConfigTree tree = tree_with_daemon("admin_token_env = \"X\"\nadmin_token_file = \"f\"\n" +
                                       std::string(test::kDaemon));
    Diagnostics diags;
    tree.load(diags);
    CHECK(has(diags, tree.at("labelflowd.toml", 2, 1, "config.conflicting_keys")));
  }
  SECTION("missing or empty file is an error, unset env a warning") {
    unsetenv("LF_TEST_UNSET");
    ConfigTree tree =
        tree_with_daemon("admin_token_file = \"nothing\"\n" + std::string(test::kDaemon));
    Diagnostics diags;
    tree.load(diags);
    CHECK(has(diags, tree.at("labelflowd.toml", 1, 20, "config.secret_unreadable")));

    ConfigTree tree2 =
        tree_with_daemon("admin_token_env = \"LF_TEST_UNSET\"\n" + std::string(test::kDaemon));
    Diagnostics diags2;
    tree2.load(diags2);
    CHECK(diags2.error_count() == 0);
    CHECK(diags2.warning_count() == 1);
    CHECK(diags2.contains("config.secret_unset"));
    const std::string where = (tree2.root() / "labelflowd.toml").string() + ":1:19: warning ";
    CHECK(diags2.all().at(0).to_string().rfind(where + "config.secret_unset", 0) == 0);
  }
}

TEST_CASE("config: a missing projects directory and plugin directory are reported", "[config]") {
  ConfigTree tree = tree_with_daemon("projects_dir = \"nope\"\nplugin_dirs = [\"gone\"]\n" +
                                     std::string(test::kDaemon));
  Diagnostics diags;
  tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, tree.at("labelflowd.toml", 0, 0, "config.io")));
  CHECK(has(diags, tree.at("labelflowd.toml", 2, 16, "config.bad_value")));
}

TEST_CASE("config: [http] trusted_proxies takes address literals and names a bad one", "[config]") {
  ConfigTree tree = tree_with_daemon(R"(state = "s.db"
[http]
trusted_proxies = ["127.0.0.1", "::1", "nginx.local"]
)");
  Diagnostics diags;
  Config config = tree.load(diags);
  INFO(dump(diags));
  CHECK(has(diags, tree.at("labelflowd.toml", 3, 40, "config.bad_value") +
                       ": [http] trusted_proxies: 'nginx.local' is not an IP address (write the "
                       "proxy's address, e.g. \"127.0.0.1\")"));
  CHECK(diags.error_count() == 1);
  CHECK(config.daemon.http.trusted_proxies.size() == 3);
}
