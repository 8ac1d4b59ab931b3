// The plugin entry points of label_ner.so.
#include "ner_type.hpp"

#include <labelflow/sdk/plugin.hpp>

LABELFLOW_PLUGIN(labelflow::labels::ner::NerType, "ner", "1.0.0")
