// Online backup of the state database to a storage instance (DESIGN section 5, `labelflow
// backup`). The store writes a consistent copy to a temporary file while the daemon keeps
// serving; the copy is then put to the storage instance under a key and the file removed.
//
// Memory: GuardedStorage::put takes the whole object, so the copy is read into memory once
// (about the database's size) for the duration of the put.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "plugin_host/guarded.hpp"
#include "store/state_store.hpp"

namespace labelflow::backup {

struct BackupResult {
  std::string key;
  std::uint64_t bytes = 0;
};

// Why a backup failed: the key was refused before anything ran (bad_key), the store could not
// make the copy (store), or the storage instance did not take it (storage).
class BackupError : public std::runtime_error {
 public:
  enum class Kind { bad_key, store, storage };
  BackupError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const noexcept { return kind_; }

 private:
  Kind kind_;
};

// "backups/labelflow-20261126T110500Z.db" (UTC, second resolution).
std::string default_key(std::chrono::system_clock::time_point now);

// Copies `store` into a temporary file under `tmp_dir` (which must have room for the copy),
// puts it to `storage` under `key` ("" = default_key(now)), removes the temporary file.
// `storage_name` only names the instance in error messages. Throws BackupError.
BackupResult run_backup(store::StateStore& store, const plugin_host::GuardedStorage& storage,
                        const std::string& storage_name, std::string key,
                        const std::filesystem::path& tmp_dir);

}  // namespace labelflow::backup
