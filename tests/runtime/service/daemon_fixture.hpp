// A labelflowd run for tests: a temp directory holding a copy of the demo configuration
// (configs/), local storage under data/, the SQLite state, and the rows to import; the daemon
// listens on a free loopback port (listen = "127.0.0.1:0", port read from its log).
#pragma once

#include <boost/json.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "process.hpp"

namespace labelflow::test {

struct DaemonSetup {
  int lease_ttl_seconds = 1800;
  std::size_t demo_rows = 20;             // first N rows of configs/demo/rows.jsonl
  std::vector<std::string> extra_rows;    // JSON lines appended to the import object
};

inline const char* kAdminToken = "test-admin-token-0123456789";
std::string reviewer_token(const std::string& reviewer);  // the env value set for the test

class Daemon {
 public:
  explicit Daemon(DaemonSetup setup);
  ~Daemon();

  void start();         // starts labelflowd and waits until /readyz answers 200
  void kill9();         // SIGKILL, waits for the exit
  int terminate();      // SIGTERM, returns the exit code
  void signal(int sig) const { process_->signal(sig); }
  // Replaces `from` by `to` in the temp config file `rel` (throws when `from` is absent).
  void edit(const std::string& rel, const std::string& from, const std::string& to) const;
  std::uint16_t port() const { return port_; }
  const std::filesystem::path& root() const { return root_; }
  std::string log() const { return process_ ? process_->err() : std::string(); }

  HttpResponse call(const std::string& method, const std::string& target,
                    const std::string& token, const std::string& body = {}) const;
  boost::json::value json_call(const std::string& method, const std::string& target,
                               const std::string& token, const std::string& body = {},
                               int expect = 200) const;

  // Imports the rows object and waits until the import record is finished.
  boost::json::object import_rows() const;

 private:
  std::filesystem::path root_;
  std::unique_ptr<Process> process_;
  std::uint16_t port_ = 0;
};

// Labels valid for the demo project: the task's start labels, completed with defaults.
boost::json::object valid_labels(const boost::json::object& task);

}  // namespace labelflow::test
