// The plugin entry points of label_rating.so.
#include "rating_type.hpp"

#include <labelflow/sdk/plugin.hpp>

LABELFLOW_PLUGIN(labelflow::labels::rating::RatingType, "rating", "1.0.0")
