// The project endpoints' and the reviewer's own answers as JSON (docs/api.md).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>

#include "service/queries/query_types.hpp"

namespace labelflow::api {

boost::json::array projects_json(const std::vector<service::ProjectSummary>& projects);
boost::json::object progress_json(const service::Progress& progress);
boost::json::object agreement_json(const service::Agreement& agreement);
boost::json::array members_json(const std::vector<service::MemberSummary>& members);
boost::json::object row_json(const service::RowDetails& row);
boost::json::object me_json(const service::Me& me);
boost::json::object weekly_report_json(const service::WeeklyReport& report);
// CSV for payroll: reviewer,week,rows,hours,cost,agreement,minimum_met
std::string weekly_report_csv(const service::WeeklyReport& report);

}  // namespace labelflow::api
