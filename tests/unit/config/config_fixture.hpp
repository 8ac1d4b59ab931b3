// A throwaway config tree on disk: tests write the daemon file, the reviewers file and
// projects into a fresh temporary directory and load it as labelflowd would.
#pragma once

#include <filesystem>
#include <string>

#include "config/config.hpp"

namespace labelflow::config::test {

// Six reviewers: ann/bob primary, cat/dan qa, eve primary+qa expert in technical, fay primary
// expert in financial. Tokens come from LF_TEST_TOKEN_<ID> which the fixture sets.
extern const char* const kReviewers;
// A daemon file with storage `local` and the default layout.
extern const char* const kDaemon;
// A minimal valid project `p` with one classification label.
extern const char* const kProject;

class ConfigTree {
 public:
  ConfigTree();
  ~ConfigTree();
  ConfigTree(const ConfigTree&) = delete;
  ConfigTree& operator=(const ConfigTree&) = delete;
  ConfigTree(ConfigTree&& other) noexcept : root_(std::move(other.root_)) { other.root_.clear(); }
  ConfigTree& operator=(ConfigTree&&) = delete;

  // Writes `content` to `relative` (creating directories) and returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& content) const;
  const std::filesystem::path& root() const noexcept { return root_; }
  // Loads root()/labelflowd.toml.
  Config load(Diagnostics& diags) const;
  // "<root>/relative:line:col: error id" for matching against Diagnostic::to_string().
  std::string at(const std::string& relative, int line, int col, const std::string& id) const;

 private:
  std::filesystem::path root_;
};

// True when some diagnostic's text starts with `prefix`.
bool has(const Diagnostics& diags, const std::string& prefix);
// Every diagnostic, one a line, for failure messages.
std::string dump(const Diagnostics& diags);

}  // namespace labelflow::config::test
