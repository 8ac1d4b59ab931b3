// The service's own /metrics: per project the rows by status, the rows waiting per stage, the
// live leases, the leases expired and whether it is paused; daemon-wide the plugin errors and
// the store's commits and batches. Read at render time; a project's counts at most once a
// second (they walk its rows).
#pragma once

#include "metrics/registry.hpp"
#include "service/runtime/project_runtime.hpp"
#include "store/state_store.hpp"

namespace labelflow::service {

// Plugin errors and the store's commits and batches. `store` outlives the registry's use.
void register_store_metrics(metrics::Registry& registry, store::StateStore& store);
// One project's gauges; they read 0 once the project is gone.
void register_project_metrics(metrics::Registry& registry, const ProjectPtr& project);

}  // namespace labelflow::service
