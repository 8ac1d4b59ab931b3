// The service's own /metrics: per project the rows by status, the rows waiting per stage, the
// live leases, the leases expired and whether it is paused; daemon-wide the plugin errors and
// the store's commits and batches. Read at render time.
#include "plugin_host/guarded.hpp"
#include "service/service.hpp"

namespace labelflow::service {

void Service::register_metrics(api::metrics::Registry& registry) {
  metrics_ = &registry;
  registry.gauge_callback("labelflow_plugin_errors", "Errors and exceptions raised by plugin code",
                          {},
                          [] { return static_cast<double>(plugin_host::plugin_error_count()); });
  store::StateStore* store = &ctx_.store;
  registry.counter_callback("labelflow_store_commits_total",
                            "Durable state transactions (group commits) since start", {},
                            [store] { return double(store->commit_stats().transactions); });
  registry.counter_callback("labelflow_store_batches_total",
                            "Batches carried by those transactions (batches/commits = mean group "
                            "size)",
                            {}, [store] { return double(store->commit_stats().batches); });
  for (const auto& p : ctx_.all_projects()) register_project_metrics(p);
}

void Service::register_project_metrics(const ProjectPtr& project) {
  if (metrics_ == nullptr) return;
  // Callbacks outlive nothing: they hold the project weakly and read 0 once it is gone.
  std::weak_ptr<ProjectRuntime> weak = project;
  auto read = [weak](auto pick) {
    return [weak, pick]() -> double {
      auto p = weak.lock();
      if (!p) return 0;
      std::lock_guard lock(p->mu);
      return pick(*p);
    };
  };
  const std::string id = project->id();
  auto& r = *metrics_;
  const char* rows_help = "Rows of a project by status";
  r.gauge_callback("labelflow_rows", rows_help, {{"project", id}, {"status", "open"}},
                   read([](ProjectRuntime& p) { return double(p.engine->counts().open); }));
  r.gauge_callback("labelflow_rows", rows_help, {{"project", id}, {"status", "final"}},
                   read([](ProjectRuntime& p) { return double(p.engine->counts().final); }));
  r.gauge_callback("labelflow_rows", rows_help, {{"project", id}, {"status", "set_aside"}},
                   read([](ProjectRuntime& p) { return double(p.engine->counts().set_aside); }));
  r.gauge_callback("labelflow_leases_live", "Tasks currently leased", {{"project", id}},
                   read([](ProjectRuntime& p) { return double(p.engine->counts().live_tasks); }));
  r.counter_callback("labelflow_leases_expired_total", "Leases that ran past their TTL since start",
                     {{"project", id}}, read([](ProjectRuntime& p) {
                       return double(p.engine->counts().leases_expired);
                     }));
  r.gauge_callback("labelflow_project_paused", "1 while the project is paused", {{"project", id}},
                   read([](ProjectRuntime& p) { return p.paused.load() ? 1.0 : 0.0; }));
  const auto setup = project->setup();
  const std::size_t stages = setup->spec.stages.size() + 1;  // + escalation
  for (std::size_t i = 0; i < stages; ++i) {
    const std::string name =
        i < setup->spec.stages.size() ? setup->spec.stages[i].name : std::string("escalation");
    r.gauge_callback("labelflow_queue_rows", "Open rows waiting in a stage",
                     {{"project", id}, {"stage", name}}, read([i](ProjectRuntime& p) {
                       const auto c = p.engine->counts();
                       return i < c.waiting_per_stage.size() ? double(c.waiting_per_stage[i]) : 0.0;
                     }));
  }
}

}  // namespace labelflow::service
