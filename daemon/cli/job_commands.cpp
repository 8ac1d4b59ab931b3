// Admin commands that start background jobs: import and export, with --wait polling the job
// until it is finished or failed (docs/api.md, admin endpoints).
#include <algorithm>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <thread>
#include <utility>

#include "cli/client_command.hpp"
#include "cli/command.hpp"
#include "cli/table.hpp"

namespace labelflow::cli {

const std::string_view kImportUsage =
    "usage: labelflow import PROJECT [--key KEY | --prefix PREFIX] [--format FORMAT]\n"
    "                        [--storage STORAGE] [--wait]\n\n"
    "Starts importing rows into PROJECT (admin token). Without options, from the project's\n"
    "configured [source].\n"
    "  --key      one object to import\n"
    "  --prefix   every object under this prefix\n"
    "  --format   jsonl, sagemaker-input or sagemaker-output\n"
    "  --storage  the storage instance (daemon config) to read from\n"
    "  --wait     wait until the import has finished; print its counts and row errors\n"
    "             (exit 1 if it failed)";
const std::string_view kExportUsage =
    "usage: labelflow export PROJECT [--wait]\n\n"
    "Starts exporting PROJECT's finalized rows to its configured [sink] (admin token).\n"
    "  --wait     wait until the export has finished (exit 1 if it failed)";

namespace {

bool finished(const boost::json::value& job) {
  const std::string state = cell(job, "state");
  return state == "finished" || state == "failed";
}

void print_job(ClientCommand& cmd, const char* kind, const boost::json::value& job) {
  auto& out = cmd.out();
  Fields fields{{kind, cell(job, "id")}, {"state", cell(job, "state")}};
  const std::string message = cell(job, "message");
  if (message != "-" && !message.empty()) fields.emplace_back("message", message);
  // Only what the server sent: a queued job has no finish time, an import no location.
  for (const auto& [key, name] :
       {std::pair{"created_at", "created at"}, std::pair{"finished_at", "finished at"},
        std::pair{"rows", "rows"}, std::pair{"location", "location"}}) {
    if (job.is_object() && job.as_object().contains(key)) fields.emplace_back(name, cell(job, key));
  }
  const auto* counts = job.is_object() ? job.as_object().if_contains("counts") : nullptr;
  if (counts && counts->is_object()) {
    for (const auto& kv : counts->as_object()) {
      fields.emplace_back(std::string(kv.key()), cell(kv.value()));
    }
  } else {
    for (const char* c : {"imported", "unchanged", "rejected"}) {
      if (job.is_object() && job.as_object().contains(c)) fields.emplace_back(c, cell(job, c));
    }
  }
  print_fields(out, fields);
  const auto* errors = job.is_object() ? job.as_object().if_contains("errors") : nullptr;
  if (errors && errors->is_array() && !errors->as_array().empty()) {
    out << "\n";
    Table table({"OBJECT", "LINE", "ERROR"});
    for (const auto& e : errors->as_array()) {
      table.add({cell(e, "key"), cell(e, "line"), cell(e, "reason")});
    }
    table.print(out);
    if (cell(job, "errors_truncated") == "yes") out << "(more errors not listed)\n";
  }
}

// POSTs the job, then with --wait GETs it until it is finished or failed (200 ms between polls,
// doubling up to 2 s).
int run_job(ClientCommand& cmd, const char* kind, const char* collection,
            const boost::json::object& request) {
  const std::string base = "/v1/projects/" + encode_component(cmd.positional(0)) + "/" + collection;
  auto reply = cmd.call("POST", base, boost::json::serialize(request));
  if (!reply.ok()) return reply.exit;
  auto job = cmd.parse_body(reply);
  if (!job) return kExitServer;
  if (cmd.args().has("--wait")) {
    const std::string id = cell(*job, "id");
    if (id == "-" || id.empty()) {
      cmd.err() << "labelflow: the server's " << kind << " record has no \"id\" to wait for\n";
      return kExitServer;
    }
    auto pause = std::chrono::milliseconds(200);
    while (!finished(*job)) {
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(2000));
      reply = cmd.call("GET", base + "/" + encode_component(id));
      if (!reply.ok()) return reply.exit;
      job = cmd.parse_body(reply);
      if (!job) return kExitServer;
    }
  }
  if (!cmd.print_raw_if_json(reply)) print_job(cmd, kind, *job);
  if (cell(*job, "state") == "failed") {
    cmd.err() << "labelflow " << kind << ": " << cell(*job, "id")
              << " failed: " << cell(*job, "message") << "\n";
    return kExitServer;
  }
  return kExitOk;
}

}  // namespace

int run_import(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ClientCommand cmd("import", kImportUsage, out, err,
                    {"--key", "--prefix", "--format", "--storage"}, {"--wait"}, 1, 1);
  if (auto stop = cmd.parse(args)) return *stop;
  if (cmd.args().has("--key") && cmd.args().has("--prefix")) {
    return cmd.usage_error("give --key or --prefix, not both");
  }
  boost::json::object request;
  for (const char* flag : {"--key", "--prefix", "--format", "--storage"}) {
    if (auto v = cmd.args().value(flag)) {
      if (v->empty()) return cmd.usage_error(std::string(flag) + " needs a non-empty value");
      request[std::string_view(flag).substr(2)] = *v;
    }
  }
  return run_job(cmd, "import", "imports", request);
}

int run_export(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ClientCommand cmd("export", kExportUsage, out, err, {}, {"--wait"}, 1, 1);
  if (auto stop = cmd.parse(args)) return *stop;
  return run_job(cmd, "export", "exports", {});
}

}  // namespace labelflow::cli
