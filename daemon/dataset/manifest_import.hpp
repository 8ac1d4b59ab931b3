// SageMaker Ground Truth manifests as input (docs/formats.md, DESIGN section 6).
//
// Input manifest line: `source` (inline text) or `source-ref` (an object fetched through the
// import's storage: "s3://<bucket>/<key>" names <key>; the bucket part is not used, the
// storage instance decides) becomes `response`; `id`, `context`, `query`, `auto_labels` and
// `metadata` are used when present; other keys are ignored. Without `id`, the id is
// "<object key>#<line>".
//
// Output manifest line: as above, and every attribute A with an `A-metadata` object becomes
// the auto label named label_map[A] (or A): text-classification -> the class name (string);
// text-classification-multilabel -> the list of class names; text-span -> a list of
// {"start","end","type"} in code points; custom (groundtruth/custom or groundTruth/custom,
// metadata keys with hyphens or underscores) -> its "rating" member when present, else the
// whole value.
#pragma once

#include "core/row.hpp"

#include <labelflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <string>

namespace labelflow::dataset {

// Ground Truth label attribute name -> project label name.
using LabelMap = std::map<std::string, std::string, std::less<>>;
// Reads the object a `source-ref` names (the storage key, already stripped of s3://bucket/).
using SourceFetcher = std::function<sdk::Result<std::string>(std::string_view key)>;

// True when some attribute A of the line has an `A-metadata` object beside it.
bool is_output_manifest(const boost::json::object& line);

sdk::Result<core::RowContent> row_from_input_manifest(const boost::json::object& line,
                                                      std::string_view default_id,
                                                      const SourceFetcher& fetch);

sdk::Result<core::RowContent> row_from_output_manifest(const boost::json::object& line,
                                                       std::string_view default_id,
                                                       const SourceFetcher& fetch,
                                                       const LabelMap& label_map);

// "s3://bucket/a/b.txt" -> "a/b.txt"; anything else is returned as it is.
std::string key_of_source_ref(std::string_view ref);

}  // namespace labelflow::dataset
