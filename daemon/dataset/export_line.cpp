#include "dataset/export_line.hpp"

#include "dataset/json_text.hpp"
#include "dataset/timestamps.hpp"

#include <boost/json/serialize.hpp>

namespace labelflow::dataset {

namespace json = boost::json;

namespace {

json::value optional_string(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::object review_json(const ReviewRecord& r) {
  json::object status;
  for (const auto& [label, state] : r.label_status) status[label] = state;
  return {{"reviewer", r.reviewer},
          {"role", r.role},
          {"stage", r.stage},
          {"expert", r.expert},
          {"best_effort", r.best_effort},
          {"labels", r.labels},
          {"label_status", std::move(status)},
          {"claimed_at", r.claimed_at ? json::value(iso_utc(*r.claimed_at)) : json::value()},
          {"submitted_at", iso_utc(r.submitted_at)},
          {"active_seconds", r.active_seconds},
          {"comment", r.comment}};
}

}  // namespace

json::object export_object(const ExportRecord& record) {
  json::array reviews;
  for (const auto& r : record.reviews) reviews.push_back(review_json(r));
  json::object agreement;
  for (const auto& [label, score] : record.agreement) agreement[label] = score;
  json::object plugins;
  for (const auto& [name, version] : record.provenance.plugin_versions) plugins[name] = version;
  return {{"project", record.project},
          {"row", core::to_json(record.row)},
          {"final_labels", record.final_labels},
          {"reviews", std::move(reviews)},
          {"agreement", std::move(agreement)},
          {"decision",
           {{"adjudicator", optional_string(record.decision.adjudicator)},
            {"escalated", record.decision.escalated},
            {"escalation_reviewer", optional_string(record.decision.escalation_reviewer)}}},
          {"provenance",
           {{"labelflow_version", record.provenance.labelflow_version},
            {"plugin_versions", std::move(plugins)},
            {"project_config_hash", record.provenance.project_config_hash}}},
          {"finalized_at", iso_utc(record.finalized_at)}};
}

std::string export_line(const ExportRecord& record) {
  std::string out = to_json_text(export_object(record));
  out += '\n';
  return out;
}

}  // namespace labelflow::dataset
