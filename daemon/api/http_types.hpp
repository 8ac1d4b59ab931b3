// Plain HTTP request/response values exchanged between the Beast-based server and the rest of the
// API layer. Nothing here includes Asio or Beast, so routes, auth and tests compile cheaply.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace labelflow::api {

struct Request {
  std::string method;  // "GET", "POST", ... as sent (upper case per RFC 9110)
  std::string target;  // the raw request target, e.g. "/v1/projects?x=1"
  std::string path;    // target without the query, percent-decoding NOT applied
  std::string query;   // text after '?', without it; empty when absent
  std::vector<std::pair<std::string, std::string>> headers;  // names as sent
  std::string body;
  std::string peer;  // remote IP address in text form ("127.0.0.1")

  // Value of the first header named `name` (ASCII case-insensitive), or "" when absent.
  std::string_view header(std::string_view name) const;
  // Value of query parameter `name` (percent-decoded, '+' as space), or "" when absent.
  std::string query_param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Allow
};

// Decodes %XX escapes; returns false (leaving `out` unspecified) on a malformed escape.
// When `plus_as_space` is set, '+' decodes to ' ' (query strings).
bool percent_decode(std::string_view in, std::string& out, bool plus_as_space = false);

// ASCII case-insensitive equality, for header names.
bool iequals(std::string_view a, std::string_view b);

}  // namespace labelflow::api
