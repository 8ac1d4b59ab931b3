// The loadable module's only job: export KeywordsRouter under the registered name `keywords`.
#include <labelflow/sdk/plugin.hpp>

#include "keywords_router.hpp"

LABELFLOW_PLUGIN(labelflow::plugins::KeywordsRouter, "keywords", "1.0.0")
