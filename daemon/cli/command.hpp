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

// The agreement command (agreement_command.cpp).
int run_agreement(std::span<const std::string> args, std::ostream& out, std::ostream& err);
extern const std::string_view kAgreementUsage;

}  // namespace labelflow::cli
