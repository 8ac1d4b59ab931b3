// The reviewer task calls: next, heartbeat, submit, release, skip. Each runs its engine call
// under the project lock and queues the engine's changes (see context.hpp for the ordering);
// the answer goes out from the commit's completion, once the changes are durable (I7), so no
// thread waits for the disk meanwhile. The blocking forms wait for that answer.
#include <atomic>
#include <future>
#include <memory>

#include "service/service.hpp"
#include "service/task_json.hpp"
#include "service/time_util.hpp"
#include "service/validation.hpp"

namespace labelflow::service {

namespace json = boost::json;

namespace {

// Waits for the answer of a deferred call started by `start`.
template <class T>
api::Result<T> wait_for(const std::function<void(api::Done<T>)>& start) {
  // Shared: the completing thread may still be inside set_value when get() returns here.
  auto promise = std::make_shared<std::promise<api::Result<T>>>();
  auto future = promise->get_future();
  start([promise](api::Result<T> r) { promise->set_value(std::move(r)); });
  return future.get();
}

// Answers once both the commit is durable and the answer is built, whichever comes last (a
// task view is built from the durable row while the lease commits).
template <class T>
class AnswerWhenDurable {
 public:
  explicit AnswerWhenDurable(api::Done<T> done) : done_(std::move(done)) {}
  void durable() { one_done(); }
  void ready(api::Result<T> answer) {
    answer_.emplace(std::move(answer));
    one_done();
  }

