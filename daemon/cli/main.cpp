// labelflow: the command-line client.
#include "cli/command.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  // stdout carries the command's output (JSON for scripts); library logs go to stderr, and
  // only warnings and errors.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("labelflow"));
  spdlog::set_level(spdlog::level::warn);
  try {
    return labelflow::cli::run_cli(args, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "labelflow: " << e.what() << "\n";
    return labelflow::cli::kExitUsage;
  }
}
