#include "api/json_body.hpp"

#include <boost/json/parse_options.hpp>
#include <boost/json/stream_parser.hpp>
#include <string>

namespace labelflow::api {

std::variant<boost::json::object, ApiError> parse_json_object(std::string_view body,
                                                              bool allow_empty) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    if (allow_empty) return boost::json::object{};
    return ApiError{
        ErrorCode::bad_request, "request body must be a JSON object; it is empty", {}, 0};
  }
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  std::size_t used = parser.write(body.data(), body.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    std::size_t offset = std::min(used, body.size());
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
      if (body[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    return ApiError{ErrorCode::bad_request,
                    "malformed JSON body at line " + std::to_string(line) + ", column " +
                        std::to_string(offset - line_start + 1) + " (byte " +
                        std::to_string(offset) + "): " + ec.message(),
                    {},
                    0};
  }
  boost::json::value value = parser.release();
  if (!value.is_object()) {
    return ApiError{ErrorCode::bad_request,
                    "request body must be a JSON object",
                    {{"", "expected an object"}},
                    0};
  }
  return std::move(value.as_object());
}

}  // namespace labelflow::api
