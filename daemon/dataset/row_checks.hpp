// Row checks: turn one parsed JSON line into a core::RowContent, or say exactly what is wrong.
//
// Rules (docs/formats.md): `id` a non-empty string; `response` a string (required);
// `context` and `query` strings, "" when missing; `auto_labels` an object ({} when missing);
// `metadata` an object ({} when missing) whose `domain`, when present, is a non-empty string
// or a list of non-empty strings, and whose `priority`, when present, is an integer.
#pragma once

#include "core/row.hpp"

#include <labelflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <string>

namespace labelflow::dataset {

// A labelflow JSON-lines row. Keys other than the six row fields are refused (a typo such as
// "reponse" must not import a row with an empty response).
sdk::Result<core::RowContent> row_from_json(const boost::json::object& line);

// Reads the optional fields shared by every format (`id`, `context`, `query`, `auto_labels`,
// `metadata`) from `line` into `row`, checking their types. Missing ones are left unchanged.
sdk::Status read_common_fields(const boost::json::object& line, core::RowContent& row);

// Checks a finished row: id non-empty, metadata.domain and metadata.priority well typed.
sdk::Status check_row(const core::RowContent& row);

// Parses one line into a JSON object; the reason names the parse error and its byte offset.
sdk::Result<boost::json::object> parse_object(std::string_view text);

}  // namespace labelflow::dataset
