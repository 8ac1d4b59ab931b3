// Routes: the HTTP API's route table over the service's use cases (service::Service), with
// authentication, roles, the failed-authentication slowdown, /healthz, /readyz, /metrics and the
// static UI. Request bodies become the service's typed requests here, its typed results become
// JSON here, and its errors become HTTP statuses here. It implements Handler, so the Server runs
// it; it knows nothing of sockets.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/auth.hpp"
#include "api/errors.hpp"
#include "api/handler.hpp"
#include "api/lifecycle.hpp"
#include "api/router.hpp"
#include "api/static_files.hpp"
#include "metrics/registry.hpp"
#include "service/service.hpp"

namespace labelflow::api {

struct RoutesOptions {
  FailureThrottle::Options throttle;
  std::optional<std::filesystem::path> web_root;  // serve the UI at "/" when set
  // Label plugins' web widgets: GET /widgets/<name>.widget.js is served from the first of these
  // directories (the plugin directories) that has it. Only such names are served.
  std::vector<std::filesystem::path> widget_dirs;
};

class Routes final : public Handler {
 public:
  // Every reference must outlive the service.
  Routes(service::Service& service, Authenticator& auth, Lifecycle& lifecycle,
         metrics::Registry& registry, RoutesOptions options = {});

  Prepared prepare(Request request) override;

  // Who may call a route: anyone, any valid token, reviewers only, or the admin only.
  enum class Access { open, any, reviewer, admin };

  // One authenticated call, as handed to a route's function.
  struct Call {
    Request request;
    PathParams params;
    Caller caller;  // empty id for open routes
    const std::string& param(const std::string& name) const { return params.find(name)->second; }
  };
  using Fn = std::function<Response(const Call&)>;
  // A route that answers through its Reply (Prepared::deferred).
  using DeferredFn = std::function<void(const Call&, Reply)>;

 private:
  enum class Run { io, worker };  // io: quick and non-blocking; worker: may block
  struct Route {
    Access access;
    Run run;
    Fn fn;                // unset for deferred routes
    DeferredFn deferred;  // runs on a worker thread
  };
  void add(const std::string& method, const std::string& pattern, Access access, Run run, Fn fn);
  void add_deferred(const std::string& method, const std::string& pattern, Access access,
                    DeferredFn fn);
  void add_operational_routes();
  void add_task_routes();     // service_routes.cpp
  void add_project_routes();  // service_routes.cpp
  void add_admin_routes();    // service_routes.cpp

  service::Service& service_;
  Authenticator& auth_;
  Lifecycle& lifecycle_;
  metrics::Registry& registry_;
  metrics::Counter& auth_failures_;
  FailureThrottle throttle_;
  std::optional<StaticFiles> static_;
  std::vector<StaticFiles> widgets_;
  Router router_;
  std::vector<Route> routes_;
};

// JSON response helpers shared by the endpoint code.
Response json_response(int status, const boost::json::value& body);

}  // namespace labelflow::api
