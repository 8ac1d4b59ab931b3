#include "config/config.hpp"

#include <algorithm>

namespace labelflow::config {
namespace {

std::vector<std::filesystem::path> project_files(const DaemonConfig& daemon, Diagnostics& diags) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (!std::filesystem::is_directory(daemon.projects_dir, ec)) {
    diags.error({daemon.file, 0, 0}, error_id::kIo,
                "projects directory " + daemon.projects_dir.string() +
                    " does not exist or is not a directory (key 'projects_dir')");
    return files;
  }
  for (const auto& entry : std::filesystem::directory_iterator(daemon.projects_dir, ec)) {
    if (entry.path().extension() == ".toml" && entry.is_regular_file(ec)) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void check_shared_tokens(const Config& config, Diagnostics& diags) {
  const auto& list = config.reviewers.reviewers;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].token.has_value()) continue;
    if (config.daemon.admin_token.has_value() &&
        list[i].token.reveal() == config.daemon.admin_token.reveal()) {
      diags.error(list[i].where, error_id::kDuplicate,
                  "reviewer '" + list[i].id +
                      "' has the same token as the admin; every "
                      "reviewer and the admin need their own");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (list[j].token.has_value() && list[j].token.reveal() == list[i].token.reveal()) {
        diags.error(list[i].where, error_id::kDuplicate,
                    "reviewers '" + list[j].id + "' and '" + list[i].id +
                        "' have the same token; every reviewer needs their own");
      }
    }
  }
}

}  // namespace

const Project* Config::find_project(std::string_view id) const {
  for (const auto& p : projects) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

Config load_config(const std::filesystem::path& daemon_file, Diagnostics& diags) {
  Config config;
  config.daemon = load_daemon_config(daemon_file, diags);
  // Without the daemon file the other files' locations are unknown: guessing them would only
  // add errors that hide the real one.
  if (!config.daemon.parsed) return config;
  config.reviewers = load_reviewers(config.daemon.reviewers_file, diags);
  for (const auto& file : project_files(config.daemon, diags)) {
    Project project = load_project(file, config.daemon, config.reviewers, diags);
    if (const Project* earlier = config.find_project(project.id); earlier && !project.id.empty()) {
      diags.error(project.id_where, error_id::kDuplicate,
                  "project id '" + project.id + "' is already used by " + earlier->file.string());
      continue;
    }
    config.projects.push_back(std::move(project));
  }
  check_shared_tokens(config, diags);
  return config;
}

}  // namespace labelflow::config
