// The loadable module's entry points; the implementation lives in storage_local_impl.
#include "local_storage.hpp"

#include <labelflow/sdk/plugin.hpp>

LABELFLOW_PLUGIN(labelflow::storage_local::LocalStorage, "local", "1.0.0")
