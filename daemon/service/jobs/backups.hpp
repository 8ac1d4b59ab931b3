// Backups: an online copy of the state database put to a configured storage instance
// (daemon/backup does the work; this maps its outcome to the service's errors).
#pragma once

#include <filesystem>

#include "service/jobs/job_types.hpp"
#include "service/result.hpp"
#include "service/runtime/context.hpp"

namespace labelflow::service {

// `dir`: where the temporary copy is made (room for one database copy); empty = the system
// temp directory.
Result<BackupResult> run_backup(Context& ctx, const BackupRequest& request,
                                const std::filesystem::path& dir);

}  // namespace labelflow::service
