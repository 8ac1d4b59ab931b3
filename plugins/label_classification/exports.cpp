// The plugin entry points of label_classification.so.
#include "classification_type.hpp"

#include <labelflow/sdk/plugin.hpp>

LABELFLOW_PLUGIN(labelflow::labels::classification::ClassificationType, "classification", "1.0.0")
