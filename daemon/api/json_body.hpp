// Parsing request bodies as JSON objects, with errors that name the position.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>
#include <variant>

#include "api/errors.hpp"

namespace labelflow::api {

// Parses `body` as one JSON object. An empty (or all-whitespace) body gives an empty object when
// `allow_empty`, else an error. Malformed JSON gives bad_request naming line, column and byte
// offset ("malformed JSON body at line 1, column 9 (byte 8): syntax error").
std::variant<boost::json::object, ApiError> parse_json_object(std::string_view body,
                                                              bool allow_empty);

}  // namespace labelflow::api
