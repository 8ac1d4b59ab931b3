// The reviewer task calls: next, heartbeat, submit, release, skip. Each takes its project's lock
// once: it runs the engine call and queues the engine's changes (see runtime/context.hpp for
// the ordering), and answers from the commit's completion, once the changes are durable (I7),
// so no thread waits for the disk meanwhile. A submission is validated by the label plugins
// (I5) before the lock is taken.
#pragma once

#include <optional>
#include <string>

#include "service/caller.hpp"
#include "service/result.hpp"
#include "service/runtime/context.hpp"
#include "service/tasks/task_types.hpp"

namespace labelflow::service {

class TaskCalls {
 public:
  explicit TaskCalls(Context& ctx) : ctx_(ctx) {}

  void next(const Caller& caller, const std::string& project, Done<std::optional<Task>> done);
  void heartbeat(const Caller& caller, const std::string& task, Done<HeartbeatResult> done);
  void submit(const Caller& caller, const std::string& task, SubmitRequest request,
              Done<SubmitResult> done);
  void release(const Caller& caller, const std::string& task, Done<TaskEnded> done);
  void skip(const Caller& caller, const std::string& task, const std::string& reason,
            Done<TaskEnded> done);

 private:
  // Runs `call` on the task's engine under its lock and queues its changes; `done` gets the
  // answer (built under the lock by `answer`) once they are durable.
  template <class T, class Call, class Answer>
  void engine_call(const Context::TaskPlace& place, Call&& call, Answer&& answer, Done<T> done);

  Context& ctx_;
};

}  // namespace labelflow::service
