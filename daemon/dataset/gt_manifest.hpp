// The Ground Truth style output manifest (DESIGN section 6): one JSON object per finalized row,
// field-compatible with the shapes AWS documents (docs/formats.md shows each):
//   source                  the text the labels judge: the first NER label's field, else
//                           `response`
//   <label>                 classification: the class index as a string ("1");
//                           multi-class: a list of indexes; NER: {"annotations": {"labels",
//                           "entities": [{"label","startOffset","endOffset"}]}} in code
//                           points; rating: {"rating": final, "ratings": [each review]};
//                           other kinds: the final value
//   <label>-metadata        job-name (the project id), type, human-annotated "yes",
//                           creation-date (ISO 8601 without a zone), confidence (the label's
//                           agreement among reviewers), class-name / class-map /
//                           confidence-map / entities as GT writes them
#pragma once

#include "dataset/export_record.hpp"

#include <labelflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <span>
#include <string>
#include <vector>

namespace labelflow::dataset {

enum class GtKind { classification, ner, rating, custom };

struct GtLabelSpec {
  std::string name;
  GtKind kind = GtKind::custom;
  bool multi = false;                // classification: several classes per row
  std::vector<std::string> classes;  // classification classes, or NER entity types
  std::string field = "response";    // NER: the text field its spans index
};

// invalid_argument naming the row and label when a final value does not fit its spec (e.g. a
// class that is not in `classes`).
sdk::Result<boost::json::object> gt_manifest_object(const ExportRecord& record,
                                                    std::span<const GtLabelSpec> labels);
sdk::Result<std::string> gt_manifest_line(const ExportRecord& record,
                                          std::span<const GtLabelSpec> labels);

}  // namespace labelflow::dataset
