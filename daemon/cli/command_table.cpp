#include "cli/command.hpp"

#include "common/version.hpp"

#include <array>

namespace labelflow::cli {
namespace {

const std::array<Command, 1> kCommands = {{
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
