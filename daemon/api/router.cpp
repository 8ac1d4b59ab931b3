#include "api/router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "api/http_types.hpp"

namespace labelflow::api {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

std::size_t Router::add(std::string method, std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + std::string(pattern));
  }
  Route route{std::move(method), std::string(pattern), {}};
  std::set<std::string, std::less<>> names;
  for (std::string_view seg : split_path(pattern)) {
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      std::string name(seg.substr(1, seg.size() - 2));
      if (name.empty() || !names.insert(name).second) {
        throw std::invalid_argument("route pattern has an empty or repeated parameter: " +
                                    route.pattern);
      }
      route.segments.push_back({std::move(name), true});
    } else if (seg.find_first_of("{}") != std::string_view::npos) {
      throw std::invalid_argument("route pattern has a malformed parameter: " + route.pattern);
    } else {
      route.segments.push_back({std::string(seg), false});
    }
  }
  for (const Route& r : routes_) {
    if (r.method == route.method && r.pattern == route.pattern) {
      throw std::invalid_argument("duplicate route: " + route.method + " " + route.pattern);
    }
  }
  routes_.push_back(std::move(route));
  return routes_.size() - 1;
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  std::vector<std::string_view> segments = split_path(path);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const Route& route = routes_[i];
    if (route.segments.size() != segments.size()) continue;
    PathParams params;
    bool ok = true;
    bool bad = false;
    for (std::size_t s = 0; s < segments.size() && ok; ++s) {
      const Segment& seg = route.segments[s];
      if (!seg.param) {
        ok = seg.text == segments[s];
        continue;
      }
      std::string value;
      if (segments[s].empty()) {
        ok = false;
      } else if (!percent_decode(segments[s], value) ||
                 value.find_first_of(std::string_view("/\0", 2)) != std::string::npos) {
        ok = false;
        bad = true;
      } else {
        params.emplace(seg.text, std::move(value));
      }
    }
    if (bad) {
      result.kind = RouteMatch::Kind::bad_path;
      return result;
    }
    if (!ok) continue;
    if (route.method == method) {
      result.kind = RouteMatch::Kind::found;
      result.route = i;
      result.params = std::move(params);
      result.allow.clear();
      return result;
    }
    if (std::find(result.allow.begin(), result.allow.end(), route.method) == result.allow.end()) {
      result.allow.push_back(route.method);
    }
  }
  result.kind =
      result.allow.empty() ? RouteMatch::Kind::not_found : RouteMatch::Kind::method_not_allowed;
  return result;
}

}  // namespace labelflow::api
