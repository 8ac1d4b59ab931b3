#include "backup/backup.hpp"

#include <atomic>
#include <ctime>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unistd.h>

namespace labelflow::backup {
namespace {

constexpr std::size_t kMaxKeyBytes = 1024;

// Removes the temporary copy on every path out of run_backup.
struct TempFile {
  std::filesystem::path path;
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    std::filesystem::remove(path.string() + "-journal", ec);
  }
};

std::filesystem::path temp_path(const std::filesystem::path& dir) {
  static std::atomic<std::uint64_t> counter{0};
  return dir / ("labelflow-backup-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter.fetch_add(1)) + ".db.tmp");
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BackupError(BackupError::Kind::store, path.string() + ": cannot read the copy");
  std::ostringstream data;
  data << in.rdbuf();
  if (!in && !in.eof()) {
    throw BackupError(BackupError::Kind::store, path.string() + ": cannot read the copy");
  }
  return std::move(data).str();
}

}  // namespace

std::string default_key(std::chrono::system_clock::time_point now) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  return std::string("backups/labelflow-") + stamp + ".db";
}

BackupResult run_backup(store::StateStore& store, const plugin_host::GuardedStorage& storage,
                        const std::string& storage_name, std::string key,
                        const std::filesystem::path& tmp_dir) {
  if (key.empty()) key = default_key(std::chrono::system_clock::now());
  if (key.size() > kMaxKeyBytes || key.front() == '/' || key.back() == '/') {
    throw BackupError(BackupError::Kind::bad_key,
                      "key '" + key + "' must be at most 1024 bytes and not start or end with '/'");
  }
  TempFile copy{temp_path(tmp_dir)};
  try {
    store.backup_to(copy.path.string());
  } catch (const store::StoreError& e) {
    throw BackupError(BackupError::Kind::store, e.what());
  }
  const std::string data = read_file(copy.path);
  const sdk::Status put = storage.put(key, data);
  if (!put) {
    throw BackupError(BackupError::Kind::storage,
                      "storage '" + storage_name + "' did not take '" + key + "': " +
                          put.to_string());
  }
  return {std::move(key), data.size()};
}

}  // namespace labelflow::backup
