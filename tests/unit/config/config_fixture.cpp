#include "config_fixture.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace labelflow::config::test {

const char* const kReviewers = R"([[reviewers]]
id = "ann"
roles = ["primary"]
token_env = "LF_TEST_TOKEN_ANN"

[[reviewers]]
id = "bob"
roles = ["primary"]
token_env = "LF_TEST_TOKEN_BOB"

[[reviewers]]
id = "cat"
roles = ["qa"]
token_env = "LF_TEST_TOKEN_CAT"

[[reviewers]]
id = "dan"
roles = ["qa"]
token_env = "LF_TEST_TOKEN_DAN"

[[reviewers]]
id = "eve"
roles = ["primary", "qa"]
expertise = ["technical"]
token_env = "LF_TEST_TOKEN_EVE"

[[reviewers]]
id = "fay"
roles = ["primary"]
expertise = ["financial"]
token_env = "LF_TEST_TOKEN_FAY"
)";

const char* const kDaemon = R"(state = "var/state.db"
[storage.local]
type = "local"
root = "data"
)";

const char* const kProject = R"(id = "p"
[[labels]]
name = "intent"
type = "classification"
classes = ["a", "b"]
)";

ConfigTree::ConfigTree() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "labelflow-config-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  root_ = pattern;
  for (const char* id : {"ANN", "BOB", "CAT", "DAN", "EVE", "FAY"}) {
    std::string name = std::string("LF_TEST_TOKEN_") + id;
    setenv(name.c_str(), (std::string("token-of-") + id).c_str(), 1);
  }
  std::filesystem::create_directories(root_ / "projects");
}

ConfigTree::~ConfigTree() {
  if (root_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(root_, ec);
}

std::filesystem::path ConfigTree::write(const std::string& relative,
                                        const std::string& content) const {
  std::filesystem::path path = root_ / relative;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

Config ConfigTree::load(Diagnostics& diags) const {
  return load_config(root_ / "labelflowd.toml", diags);
}

std::string ConfigTree::at(const std::string& relative, int line, int col,
                           const std::string& id) const {
  return (root_ / relative).lexically_normal().string() + ":" + std::to_string(line) + ":" +
         std::to_string(col) + ": error " + id;
}

bool has(const Diagnostics& diags, const std::string& prefix) {
  for (const auto& d : diags.all()) {
    if (d.to_string().rfind(prefix, 0) == 0) return true;
  }
  return false;
}

std::string dump(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.all()) out += d.to_string() + "\n";
  return out;
}

}  // namespace labelflow::config::test
