#include "api/routes.hpp"

#include <boost/json/serialize.hpp>
#include <chrono>

namespace labelflow::api {

Response json_response(int status, const boost::json::value& body) {
  Response res;
  res.status = status;
  res.content_type = "application/json";
  res.body = boost::json::serialize(body);
  return res;
}

Routes::Routes(service::Service& service, Authenticator& auth, Lifecycle& lifecycle,
               metrics::Registry& registry, RoutesOptions options)
    : service_(service),
      auth_(auth),
      lifecycle_(lifecycle),
      registry_(registry),
      auth_failures_(registry.counter("labelflow_auth_failures_total",
                                      "Requests refused for a missing or unknown bearer token")),
      throttle_(options.throttle) {
  if (options.web_root) static_.emplace(*options.web_root);
  for (auto& dir : options.widget_dirs) widgets_.emplace_back(std::move(dir));
  add_operational_routes();
  add_task_routes();
  add_project_routes();
  add_admin_routes();
}

void Routes::add(const std::string& method, const std::string& pattern, Access access, Run run,
                     Fn fn) {
  std::size_t index = router_.add(method, pattern);
  if (index != routes_.size()) throw std::logic_error("route table out of step with router");
  routes_.push_back({access, run, std::move(fn), {}});
}

void Routes::add_deferred(const std::string& method, const std::string& pattern, Access access,
                              DeferredFn fn) {
  std::size_t index = router_.add(method, pattern);
  if (index != routes_.size()) throw std::logic_error("route table out of step with router");
  routes_.push_back({access, Run::worker, {}, std::move(fn)});
}

namespace {

// "<plugin name>.widget.js" with a lower-case plugin name: nothing else is ever looked up.
bool is_widget_name(std::string_view name) {
  constexpr std::string_view kSuffix = ".widget.js";
  if (name.size() <= kSuffix.size() || !name.ends_with(kSuffix)) return false;
  name.remove_suffix(kSuffix.size());
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

void Routes::add_operational_routes() {
  add("GET", "/widgets/{file}", Access::open, Run::worker, [this](const Call& c) {
    const std::string& file = c.param("file");
    if (!is_widget_name(file)) {
      return error_response({ErrorCode::not_found,
                             "no such widget: " + file + " (names look like ner.widget.js)",
                             {},
                             0});
    }
    for (const StaticFiles& dir : widgets_) {
      Response res = dir.serve("/" + file);
      if (res.status != 404) return res;
    }
    return error_response({ErrorCode::not_found, "no such widget: " + file, {}, 0});
  });
  add("GET", "/healthz", Access::open, Run::io, [](const Call&) {
    return json_response(200, {{"status", "ok"}});
  });
  add("GET", "/readyz", Access::open, Run::io, [this](const Call&) {
    Lifecycle::Phase phase = lifecycle_.phase();
    if (phase == Lifecycle::Phase::ready) return json_response(200, {{"status", "ready"}});
    return error_response(
        {ErrorCode::unavailable, "not ready: " + std::string(Lifecycle::name(phase)), {}, 0});
  });
  add("GET", "/metrics", Access::open, Run::io, [this](const Call&) {
    Response res;
    res.content_type = "text/plain; version=0.0.4; charset=utf-8";
    res.body = registry_.render();
    return res;
  });
}

Prepared Routes::prepare(Request request) {
  Prepared out;
  // HEAD is answered as GET; the server sends the headers only (RFC 9110 9.3.2).
  const bool head = request.method == "HEAD";
  RouteMatch match = router_.match(head ? "GET" : request.method, request.path);
  switch (match.kind) {
    case RouteMatch::Kind::found:
      break;
    case RouteMatch::Kind::bad_path:
      out.response = error_response(
          {ErrorCode::bad_request, "malformed path segment in " + request.path, {}, 0});
      return out;
    case RouteMatch::Kind::method_not_allowed: {
      std::string allow;
      for (const auto& m : match.allow) {
        allow += (allow.empty() ? "" : ", ") + m;
        if (m == "GET") allow += ", HEAD";
      }
      out.response = error_response(
          {ErrorCode::bad_request,
           "method " + request.method + " not allowed on " + request.path + "; allowed: " + allow,
           {},
           405});
      out.response.headers.emplace_back("Allow", allow);
      return out;
    }
    case RouteMatch::Kind::not_found: {
      bool api_path = request.path == "/v1" || request.path.starts_with("/v1/");
      if (static_ && !api_path && (request.method == "GET" || head)) {
        out.route = "static";
        out.work = [files = &*static_, path = request.path] { return files->serve(path); };
        return out;
      }
      out.response = error_response(
          {ErrorCode::not_found, "no route for " + request.method + " " + request.path, {}, 0});
      return out;
    }
  }

  const Route& route = routes_[match.route];
  out.route = router_.pattern(match.route);
  auto call = std::make_shared<Call>();
  if (route.access != Access::open) {
    std::optional<std::string_view> token =
        Authenticator::bearer_token(request.header("Authorization"));
    std::optional<Caller> caller;
    if (token) caller = auth_.authenticate(*token);
    if (!caller) {
      auth_failures_.inc();
      out.delay = throttle_.on_failure(request.peer, std::chrono::steady_clock::now());
      out.response = error_response(
          {ErrorCode::unauthorized,
           token ? "invalid bearer token" : "missing bearer token (Authorization: Bearer ...)",
           {},
           0});
      return out;
    }
    bool allowed = route.access == Access::any ||
                   (route.access == Access::admin && caller->role == Role::admin) ||
                   (route.access == Access::reviewer && caller->role == Role::reviewer);
    if (!allowed) {
      out.response = error_response(
          {ErrorCode::forbidden,
           std::string(route.access == Access::admin ? "only the admin" : "only reviewers") +
               " may call " + request.method + " " + out.route,
           {},
           0});
      return out;
    }
    call->caller = std::move(*caller);
  }
  call->request = std::move(request);
  call->params = std::move(match.params);
  if (route.deferred) {
    out.deferred = [fn = &route.deferred, call](Reply reply) { (*fn)(*call, std::move(reply)); };
  } else if (route.run == Run::io) {
    out.response = route.fn(*call);
  } else {
    out.work = [fn = &route.fn, call] { return (*fn)(*call); };
  }
  return out;
}

}  // namespace labelflow::api
