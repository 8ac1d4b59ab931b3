// A service::Service for API tests: records every call and answers small typed results built
// from its arguments (so a test can see which call a route made). Calls may block on a gate,
// so tests can hold a request in flight (drain, worker-pool tests).
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "service/service.hpp"

namespace labelflow::test {

class ServiceDouble final : public service::Service {
 public:
  struct CallRecord {
    std::string method;
    std::string caller;
    std::vector<std::string> args;
  };

  // The next call answers `error` once (then it is cleared).
  void fail_next(service::Error error);
  // While closed, every call blocks until open() (or 10 s pass).
  void close_gate();
  void open_gate();
  // Blocks until `n` calls have entered the service (or 10 s pass); returns whether they did.
  bool wait_for_calls(std::size_t n);
  std::vector<CallRecord> calls() const;

  bool task_available = true;
  std::atomic<bool> throw_next{false};  // the next call throws std::runtime_error
  // submit: answer 50 ms later from another thread (as the service answering once its commit is
  // durable does), or drop the next reply without answering at all.
  std::atomic<bool> answer_later{false};
  std::atomic<bool> drop_next_reply{false};

  ~ServiceDouble() override;

  void next_task(const service::Caller& caller, const std::string& project,
                 service::Done<std::optional<service::Task>> done) override;
  void heartbeat(const service::Caller& caller, const std::string& task,
                 service::Done<service::HeartbeatResult> done) override;
  void submit(const service::Caller& caller, const std::string& task,
              service::SubmitRequest request, service::Done<service::SubmitResult> done) override;
  void release(const service::Caller& caller, const std::string& task,
               service::Done<service::TaskEnded> done) override;
  void skip(const service::Caller& caller, const std::string& task, const std::string& reason,
            service::Done<service::TaskEnded> done) override;
  void list_projects(const service::Caller& caller,
                     service::Done<std::vector<service::ProjectSummary>> done) override;
  void progress(const service::Caller& caller, const std::string& project,
                service::Done<service::Progress> done) override;
  void agreement(const service::Caller& caller, const std::string& project,
                 service::Done<service::Agreement> done) override;
  void members(const service::Caller& caller, const std::string& project,
               service::Done<std::vector<service::MemberSummary>> done) override;
  void row(const service::Caller& caller, const std::string& project, const std::string& row,
           service::Done<service::RowDetails> done) override;
  void me(const service::Caller& caller, service::Done<service::Me> done) override;
  void create_import(const service::Caller& caller, const std::string& project,
                     service::ImportRequest request,
                     service::Done<service::ImportStatus> done) override;
  void get_import(const service::Caller& caller, const std::string& project,
                  const std::string& id, service::Done<service::ImportStatus> done) override;
  void create_export(const service::Caller& caller, const std::string& project,
                     service::ExportRequest request,
                     service::Done<service::ExportStatus> done) override;
  void get_export(const service::Caller& caller, const std::string& project,
                  const std::string& id, service::Done<service::ExportStatus> done) override;
  void create_backup(const service::Caller& caller, service::BackupRequest request,
                     service::Done<service::BackupResult> done) override;
  void reload(const service::Caller& caller, service::Done<service::ReloadResult> done) override;
  void set_paused(const service::Caller& caller, const std::string& project, bool paused,
                  service::Done<service::PauseState> done) override;
  void weekly_report(const service::Caller& caller, service::ReportRequest request,
                     service::Done<service::WeeklyReport> done) override;

 private:
  // Records the call, waits at the gate, and answers the scripted error through `done` (then
  // returns false) if there is one.
  template <class T>
  bool enter(const std::string& method, const service::Caller& caller,
             std::vector<std::string> args, service::Done<T>& done);

  std::vector<std::thread> later_;  // joined by the destructor
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<CallRecord> calls_;
  std::optional<service::Error> next_error_;
  bool gate_open_ = true;
};

}  // namespace labelflow::test
