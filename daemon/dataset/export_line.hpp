// The export line (DESIGN section 6, fixed): one JSON object per finalized row with `row`,
// `final_labels`, `reviews`, `agreement`, `decision` and `provenance`, plus `project` and
// `finalized_at`. Field by field in docs/formats.md.
#pragma once

#include "dataset/export_record.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace labelflow::dataset {

boost::json::object export_object(const ExportRecord& record);
// export_object serialized, with a trailing "\n".
std::string export_line(const ExportRecord& record);

}  // namespace labelflow::dataset
