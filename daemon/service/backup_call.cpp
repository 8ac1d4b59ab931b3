// POST /v1/admin/backups: an online copy of the state database put to a storage instance
// (daemon/backup does the work; this maps its outcome to the API's errors).
#include <spdlog/spdlog.h>

#include <boost/json/value.hpp>
#include <filesystem>

#include "backup/backup.hpp"
#include "service/service.hpp"

namespace labelflow::service {

api::Result<api::Json> Service::create_backup(const api::Principal&,
                                              const api::BackupRequest& request) {
  auto storage = ctx_.storage(request.storage);
  if (!storage) {
    return api::ApiError{api::ErrorCode::validation_failed,
                         "no storage instance '" + request.storage + "' in the configuration",
                         {{"/storage", "not a configured [storage.NAME] instance"}},
                         0};
  }
  std::error_code ec;
  const auto dir = options_.backup_dir.empty() ? std::filesystem::temp_directory_path(ec)
                                               : options_.backup_dir;
  try {
    auto result = backup::run_backup(ctx_.store, *storage, request.storage, request.key, dir);
    spdlog::info("backup: {} byte(s) of the state database to storage '{}' key '{}'",
                 result.bytes, request.storage, result.key);
    return api::Json(boost::json::object{
        {"storage", request.storage}, {"key", result.key}, {"bytes", result.bytes}});
  } catch (const backup::BackupError& e) {
    if (e.kind() == backup::BackupError::Kind::bad_key) {
      return api::ApiError{api::ErrorCode::validation_failed, e.what(), {{"/key", e.what()}}, 0};
    }
    spdlog::error("backup to storage '{}' failed: {}", request.storage, e.what());
    return api::ApiError{api::ErrorCode::unavailable, std::string("backup failed: ") + e.what(),
                         {}, 0};
  }
}

}  // namespace labelflow::service
