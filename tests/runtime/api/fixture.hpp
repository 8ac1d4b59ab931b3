// Starts the real Server + Routes on 127.0.0.1, port 0, in process, over a ServiceDouble.
#pragma once

#include <boost/json.hpp>
#include <memory>

#include "api/server.hpp"
#include "api/routes.hpp"
#include "service_double.hpp"
#include "http_client.hpp"

namespace labelflow::test {

inline const std::string kReviewerToken = "reviewer-r1-token-0123456789";
inline const std::string kReviewer2Token = "reviewer-r2-token-0123456789";
inline const std::string kAdminToken = "admin-token-abcdefghijklmnop";

inline api::TokenTable test_tokens() {
  api::TokenTable table;
  table.add(kReviewerToken, {service::Role::reviewer, "r1"});
  table.add(kReviewer2Token, {service::Role::reviewer, "r2"});
  table.add(kAdminToken, {service::Role::admin, "admin"});
  return table;
}

struct ApiFixture {
  explicit ApiFixture(api::ServerOptions options = {}, api::RoutesOptions routes_options = {})
      : auth(test_tokens()) {
    options.address = "127.0.0.1";
    options.port = 0;
    routes = std::make_unique<api::Routes>(service, auth, lifecycle, registry,
                                           std::move(routes_options));
    server = std::make_unique<api::Server>(options, *routes, lifecycle, registry);
    server->start();
    lifecycle.set(api::Lifecycle::Phase::ready);
  }

  std::uint16_t port() const { return server->port(); }

  ServiceDouble service;
  api::Authenticator auth;
  api::Lifecycle lifecycle;
  metrics::Registry registry;
  std::unique_ptr<api::Routes> routes;
  std::unique_ptr<api::Server> server;  // last: stopped before the rest is destroyed
};

inline boost::json::value body_json(const HttpResponse& res) {
  return boost::json::parse(res.body);
}

// The error code of a response in the fixed error shape, checking the shape on the way.
std::string error_code_of(const HttpResponse& res);

}  // namespace labelflow::test
