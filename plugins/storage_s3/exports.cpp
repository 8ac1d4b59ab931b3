// The loadable module's entry points; the implementation lives in storage_s3_impl.
#include "s3_storage.hpp"

#include <labelflow/sdk/plugin.hpp>

LABELFLOW_PLUGIN(labelflow::storage_s3::S3Storage, "s3", "1.0.0")
