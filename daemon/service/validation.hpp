// Submission validation (I5): every label of a submission is checked by its plugin before the
// engine sees it. Labels the project does not declare and declared labels that are missing are
// refused too. The answer is an api::ApiError ready to send, or nothing when all is valid.
#pragma once

#include "api/errors.hpp"
#include "core/row.hpp"
#include "service/label_oracle.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace labelflow::service {

// validation_failed (422) with one detail per problem, paths "/labels/<name><pointer>";
// unavailable (503) when a plugin itself failed (logged). `labels` are the project's label
// names in schema order.
std::optional<api::ApiError> validate_submission(const boost::json::object& submitted,
                                                 const std::vector<std::string>& labels,
                                                 const LabelPlugins& plugins,
                                                 const core::RowContent& row);

// Names of the row's auto labels that are invalid (or undeclared): kept, but flagged. A plugin
// failure counts as invalid (reviewers then start from empty) and is logged.
std::vector<std::string> invalid_auto_labels(const core::RowContent& row,
                                             const LabelPlugins& plugins);

// RFC 6901 escaping of one reference token ("a/b" -> "a~1b").
std::string pointer_token(std::string_view name);

}  // namespace labelflow::service
