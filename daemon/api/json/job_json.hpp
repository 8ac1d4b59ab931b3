// The admin endpoints' answers as JSON: import and export records, backups, reload, pause.
#pragma once

#include <boost/json/object.hpp>

#include "service/jobs/job_types.hpp"
#include "service/projects/project_types.hpp"

namespace labelflow::api {

boost::json::object import_json(const service::ImportStatus& status);
boost::json::object export_json(const service::ExportStatus& status);
boost::json::object backup_json(const service::BackupResult& result);
boost::json::object reload_json(const service::ReloadResult& result);
boost::json::object pause_json(const service::PauseState& state);

}  // namespace labelflow::api
