// `labelflow report`: weekly hours and cost per reviewer (GET /v1/reports/weekly); --csv prints
// the server's CSV for payroll as it came.
#include <cctype>

#include "cli/client_command.hpp"
#include "cli/command.hpp"
#include "cli/table.hpp"

namespace labelflow::cli {

const std::string_view kReportUsage =
    "usage: labelflow report [--week 2026-W48] [--project PROJECT] [--csv]\n\n"
    "Per reviewer and ISO week: rows, hours, cost, agreement with the final labels and whether\n"
    "the weekly minimum was met (admin token).\n"
    "  --week     the ISO week (default: the current week)\n"
    "  --project  one project (default: all)\n"
    "  --csv      print CSV for payroll instead of a table";

namespace {

// "YYYY-Www" with week 01..53; the server decides whether a year has a week 53.
bool iso_week_shape(const std::string& w) {
  if (w.size() != 8 || w[4] != '-' || w[5] != 'W') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 6u, 7u}) {
    if (!std::isdigit(static_cast<unsigned char>(w[i]))) return false;
  }
  const int week = (w[6] - '0') * 10 + (w[7] - '0');
  return week >= 1 && week <= 53;
}

}  // namespace

int run_report(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ClientCommand cmd("report", kReportUsage, out, err, {"--week", "--project"}, {"--csv"}, 0, 0);
  if (auto stop = cmd.parse(args)) return *stop;
  if (cmd.args().has("--csv") && cmd.json())
    return cmd.usage_error("give --csv or --json, not both");
  std::string query;
  auto add = [&](const char* name, const std::string& value) {
    query += (query.empty() ? "?" : "&") + std::string(name) + "=" + encode_component(value);
  };
  if (auto week = cmd.args().value("--week")) {
    if (!iso_week_shape(*week)) {
      return cmd.usage_error("--week must be an ISO week like 2026-W48 (got '" + *week + "')");
    }
    add("week", *week);
  }
  if (auto project = cmd.args().value("--project")) {
    if (project->empty()) return cmd.usage_error("--project needs a non-empty value");
    add("project", *project);
  }
  if (cmd.args().has("--csv")) add("format", "csv");
  auto reply = cmd.call("GET", "/v1/reports/weekly" + query);
  if (!reply.ok()) return reply.exit;
  if (cmd.args().has("--csv")) {
    out << reply.response.body;
    if (!reply.response.body.empty() && reply.response.body.back() != '\n') out << "\n";
    return kExitOk;
  }
  if (cmd.print_raw_if_json(reply)) return kExitOk;
  auto value = cmd.parse_body(reply);
  if (!value) return kExitServer;
  const std::string project = cell(*value, "project");
  out << "week " << cell(*value, "week") << ", "
      << (project == "-" ? std::string("all projects") : "project " + project) << "\n";
  const auto* rows = value->is_object() ? value->as_object().if_contains("reviewers") : nullptr;
  if (!rows || !rows->is_array() || rows->as_array().empty()) {
    out << "no reviews this week\n";
    return kExitOk;
  }
  Table table({"REVIEWER", "WEEK", "ROWS", "HOURS", "COST", "AGREEMENT", "MINIMUM MET"});
  for (const auto& r : rows->as_array()) {
    table.add({cell(r, "reviewer"), cell(r, "week"), cell(r, "rows"), fixed_cell(r, "hours", 2),
               fixed_cell(r, "cost", 2), fixed_cell(r, "agreement", 3), cell(r, "minimum_met")});
  }
  table.print(out);
  return kExitOk;
}

}  // namespace labelflow::cli
