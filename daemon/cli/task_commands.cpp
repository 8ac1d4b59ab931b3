// Reviewer commands: next, submit, skip, release, heartbeat (docs/api.md, reviewer endpoints).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/client_command.hpp"
#include "cli/command.hpp"
#include "cli/json_print.hpp"
#include "cli/table.hpp"

namespace labelflow::cli {

const std::string_view kNextUsage =
    "usage: labelflow next PROJECT\n\n"
    "Takes (leases) the next task of PROJECT for you and prints it: task id, stage, lease end,\n"
    "row id, query and response excerpts and the labels to start from (--json: the whole task).\n"
    "Exits 3 when no task is available now.";
const std::string_view kSubmitUsage =
    "usage: labelflow submit TASK --labels FILE|- [--active-seconds N] [--comment TEXT]\n\n"
    "Submits your labels for TASK. FILE (or '-' for stdin) holds one JSON object: label name ->\n"
    "value, e.g. {\"intent\": \"request\", \"entities\": []}.\n"
    "  --active-seconds  seconds you worked on the task (a number >= 0)\n"
    "  --comment         a comment stored with the review";
const std::string_view kSkipUsage =
    "usage: labelflow skip TASK --reason REASON\n\n"
    "Skips TASK; REASON is one of the project's skip_reasons.";
const std::string_view kReleaseUsage =
    "usage: labelflow release TASK\n\nGives TASK back to the queue.";
const std::string_view kHeartbeatUsage =
    "usage: labelflow heartbeat TASK\n\nExtends your lease on TASK.";

namespace {

std::string task_target(const std::string& task, const char* action) {
  return "/v1/tasks/" + encode_component(task) + "/" + action;
}

// The labels of `submit`: one JSON object from FILE or stdin; nullopt after printing why not.
std::optional<boost::json::object> read_labels(const ClientCommand& cmd, const std::string& file) {
  std::string text;
  if (file == "-") {
    std::ostringstream all;
    all << std::cin.rdbuf();
    text = all.str();
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      cmd.err() << "labelflow submit: " << file << ": cannot be opened for reading\n";
      return std::nullopt;
    }
    std::ostringstream all;
    all << in.rdbuf();
    text = all.str();
  }
  const std::string name = file == "-" ? "stdin" : file;
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec) {
    cmd.err() << "labelflow submit: " << name << ": not valid JSON (" << ec.message() << ")\n";
    return std::nullopt;
  }
  if (!value.is_object()) {
    cmd.err() << "labelflow submit: " << name
              << ": expected a JSON object of labels (label name -> value)\n";
    return std::nullopt;
  }
  return value.as_object();
}

// A task action with an optional body whose 200 reply is printed as "task T STATUS".
int simple_action(ClientCommand& cmd, const char* action, std::optional<std::string> body) {
  const std::string& task = cmd.positional(0);
  auto reply = cmd.call("POST", task_target(task, action), std::move(body));
  if (!reply.ok()) return reply.exit;
  if (cmd.print_raw_if_json(reply)) return kExitOk;
  auto value = cmd.parse_body(reply);
  if (!value) return kExitServer;
  cmd.out() << "task " << task << ": " << cell(*value, "status") << "\n";
  return kExitOk;
}

}  // namespace

int run_next(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ClientCommand cmd("next", kNextUsage, out, err, {}, {}, 1, 1);
  if (auto stop = cmd.parse(args)) return *stop;
  const std::string& project = cmd.positional(0);
  auto reply = cmd.call("POST", "/v1/projects/" + encode_component(project) + "/tasks/next", "{}");
  if (!reply.ok()) return reply.exit;
  if (reply.response.status == 204) {
    err << "labelflow next: no task available in project '" << project << "' now\n";
    return kExitNothing;
  }
  if (cmd.print_raw_if_json(reply)) return kExitOk;
  auto task = cmd.parse_body(reply);
  if (!task) return kExitServer;
  const boost::json::value none;
  const auto* row_ptr = task->is_object() ? task->as_object().if_contains("row") : nullptr;
  const auto& row = row_ptr ? *row_ptr : none;
  Fields fields{{"task", cell(*task, "task")},
                {"stage", cell(*task, "stage")},
                {"lease until", cell(*task, "lease_expires_at")},
                {"row", cell(row, "id")}};
  for (const char* part : {"context", "query", "response"}) {
    const std::string text = cell(row, part);
    if (text != "-" && !text.empty()) fields.emplace_back(part, excerpt(text, 100));
  }
  print_fields(out, fields);
  const auto* labels = task->is_object() ? task->as_object().if_contains("labels") : nullptr;
  if (labels && labels->is_object() && !labels->as_object().empty()) {
    out << "\n";
    Table table({"LABEL", "START FROM"});
    for (const auto& kv : labels->as_object()) {
      table.add({std::string(kv.key()), excerpt(cell(kv.value()), 100)});
    }
    table.print(out);
  }
  const auto* reviews = task->is_object() ? task->as_object().if_contains("reviews") : nullptr;
  if (reviews && reviews->is_array()) {
    out << "\n"
        << reviews->as_array().size()
        << " earlier review(s); agreement: " << cell(*task, "agreement") << "\n";
  }
  return kExitOk;
}

