// The export line of a final row (docs/formats.md): the row, its final labels in each plugin's
// export form, every review, the agreement, the decision and the provenance; or the same row as
// a Ground Truth style output manifest line.
#pragma once

#include <string>

#include "service/runtime/context.hpp"

namespace labelflow::service {

// The line, or why it cannot be built now (no decision yet, a plugin failed).
sdk::Result<std::string> export_line_for(Context& ctx, const ProjectRuntime& project,
                                         const std::string& row_id, bool gt_manifest);

}  // namespace labelflow::service
