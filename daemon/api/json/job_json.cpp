#include "api/json/job_json.hpp"

#include "api/json/time_text.hpp"

namespace labelflow::api {

namespace json = boost::json;

json::object import_json(const service::ImportStatus& s) {
  json::array errors;
  for (const auto& e : s.errors) {
    errors.push_back(json::object{{"key", e.key}, {"line", e.line}, {"reason", e.reason}});
  }
  json::object source{{"storage", s.storage}, {"format", s.format}};
  if (!s.key.empty()) {
    source["key"] = s.key;
  } else {
    source["prefix"] = s.prefix;
  }
  const auto& c = s.counts;
  return {{"id", s.id},
          {"project", s.project},
          {"state", service::to_string(s.state)},
          {"message", s.message},
          {"created_at", iso_time(s.created_at)},
          {"finished_at", s.finished_at ? json::value(iso_time(s.finished_at)) : json::value()},
          {"source", std::move(source)},
          {"imported", c.inserted},  // docs/api.md's names; `counts` has all four
          {"unchanged", c.unchanged},
          {"rejected", c.rejected + c.duplicate_id},
          {"counts", json::object{{"inserted", c.inserted},
                                  {"unchanged", c.unchanged},
                                  {"duplicate_id", c.duplicate_id},
                                  {"rejected", c.rejected}}},
          {"errors", std::move(errors)},
          {"errors_truncated", s.errors_truncated}};
}

json::object export_json(const service::ExportStatus& s) {
  return {{"id", s.id},
          {"project", s.project},
          {"state", service::to_string(s.state)},
          {"created_at", iso_time(s.created_at)},
          {"rows", s.rows},
          {"location", s.location}};
}

json::object backup_json(const service::BackupResult& r) {
  return {{"storage", r.storage}, {"key", r.key}, {"bytes", r.bytes}};
}

json::object reload_json(const service::ReloadResult& r) {
  json::array added;
  for (const auto& id : r.added_projects) added.emplace_back(id);
  return {{"reloaded", true},
          {"projects", r.projects},
          {"added_projects", std::move(added)},
          {"reviewers", r.reviewers},
          {"tokens", r.credentials}};
}

json::object pause_json(const service::PauseState& s) {
  return {{"project", s.project}, {"paused", s.paused}};
}

}  // namespace labelflow::api
