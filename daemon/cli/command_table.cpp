#include "cli/command.hpp"

#include "common/version.hpp"

#include <array>

namespace labelflow::cli {
namespace {

const std::array<Command, 13> kCommands = {{
    {"status", "projects, or one project's progress", kStatusUsage, &run_status},
    {"next", "take the next task of a project", kNextUsage, &run_next},
    {"submit", "submit labels for a task", kSubmitUsage, &run_submit},
    {"skip", "skip a task with a reason", kSkipUsage, &run_skip},
    {"release", "give a task back", kReleaseUsage, &run_release},
    {"heartbeat", "extend the lease on a task", kHeartbeatUsage, &run_heartbeat},
    {"rows", "one row's state and reviews", kRowsUsage, &run_rows},
    {"import", "import rows into a project (admin)", kImportUsage, &run_import},
    {"export", "export a project's finalized rows (admin)", kExportUsage, &run_export},
    {"project", "pause or resume a project (admin)", kProjectUsage, &run_project},
    {"report", "weekly hours and cost per reviewer; --csv for payroll (admin)", kReportUsage,
     &run_report},
    {"backup", "copy the state database to a storage instance (admin)", kBackupUsage,
     &run_backup},
    {"agreement", "agreement metrics or consolidated labels from a JSON-lines file (offline)",
     kAgreementUsage, &run_agreement},
}};

void print_help(std::ostream& out) {
  out << "usage: labelflow COMMAND [OPTIONS]\n"
         "       labelflow COMMAND --help\n\n"
         "commands:\n";
  for (const auto& c : kCommands) {
    out << "  " << c.name << std::string(12 - std::min<std::size_t>(11, c.name.size()), ' ')
        << c.summary << "\n";
  }
  out << "\nclient commands talk to labelflowd at --url (env LABELFLOW_URL, default "
         "http://127.0.0.1:8080)\nwith the token in LABELFLOW_TOKEN.\n";
  out << "\nexit codes: 0 ok, 1 server or network error, 2 usage or bad input, 3 nothing to do\n";
}

}  // namespace

std::span<const Command> commands() { return kCommands; }

int run_cli(std::span<const std::string> argv, std::ostream& out, std::ostream& err) {
  if (argv.size() < 2) {
    print_help(err);
    return kExitUsage;
  }
  const std::string& first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    print_help(out);
    return kExitOk;
  }
  if (first == "--version") {
    out << "labelflow " << kVersion << "\n";
    return kExitOk;
  }
  for (const auto& c : kCommands) {
    if (c.name == first) return c.run(argv.subspan(2), out, err);
  }
  err << "labelflow: unknown command '" << first << "'; run 'labelflow --help' for the list\n";
  return kExitUsage;
}

}  // namespace labelflow::cli
