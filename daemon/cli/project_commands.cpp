// Project commands: status, rows, project pause|resume (docs/api.md, project and admin
// endpoints).
#include "cli/client_command.hpp"
#include "cli/command.hpp"
#include "cli/table.hpp"

namespace labelflow::cli {

const std::string_view kStatusUsage =
    "usage: labelflow status [PROJECT]\n\n"
    "Without PROJECT: one line per project you can see (GET /v1/projects).\n"
    "With PROJECT: its progress per stage, finalized rows, hours and the hours left (GET\n"
    "/v1/projects/PROJECT/progress).";
const std::string_view kRowsUsage =
    "usage: labelflow rows PROJECT ROW\n\n"
    "Prints one row's state, its reviews and the final decision (reviewers see only their own\n"
    "reviews until the row is final).";
const std::string_view kProjectUsage =
    "usage: labelflow project pause|resume PROJECT\n\n"
    "Stops or restarts handing out PROJECT's tasks (admin token).";

namespace {

std::string project_target(const std::string& project) {
  return "/v1/projects/" + encode_component(project);
}

const boost::json::value& member(const boost::json::value& v, std::string_view key) {
  static const boost::json::value kNone;
  if (!v.is_object()) return kNone;
  const auto* m = v.as_object().if_contains(key);
  return m ? *m : kNone;
}

int print_progress(ClientCommand& cmd, const boost::json::value& p) {
  auto& out = cmd.out();
  print_fields(out, {{"project", cell(p, "project")},
                     {"paused", cell(p, "paused")},
                     {"rows", cell(p, "rows")},
                     {"finalized", cell(p, "finalized")},
                     {"open", cell(p, "open")},
                     {"leased", cell(p, "leased")},
                     {"set aside", cell(p, "set_aside")},
                     {"escalated", cell(p, "escalated")},
                     {"reviews", cell(p, "reviews")},
                     {"hours", fixed_cell(p, "hours", 2)},
                     {"hours left (estimate)", fixed_cell(p, "hours_left_estimate", 1)}});
  const auto& stages = member(p, "stages");
  if (stages.is_array() && !stages.as_array().empty()) {
    out << "\n";
    Table table({"STAGE", "OPEN", "LEASED", "DONE"});
    for (const auto& s : stages.as_array()) {
      table.add({cell(s, "name"), cell(s, "open"), cell(s, "leased"), cell(s, "done")});
    }
    table.print(out);
  }
  return kExitOk;
}

}  // namespace

int run_status(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ClientCommand cmd("status", kStatusUsage, out, err, {}, {}, 0, 1);
  if (auto stop = cmd.parse(args)) return *stop;
  const bool one = cmd.positional_count() == 1;
  auto reply = cmd.call(
      "GET", one ? project_target(cmd.positional(0)) + "/progress" : std::string("/v1/projects"));
  if (!reply.ok()) return reply.exit;
  if (cmd.print_raw_if_json(reply)) return kExitOk;
  auto value = cmd.parse_body(reply);
  if (!value) return kExitServer;
  if (one) return print_progress(cmd, *value);
  if (!value->is_array()) {
    err << "labelflow status: expected a JSON array of projects from GET /v1/projects\n";
    return kExitServer;
  }
  if (value->as_array().empty()) {
    out << "no projects\n";
    return kExitOk;
  }
  Table table({"PROJECT", "PAUSED", "ROWS", "FINALIZED", "OPEN", "SET ASIDE"});
  for (const auto& p : value->as_array()) {
    table.add({cell(p, "id"), cell(p, "paused"), cell(p, "rows"), cell(p, "finalized"),
               cell(p, "open"), cell(p, "set_aside")});
  }
  table.print(out);
  return kExitOk;
}

int run_rows(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ClientCommand cmd("rows", kRowsUsage, out, err, {}, {}, 2, 2);
  if (auto stop = cmd.parse(args)) return *stop;
  auto reply = cmd.call(
      "GET", project_target(cmd.positional(0)) + "/rows/" + encode_component(cmd.positional(1)));
  if (!reply.ok()) return reply.exit;
  if (cmd.print_raw_if_json(reply)) return kExitOk;
  auto value = cmd.parse_body(reply);
  if (!value) return kExitServer;
  const auto& row = member(*value, "row");
  const auto& state = member(*value, "state");
  Fields fields{{"row", cell(row, "id")},
                {"status", cell(state, "status")},
                {"stage", cell(state, "stage")},
                {"reviews needed", cell(state, "needed")},
                {"agreement", cell(state, "agreement")}};
  for (const char* part : {"query", "response"}) {
    const std::string text = cell(row, part);
    if (text != "-" && !text.empty()) fields.emplace_back(part, excerpt(text, 100));
  }
  print_fields(out, fields);
  const auto& reviews = member(*value, "reviews");
  out << "\n";
  if (!reviews.is_array() || reviews.as_array().empty()) {
    out << "no reviews\n";
  } else {
    Table table({"TASK", "REVIEWER", "STAGE", "SUBMITTED", "SECONDS", "LABELS"});
    for (const auto& r : reviews.as_array()) {
      table.add({cell(r, "task"), cell(r, "reviewer"), cell(r, "stage"), cell(r, "submitted_at"),
                 cell(r, "active_seconds"), excerpt(cell(r, "labels"), 60)});
    }
    table.print(out);
  }
  const auto& decision = member(*value, "decision");
  if (decision.is_object()) {
    out << "\n";
    print_fields(out, {{"final labels", excerpt(cell(decision, "final_labels"), 100)},
                       {"adjudicator", cell(decision, "adjudicator")},
                       {"escalated", cell(decision, "escalated")},
                       {"decided at", cell(decision, "decided_at")}});
  }
  return kExitOk;
}

int run_project(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ClientCommand cmd("project", kProjectUsage, out, err, {}, {}, 2, 2);
  if (auto stop = cmd.parse(args)) return *stop;
  const std::string& action = cmd.positional(0);
  if (action != "pause" && action != "resume") {
    return cmd.usage_error("unknown action '" + action + "'; expected pause or resume");
  }
  const std::string& project = cmd.positional(1);
  auto reply = cmd.call("POST", project_target(project) + "/" + action, "{}");
  if (!reply.ok()) return reply.exit;
  if (cmd.print_raw_if_json(reply)) return kExitOk;
  auto value = cmd.parse_body(reply);
  if (!value) return kExitServer;
  const auto& paused = member(*value, "paused");
  out << "project " << project << ": "
      << (paused.is_bool() ? (paused.as_bool() ? "paused" : "running") : cell(paused)) << "\n";
  return kExitOk;
}

}  // namespace labelflow::cli
