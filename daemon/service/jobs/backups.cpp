#include "service/jobs/backups.hpp"

#include <spdlog/spdlog.h>

#include "backup/backup.hpp"

namespace labelflow::service {

Result<BackupResult> run_backup(Context& ctx, const BackupRequest& request,
                                const std::filesystem::path& dir) {
  auto storage = ctx.storage(request.storage);
  if (!storage) {
    return Error{ErrorCode::validation_failed,
                 "no storage instance '" + request.storage + "' in the configuration",
                 {{"/storage", "not a configured [storage.NAME] instance"}}};
  }
  std::error_code ec;
  const auto temp = dir.empty() ? std::filesystem::temp_directory_path(ec) : dir;
  try {
    auto result = backup::run_backup(ctx.store, *storage, request.storage, request.key, temp);
    spdlog::info("backup: {} byte(s) of the state database to storage '{}' key '{}'",
                 result.bytes, request.storage, result.key);
    return BackupResult{request.storage, result.key, result.bytes};
  } catch (const backup::BackupError& e) {
    if (e.kind() == backup::BackupError::Kind::bad_key) {
      return Error{ErrorCode::validation_failed, e.what(), {{"/key", e.what()}}};
    }
    spdlog::error("backup to storage '{}' failed: {}", request.storage, e.what());
    return Error{ErrorCode::unavailable, std::string("backup failed: ") + e.what()};
  }
}

}  // namespace labelflow::service
