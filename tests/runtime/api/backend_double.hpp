// A Backend for API tests: records every call and answers what the test scripted. Calls may
// block on a gate, so tests can hold a request in flight (drain, worker-pool tests).
#pragma once

#include <atomic>
#include <boost/json.hpp>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "api/backend.hpp"

namespace labelflow::test {

class BackendDouble final : public api::Backend {
 public:
  struct CallRecord {
    std::string method;
    std::string caller;
    std::vector<std::string> args;
  };

  // Every call answers `next_error` once when set (then clears it).
  void fail_next(api::ApiError error);
  // While closed, every call blocks until open() (or 10 s pass).
  void close_gate();
  void open_gate();
  // Blocks until `n` calls have entered the backend (or 10 s pass); returns whether they did.
  bool wait_for_calls(std::size_t n);
  std::vector<CallRecord> calls() const;

  bool task_available = true;
  std::atomic<bool> throw_next{false};  // the next call throws std::runtime_error
  // submit_then: answer 50 ms later from another thread (as a backend answering once its
  // commit is durable does), or drop the next reply without answering at all.
  std::atomic<bool> answer_later{false};
  std::atomic<bool> drop_next_reply{false};

  ~BackendDouble() override;
  void submit_then(const api::Principal& caller, const std::string& task,
                   const api::SubmitInput& input, api::Done<api::Json> done) override;

  api::Result<std::optional<api::Json>> next_task(const api::Principal& caller,
                                                  const std::string& project) override;
  api::Result<api::Json> heartbeat(const api::Principal& caller, const std::string& task) override;
  api::Result<api::Json> submit(const api::Principal& caller, const std::string& task,
                                const api::SubmitInput& input) override;
  api::Result<api::Json> release(const api::Principal& caller, const std::string& task) override;
  api::Result<api::Json> skip(const api::Principal& caller, const std::string& task,
                              const std::string& reason) override;
  api::Result<api::Json> list_projects(const api::Principal& caller) override;
  api::Result<api::Json> progress(const api::Principal& caller,
                                  const std::string& project) override;
  api::Result<api::Json> agreement(const api::Principal& caller,
                                   const std::string& project) override;
  api::Result<api::Json> reviewers(const api::Principal& caller,
                                   const std::string& project) override;
  api::Result<api::Json> row(const api::Principal& caller, const std::string& project,
                             const std::string& row) override;
  api::Result<api::Json> create_import(const api::Principal& caller, const std::string& project,
                                       const boost::json::object& request) override;
  api::Result<api::Json> get_import(const api::Principal& caller, const std::string& project,
                                    const std::string& id) override;
  api::Result<api::Json> create_export(const api::Principal& caller, const std::string& project,
                                       const boost::json::object& request) override;
  api::Result<api::Json> get_export(const api::Principal& caller, const std::string& project,
                                    const std::string& id) override;
  api::Result<api::Json> reload(const api::Principal& caller) override;
  api::Result<api::Json> pause_project(const api::Principal& caller,
                                       const std::string& project) override;
  api::Result<api::Json> resume_project(const api::Principal& caller,
                                        const std::string& project) override;
  api::Result<api::Document> report(const api::Principal& caller,
                                    const api::ReportQuery& query) override;

 private:
  std::vector<std::thread> later_;  // joined by the destructor
  // Records the call, waits at the gate, and returns the scripted error if any.
  std::optional<api::ApiError> enter(const std::string& method, const api::Principal& caller,
                                     std::vector<std::string> args);
  // The echo every JSON method answers: {"method", "caller", "args"}.
  api::Json echo(const std::string& method, const api::Principal& caller,
                 const std::vector<std::string>& args) const;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<CallRecord> calls_;
  std::optional<api::ApiError> next_error_;
  bool gate_open_ = true;
};

}  // namespace labelflow::test
