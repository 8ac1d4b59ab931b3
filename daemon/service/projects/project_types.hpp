// What the project administration use cases answer: reload and pause/resume.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace labelflow::service {

struct ReloadResult {
  std::size_t projects = 0;
  std::vector<std::string> added_projects;
  std::size_t reviewers = 0;
  std::size_t credentials = 0;  // bearer tokens now accepted (admin and reviewers)
};

struct PauseState {
  std::string project;
  bool paused = false;
};

}  // namespace labelflow::service
