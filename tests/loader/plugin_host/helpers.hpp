// Shared helpers of the loader tests: where the test plugins are, and scratch directories.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "plugin_host/registry.hpp"

namespace loader_test {

inline const std::filesystem::path kPluginDir = LABELFLOW_TEST_PLUGIN_DIR;
inline const std::filesystem::path kOutsideDir = LABELFLOW_TEST_OUTSIDE_DIR;

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The error for the file named `file_name`, or null.
const labelflow::plugin_host::LoadError* error_for(
    const std::vector<labelflow::plugin_host::LoadError>& errors, const std::string& file_name);

// Writes `bytes` to `path`.
void write_file(const std::filesystem::path& path, const std::string& bytes);
std::string read_file(const std::filesystem::path& path);

// Every error as its to_string() line, one per line: for failure messages.
std::string describe(const std::vector<labelflow::plugin_host::LoadError>& errors);

}  // namespace loader_test
