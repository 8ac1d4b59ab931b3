// LocalStorage: the `local` storage backend. Each object is one file under `root`, its key the
// file's path relative to the root.
//
// Options: `root` (required, an absolute path; the daemon's config layer resolves relative
// paths before they get here; created by the first put) and `fsync` (default true: put()
// survives a power cut once it returns ok).
//
// put() writes a temporary file (name starting with kTempPrefix) in the object's directory,
// fsyncs it, renames it over the key and fsyncs the directory: readers see the old or the new
// object, never part of one, and a crash leaves at most an ignored temporary file.
// Thread-safe: all methods may run concurrently.
#pragma once

#include <labelflow/sdk/storage.hpp>

#include <filesystem>

namespace labelflow::storage_local {

class LocalStorage final : public sdk::Storage {
 public:
  std::vector<sdk::ConfigError> configure(const boost::json::object& options) override;
  sdk::Status get(std::string_view key, sdk::ByteSink& sink) override;
  sdk::Status put(std::string_view key, std::string_view data) override;
  // Ordered by key bytes; the page token is the last key of the previous page.
  sdk::Result<sdk::ListPage> list(std::string_view prefix, std::string_view page_token,
                                  std::size_t max_keys) override;
  sdk::Status remove(std::string_view key) override;

 private:
  std::filesystem::path path_of(std::string_view key) const;

  std::filesystem::path root_;
  bool fsync_ = true;
};

// Status for a failed system call on `what` (errno mapped to a Code).
sdk::Status errno_status(int error, std::string_view action, const std::filesystem::path& what);

}  // namespace labelflow::storage_local
