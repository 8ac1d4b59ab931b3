// Runs a program with its output captured in files, for tests of whole executables.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace labelflow::test {

class Process {
 public:
  // Starts `program` with `args`; stdout and stderr go to files in `dir`.
  Process(const std::string& program, const std::vector<std::string>& args,
          const std::filesystem::path& dir);
  ~Process();  // kills the child if it still runs
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // Waits up to `limit` for the exit; the exit code, or nullopt on timeout. A child killed by
  // a signal reports 128 + signal.
  std::optional<int> wait(std::chrono::milliseconds limit);
  void signal(int sig) const;
  pid_t pid() const { return pid_; }
  std::string out() const;
  std::string err() const;
  // Polls stderr until it contains `text` or `limit` passes.
  bool wait_for_err(const std::string& text, std::chrono::milliseconds limit) const;

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::filesystem::path out_, err_;
};

// Runs to completion (at most 30 s) and returns {exit code, stdout, stderr}.
struct Ran {
  int code;
  std::string out;
  std::string err;
};
Ran run(const std::string& program, const std::vector<std::string>& args,
        const std::filesystem::path& dir);

}  // namespace labelflow::test
