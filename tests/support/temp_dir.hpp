// A scratch directory for tests, shared by every suite (tests/support is on their include path).
#pragma once

#include <filesystem>
#include <random>
#include <string>

namespace labelflow::testing {

// A fresh directory under the system temp dir, removed at scope exit.
struct TempDir {
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("labelflow-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
  std::filesystem::path path;
};

}  // namespace labelflow::testing
