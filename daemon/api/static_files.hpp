// Serves the reviewer UI's static files from one directory (the web root).
// Refuses any path that could leave the root: ".." or "." segments, backslashes, NUL bytes and
// malformed escapes (400), and files that resolve outside the root through symlinks (404).
#pragma once

#include <filesystem>
#include <string_view>

#include "api/http_types.hpp"

namespace labelflow::api {

class StaticFiles {
 public:
  // `root` need not exist yet; a missing root serves 404 for everything.
  explicit StaticFiles(std::filesystem::path root);

  // The response for GET of `raw_path` (percent-encoded, no query). "/" and directories serve
  // their index.html. Reads the file: call it off the io threads.
  Response serve(std::string_view raw_path) const;

  const std::filesystem::path& root() const { return root_; }

  static constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

 private:
  std::filesystem::path root_;
};

// The Content-Type for a file name by extension ("application/octet-stream" when unknown).
std::string_view content_type_for(std::string_view filename);

}  // namespace labelflow::api