 private:
  void one_done() {
    if (remaining_.fetch_sub(1, std::memory_order_acq_rel) == 1) done_(std::move(*answer_));
  }
  api::Done<T> done_;
  std::optional<api::Result<T>> answer_;
  std::atomic<int> remaining_{2};
};

}  // namespace

void Service::next_task_then(const api::Principal& caller, const std::string& project,
                             api::Done<std::optional<api::Json>> done) {
  auto pr = visible_project(caller, project);
  if (!pr.ok()) return done(pr.error());
  ProjectPtr p = pr.value();
  if (p->paused.load()) return done(std::optional<api::Json>());
  auto answer = std::make_shared<AnswerWhenDurable<std::optional<api::Json>>>(std::move(done));
  core::Result<std::optional<core::TaskView>> r;
  {
    std::lock_guard lock(p->mu);
    std::lock_guard ids_lock(ctx_.ids_mu);
    core::Changes changes;
    r = p->engine->next_task(caller.id, ctx_.clock(), changes);
    if (r.ok() && *r.value) ctx_.remember_task((*r.value)->id, p->id());
    // Durable (the lease and any expiry it processed) before the task is handed out.
    ctx_.queue_commit(*p, std::move(changes), [answer](store::CommitResult) { answer->durable(); });
  }
  if (!r.ok()) return answer->ready(to_api_error(*r.error));
  if (!*r.value) return answer->ready(std::optional<api::Json>());
  const core::TaskView& view = **r.value;
  auto doc = ctx_.row(p->id(), view.row_id);
  if (!doc) {
    return answer->ready(api::ApiError{
        api::ErrorCode::unavailable, "row '" + view.row_id + "' is missing from the store", {}, 0});
  }
  answer->ready(std::optional<api::Json>(task_json(*p, view, *doc, *p->oracle->plugins())));
}

void Service::task_call_then(const std::string& task, const EngineCall& call,
                             const AnswerBuilder& answer, api::Done<api::Json> done) {
  auto found = find_task(task);
  if (!found.ok()) return done(found.error());
  auto [p, id] = found.value();
  std::lock_guard lock(p->mu);
  core::Changes changes;
  std::optional<core::Error> error = call(*p->engine, id, ctx_.clock(), changes);
  api::Result<api::Json> result =
      error ? api::Result<api::Json>(to_api_error(*error)) : answer(*p, id, changes);
  std::vector<std::string> final_rows;
  for (const auto& d : changes.decisions) final_rows.push_back(d.row_id);
  ctx_.queue_commit(*p, std::move(changes),
                    [this, project = p->id(), final_rows = std::move(final_rows),
                     result = std::move(result), done = std::move(done)](store::CommitResult) {
                      ctx_.after_commit(project, final_rows);
                      done(result);
                    });
}

void Service::heartbeat_then(const api::Principal& caller, const std::string& task,
                             api::Done<api::Json> done) {
  task_call_then(
      task,
      [&](core::Engine& e, core::TaskId id, core::TimeMs now, core::Changes& out) {
        return e.heartbeat(id, caller.id, now, out);
      },
      [&](ProjectRuntime& p, core::TaskId id, const core::Changes&) {
        json::object o{{"task", task}};
        if (auto v = p.engine->task_view(id)) o["lease_expires_at"] = iso_time(v->expires_at);
        return api::Json(std::move(o));
      },
      std::move(done));
}

void Service::release_then(const api::Principal& caller, const std::string& task,
                           api::Done<api::Json> done) {
  task_call_then(
      task,
      [&](core::Engine& e, core::TaskId id, core::TimeMs now, core::Changes& out) {
        return e.release(id, caller.id, now, out);
      },
      [&](ProjectRuntime&, core::TaskId, const core::Changes&) {
        return api::Json(json::object{{"task", task}, {"status", "released"}});
      },
      std::move(done));
}

void Service::skip_then(const api::Principal& caller, const std::string& task,
                        const std::string& reason, api::Done<api::Json> done) {
  task_call_then(
      task,
      [&](core::Engine& e, core::TaskId id, core::TimeMs now, core::Changes& out) {
        return e.skip(id, caller.id, reason, now, out);
      },
      [&](ProjectRuntime&, core::TaskId, const core::Changes&) {
        return api::Json(json::object{{"task", task}, {"status", "skipped"}});
      },
      std::move(done));
}

void Service::submit_then(const api::Principal& caller, const std::string& task,
                          const api::SubmitInput& input, api::Done<api::Json> done) {
  auto found = find_task(task);
  if (!found.ok()) return done(found.error());
  auto [p, id] = found.value();
  std::optional<std::string> row_id;
  {
    std::lock_guard lock(p->mu);
    row_id = p->engine->task_row(id);
  }
  // Unused by the engine when the task is no longer live (it refuses first).
  RowCache::Doc doc = std::make_shared<const core::RowDoc>();
  if (row_id) {
    doc = ctx_.row(p->id(), *row_id);
    if (!doc) {
      return done(api::ApiError{
          api::ErrorCode::unavailable, "row '" + *row_id + "' is missing from the store", {}, 0});
    }
    // I5: every label checked by its plugin before anything changes.
    if (auto e = validate_submission(input.labels, p->setup()->spec.labels, *p->oracle->plugins(),
                                     doc->content)) {
      return done(*e);
    }
  }
  core::SubmitInput in{input.labels, input.active_seconds, input.comment};
  task_call_then(
      task,
      [&](core::Engine& e, core::TaskId tid, core::TimeMs now, core::Changes& out) {
        return e.submit(tid, caller.id, in, *doc, now, out);
      },
      [&](ProjectRuntime&, core::TaskId, const core::Changes& changes) {
        json::object status;
        for (const auto& rv : changes.reviews) {
          for (const auto& [label, s] : rv.label_status) status[label] = core::to_string(s);
        }
        return api::Json(
            json::object{{"task", task}, {"status", "submitted"}, {"label_status", status}});
      },
      std::move(done));
}

// ---- blocking forms ------------------------------------------------------------------------

api::Result<std::optional<api::Json>> Service::next_task(const api::Principal& caller,
                                                         const std::string& project) {
  return wait_for<std::optional<api::Json>>(
      [&](api::Done<std::optional<api::Json>> done) { next_task_then(caller, project, done); });
}

api::Result<api::Json> Service::heartbeat(const api::Principal& caller, const std::string& task) {
  return wait_for<api::Json>(
      [&](api::Done<api::Json> done) { heartbeat_then(caller, task, done); });
}

api::Result<api::Json> Service::submit(const api::Principal& caller, const std::string& task,
                                       const api::SubmitInput& input) {
  return wait_for<api::Json>(
      [&](api::Done<api::Json> done) { submit_then(caller, task, input, done); });
}

api::Result<api::Json> Service::release(const api::Principal& caller, const std::string& task) {
  return wait_for<api::Json>([&](api::Done<api::Json> done) { release_then(caller, task, done); });
}

api::Result<api::Json> Service::skip(const api::Principal& caller, const std::string& task,
                                     const std::string& reason) {
  return wait_for<api::Json>(
      [&](api::Done<api::Json> done) { skip_then(caller, task, reason, done); });
}

}  // namespace labelflow::service
