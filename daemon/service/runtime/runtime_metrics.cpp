#include "service/runtime/runtime_metrics.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include "plugin_host/guarded.hpp"

namespace labelflow::service {

void register_store_metrics(metrics::Registry& registry, store::StateStore& store) {
  registry.gauge_callback("labelflow_plugin_errors", "Errors and exceptions raised by plugin code",
                          {},
                          [] { return static_cast<double>(plugin_host::plugin_error_count()); });
  store::StateStore* s = &store;
  registry.counter_callback("labelflow_store_commits_total",
                            "Durable state transactions (group commits) since start", {},
                            [s] { return double(s->commit_stats().transactions); });
  registry.counter_callback("labelflow_store_batches_total",
                            "Batches carried by those transactions (batches/commits = mean group "
                            "size)",
                            {}, [s] { return double(s->commit_stats().batches); });
}

namespace {

// A project's counts for one /metrics render: Engine::counts() walks every row under the
// project lock, so the gauges of a project share one walk per second instead of one each.
class CountsCache {
 public:
  explicit CountsCache(std::weak_ptr<ProjectRuntime> project) : project_(std::move(project)) {}
  std::optional<core::EngineCounts> get() {
    auto p = project_.lock();
    if (!p) return std::nullopt;
    std::lock_guard lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (!counts_ || now - at_ >= std::chrono::seconds(1)) {
      std::lock_guard project_lock(p->mu);
      counts_ = p->engine->counts();
      at_ = now;
    }
    return counts_;
  }

 private:
  std::weak_ptr<ProjectRuntime> project_;
  std::mutex mu_;
  std::optional<core::EngineCounts> counts_;
  std::chrono::steady_clock::time_point at_;
};

}  // namespace

void register_project_metrics(metrics::Registry& registry, const ProjectPtr& project) {
  // Callbacks outlive nothing: they hold the project weakly and read 0 once it is gone.
  auto cache = std::make_shared<CountsCache>(project);
  auto read = [cache](auto pick) {
    return [cache, pick]() -> double {
      auto c = cache->get();
      return c ? pick(*c) : 0.0;
    };
  };
  const std::string id = project->id();
  auto& r = registry;
  const char* rows_help = "Rows of a project by status";
  r.gauge_callback("labelflow_rows", rows_help, {{"project", id}, {"status", "open"}},
                   read([](const core::EngineCounts& c) { return double(c.open); }));
  r.gauge_callback("labelflow_rows", rows_help, {{"project", id}, {"status", "final"}},
                   read([](const core::EngineCounts& c) { return double(c.final); }));
  r.gauge_callback("labelflow_rows", rows_help, {{"project", id}, {"status", "set_aside"}},
                   read([](const core::EngineCounts& c) { return double(c.set_aside); }));
  r.gauge_callback("labelflow_leases_live", "Tasks currently leased", {{"project", id}},
                   read([](const core::EngineCounts& c) { return double(c.live_tasks); }));
  r.counter_callback("labelflow_leases_expired_total", "Leases that ran past their TTL since start",
                     {{"project", id}},
                     read([](const core::EngineCounts& c) { return double(c.leases_expired); }));
  std::weak_ptr<ProjectRuntime> weak = project;
  r.gauge_callback("labelflow_project_paused", "1 while the project is paused", {{"project", id}},
                   [weak]() -> double {
                     auto p = weak.lock();
                     return p && p->paused.load() ? 1.0 : 0.0;
                   });
  const auto setup = project->setup();
  const std::size_t stages = setup->spec.stages.size() + 1;  // + escalation
  for (std::size_t i = 0; i < stages; ++i) {
    const std::string name =
        i < setup->spec.stages.size() ? setup->spec.stages[i].name : std::string("escalation");
    r.gauge_callback("labelflow_queue_rows", "Open rows waiting in a stage",
                     {{"project", id}, {"stage", name}}, read([i](const core::EngineCounts& c) {
                       return i < c.waiting_per_stage.size() ? double(c.waiting_per_stage[i]) : 0.0;
                     }));
  }
}

}  // namespace labelflow::service
