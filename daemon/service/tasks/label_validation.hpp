// Submission validation (I5): every label of a submission is checked by its plugin before the
// engine sees it. Labels the project does not declare and declared labels that are missing are
// refused too.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/row.hpp"
#include "service/result.hpp"
#include "service/runtime/plugin_label_oracle.hpp"

namespace labelflow::service {

// validation_failed with one detail per problem, paths "/labels/<name><pointer>"; unavailable
// when a plugin itself failed (logged). `labels` are the project's label names in schema order.
std::optional<Error> validate_submission(const boost::json::object& submitted,
                                         const std::vector<std::string>& labels,
                                         const LabelPlugins& plugins,
                                         const core::RowContent& row);

// Names of the row's auto labels that are invalid (or undeclared): kept, but flagged. A plugin
// failure counts as invalid (reviewers then start from empty) and is logged.
std::vector<std::string> invalid_auto_labels(const core::RowContent& row,
                                             const LabelPlugins& plugins);

}  // namespace labelflow::service
