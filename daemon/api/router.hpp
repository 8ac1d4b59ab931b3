// Method + path-pattern routing. A pattern is a '/'-separated list of literal segments and
// `{name}` parameters, each matching exactly one non-empty segment ("/v1/tasks/{task}/submit").
// Matching is exact: no prefixes, no trailing-slash folding, literals compared case-sensitively.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace labelflow::api {

using PathParams = std::map<std::string, std::string, std::less<>>;

struct RouteMatch {
  enum class Kind { found, not_found, method_not_allowed, bad_path };
  Kind kind = Kind::not_found;
  std::size_t route = 0;           // index returned by Router::add, when found
  PathParams params;               // decoded parameter values, when found
  std::vector<std::string> allow;  // methods the path accepts, when method_not_allowed
};

class Router {
 public:
  // Adds a route and returns its index (0, 1, ... in order of addition).
  // Throws std::invalid_argument on a malformed pattern (not starting with '/', empty or
  // unterminated `{}` segment, duplicate parameter name) or a duplicate method+pattern.
  std::size_t add(std::string method, std::string_view pattern);

  // Matches `path` (raw, percent-encoded; no query). Parameter values are percent-decoded;
  // a malformed escape or a decoded '/' or NUL in a parameter gives Kind::bad_path.
  RouteMatch match(std::string_view method, std::string_view path) const;

  const std::string& pattern(std::size_t route) const { return routes_.at(route).pattern; }

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter name
    bool param = false;
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
  };
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a", "b", "c"}; "/" gives {""}; keeps empty segments ("/a//b").
std::vector<std::string_view> split_path(std::string_view path);

}  // namespace labelflow::api