int run_submit(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ClientCommand cmd("submit", kSubmitUsage, out, err, {"--labels", "--active-seconds", "--comment"},
                    {}, 1, 1);
  if (auto stop = cmd.parse(args)) return *stop;
  auto file = cmd.args().value("--labels");
  if (!file) return cmd.usage_error("--labels FILE is required ('-' reads stdin)");
  boost::json::object body;
  if (auto seconds = cmd.args().value("--active-seconds")) {
    double n = -1;
    std::size_t used = 0;
    try {
      n = std::stod(*seconds, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != seconds->size() || !std::isfinite(n) || n < 0) {
      return cmd.usage_error("--active-seconds must be a number >= 0 (got '" + *seconds + "')");
    }
    // Whole seconds go out as an integer ("95", not "95.0").
    if (n == std::floor(n) && n < 1e15) {
      body["active_seconds"] = static_cast<std::int64_t>(n);
    } else {
      body["active_seconds"] = n;
    }
  }
  if (auto comment = cmd.args().value("--comment")) body["comment"] = *comment;
  auto labels = read_labels(cmd, *file);
  if (!labels) return kExitUsage;
  body["labels"] = std::move(*labels);

  const std::string& task = cmd.positional(0);
  std::ostringstream text;
  print_json(text, body);
  auto reply = cmd.call("POST", task_target(task, "submit"), text.str());
  if (!reply.ok()) return reply.exit;
  if (cmd.print_raw_if_json(reply)) return kExitOk;
  auto value = cmd.parse_body(reply);
  if (!value) return kExitServer;
  out << "task " << task << ": " << cell(*value, "status") << "\n";
  const auto* status =
      value->is_object() ? value->as_object().if_contains("label_status") : nullptr;
  if (status && status->is_object() && !status->as_object().empty()) {
    Table table({"LABEL", "STATUS"});
    for (const auto& kv : status->as_object()) table.add({std::string(kv.key()), cell(kv.value())});
    table.print(out);
  }
  return kExitOk;
}

int run_skip(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ClientCommand cmd("skip", kSkipUsage, out, err, {"--reason"}, {}, 1, 1);
  if (auto stop = cmd.parse(args)) return *stop;
  auto reason = cmd.args().value("--reason");
  if (!reason || reason->empty()) return cmd.usage_error("--reason REASON is required");
  return simple_action(cmd, "skip",
                       boost::json::serialize(boost::json::object{{"reason", *reason}}));
}

int run_release(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ClientCommand cmd("release", kReleaseUsage, out, err, {}, {}, 1, 1);
  if (auto stop = cmd.parse(args)) return *stop;
  return simple_action(cmd, "release", "{}");
}

int run_heartbeat(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ClientCommand cmd("heartbeat", kHeartbeatUsage, out, err, {}, {}, 1, 1);
  if (auto stop = cmd.parse(args)) return *stop;
  const std::string& task = cmd.positional(0);
  auto reply = cmd.call("POST", task_target(task, "heartbeat"), "{}");
  if (!reply.ok()) return reply.exit;
  if (cmd.print_raw_if_json(reply)) return kExitOk;
  auto value = cmd.parse_body(reply);
  if (!value) return kExitServer;
  out << "task " << task << ": lease extended until " << cell(*value, "lease_expires_at") << "\n";
  return kExitOk;
}

}  // namespace labelflow::cli
