#include "service/tasks/task_calls.hpp"

#include <atomic>
#include <memory>

#include "service/tasks/label_validation.hpp"
#include "service/tasks/task_builder.hpp"

namespace labelflow::service {

namespace {

// Answers once both the commit is durable and the answer is built, whichever comes last (a
// task is built from the row document while its lease commits).
template <class T>
class AnswerWhenDurable {
 public:
  explicit AnswerWhenDurable(Done<T> done) : done_(std::move(done)) {}
  void durable() { one_done(); }
  void ready(Result<T> answer) {
    answer_.emplace(std::move(answer));
    one_done();
  }

 private:
  void one_done() {
    if (remaining_.fetch_sub(1, std::memory_order_acq_rel) == 1) done_(std::move(*answer_));
  }
  Done<T> done_;
  std::optional<Result<T>> answer_;
  std::atomic<int> remaining_{2};
};

Error row_missing(const std::string& row) {
  return Error{ErrorCode::unavailable, "row '" + row + "' is missing from the store"};
}

}  // namespace

void TaskCalls::next(const Caller& caller, const std::string& project,
                     Done<std::optional<Task>> done) {
  auto found = ctx_.visible_project(caller, project);
  if (!found.ok()) return done(found.error());
  ProjectPtr p = found.value();
  if (p->paused.load()) return done(std::optional<Task>());
  auto answer = std::make_shared<AnswerWhenDurable<std::optional<Task>>>(std::move(done));
  core::Result<std::optional<core::TaskView>> r;
  {
    std::lock_guard lock(p->mu);
    std::lock_guard ids_lock(ctx_.ids_mu);
    core::Changes changes;
    r = p->engine->next_task(caller.id, ctx_.clock(), changes);
    if (r.ok() && *r.value) ctx_.remember_task((*r.value)->id, p->id(), (*r.value)->row_id);
    // Durable (the lease and any expiry it processed) before the task is handed out.
    ctx_.queue_commit(*p, std::move(changes), [answer](store::CommitResult) { answer->durable(); });
  }
  if (!r.ok()) return answer->ready(*r.error);
  if (!*r.value) return answer->ready(std::optional<Task>());
  const core::TaskView& view = **r.value;
  auto doc = ctx_.row(p->id(), view.row_id);
  if (!doc) return answer->ready(row_missing(view.row_id));
  const auto setup = p->setup();
  answer->ready(std::optional<Task>(
      build_task(p->id(), view, std::move(doc), setup->task_schema, *setup->labels)));
}

template <class T, class Call, class Answer>
void TaskCalls::engine_call(const Context::TaskPlace& place, Call&& call, Answer&& answer,
                            Done<T> done) {
  ProjectRuntime& p = *place.project;
  std::lock_guard lock(p.mu);
  core::Changes changes;
  std::optional<core::Error> error = call(*p.engine, place.id, ctx_.clock(), changes);
  Result<T> result = error ? Result<T>(std::move(*error)) : Result<T>(answer(p, changes));
  std::vector<std::string> final_rows;
  for (const auto& d : changes.decisions) final_rows.push_back(d.row_id);
  ctx_.queue_commit(p, std::move(changes),
                    [this, project = p.id(), final_rows = std::move(final_rows),
                     result = std::move(result), done = std::move(done)](store::CommitResult) {
                      ctx_.after_commit(project, final_rows);
                      done(result);
                    });
}

void TaskCalls::heartbeat(const Caller& caller, const std::string& task,
                          Done<HeartbeatResult> done) {
  auto found = ctx_.find_task(task);
  if (!found.ok()) return done(found.error());
  engine_call<HeartbeatResult>(
      found.value(),
      [&](core::Engine& e, core::TaskId id, core::TimeMs now, core::Changes& out) {
        return e.heartbeat(id, caller.id, now, out);
      },
      [&](ProjectRuntime& p, const core::Changes&) {
        HeartbeatResult out{task, std::nullopt};
        if (auto v = p.engine->task_view(found.value().id)) out.lease_expires_at = v->expires_at;
        return out;
      },
      std::move(done));
}

void TaskCalls::release(const Caller& caller, const std::string& task, Done<TaskEnded> done) {
  auto found = ctx_.find_task(task);
  if (!found.ok()) return done(found.error());
  engine_call<TaskEnded>(
      found.value(),
      [&](core::Engine& e, core::TaskId id, core::TimeMs now, core::Changes& out) {
        return e.release(id, caller.id, now, out);
      },
      [&](ProjectRuntime&, const core::Changes&) { return TaskEnded{task}; }, std::move(done));
}

void TaskCalls::skip(const Caller& caller, const std::string& task, const std::string& reason,
                     Done<TaskEnded> done) {
  auto found = ctx_.find_task(task);
  if (!found.ok()) return done(found.error());
  engine_call<TaskEnded>(
      found.value(),
      [&](core::Engine& e, core::TaskId id, core::TimeMs now, core::Changes& out) {
        return e.skip(id, caller.id, reason, now, out);
      },
      [&](ProjectRuntime&, const core::Changes&) { return TaskEnded{task}; }, std::move(done));
}

void TaskCalls::submit(const Caller& caller, const std::string& task, SubmitRequest request,
                       Done<SubmitResult> done) {
  auto found = ctx_.find_task(task);
  if (!found.ok()) return done(found.error());
  const Context::TaskPlace& place = found.value();
  auto doc = ctx_.row(place.project->id(), place.row);
  if (!doc) return done(row_missing(place.row));
  // I5: every label checked by its plugin before anything changes (outside the project lock:
  // plugin calls may be slow). The engine refuses a task that is no longer the caller's.
  const auto setup = place.project->setup();
  if (auto e = validate_submission(request.labels, setup->spec.labels, *setup->labels,
                                   doc->content)) {
    // A task that is no longer live answers lease_conflict (I6) rather than the labels' errors:
    // the engine refuses it below (the lock is taken twice on this rare path only).
    std::lock_guard lock(place.project->mu);
    if (place.project->engine->task_row(place.id)) return done(std::move(*e));
  }
  core::SubmitInput in{std::move(request.labels), request.active_seconds,
                       std::move(request.comment)};
  engine_call<SubmitResult>(
      place,
      [&](core::Engine& e, core::TaskId id, core::TimeMs now, core::Changes& out) {
        return e.submit(id, caller.id, in, *doc, now, out);
      },
      [&](ProjectRuntime&, const core::Changes& changes) {
        SubmitResult out{task, {}};
        for (const auto& rv : changes.reviews) {
          for (const auto& [label, s] : rv.label_status) out.label_status[label] = s;
        }
        return out;
      },
      std::move(done));
}

}  // namespace labelflow::service
