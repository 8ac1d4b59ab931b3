// The command table of `labelflow`. Adding a client command means writing one function with
// the signature below and one row in command_table.cpp.
#pragma once

#include "cli/exit_codes.hpp"

#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace labelflow::cli {

struct Command {
  std::string_view name;      // "agreement"
  std::string_view summary;   // one line for `labelflow --help`
  std::string_view usage;     // the command's own --help text
  // Runs the command with the arguments after its name; returns an ExitCode.
  int (*run)(std::span<const std::string> args, std::ostream& out, std::ostream& err);
};

std::span<const Command> commands();

// The whole program: dispatches argv to a command. `labelflow --help` lists the commands,
// `labelflow --version` prints the version; no command or an unknown one exits 2.
int run_cli(std::span<const std::string> argv, std::ostream& out, std::ostream& err);

// The commands, each with its --help text. Offline: agreement (agreement_command.cpp).
// Client commands talking to labelflowd (client_command.hpp): task_commands.cpp (next,
// submit, skip, release, heartbeat), project_commands.cpp (status, rows, project),
// job_commands.cpp (import, export), report_command.cpp (report), backup_command.cpp
// (backup).
using CommandFunction = int(std::span<const std::string> args, std::ostream& out,
                             std::ostream& err);
CommandFunction run_agreement, run_status, run_import, run_export, run_next, run_submit,
    run_skip, run_release, run_heartbeat, run_report, run_rows, run_project, run_backup;
extern const std::string_view kAgreementUsage, kStatusUsage, kImportUsage, kExportUsage,
    kNextUsage, kSubmitUsage, kSkipUsage, kReleaseUsage, kHeartbeatUsage, kReportUsage,
    kRowsUsage, kProjectUsage, kBackupUsage;

}  // namespace labelflow::cli
