// The whole configuration: the daemon file, the reviewers file it names and every project file
// in its projects directory, loaded in one pass that reports every problem of every file.
#pragma once

#include <filesystem>
#include <vector>

#include "config/daemon_config.hpp"
#include "config/diagnostics.hpp"
#include "config/project.hpp"
#include "config/reviewers.hpp"

namespace labelflow::config {

struct Config {
  DaemonConfig daemon;
  ReviewerSet reviewers;
  std::vector<Project> projects;  // sorted by file name

  const Project* find_project(std::string_view id) const;
};

// Loads `daemon_file`, then its reviewers file, then every `*.toml` directly inside its
// projects directory (sorted by name). Also checks what spans files: project ids unique, no two
// reviewers (or a reviewer and the admin) sharing a token. Never throws for bad input; every
// problem is in `diags` and the result holds whatever could be read.
Config load_config(const std::filesystem::path& daemon_file, Diagnostics& diags);

}  // namespace labelflow::config
