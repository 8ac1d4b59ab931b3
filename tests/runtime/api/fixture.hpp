// Starts the real Server + ApiService on 127.0.0.1, port 0, in process, over a BackendDouble.
#pragma once

#include <boost/json.hpp>
#include <memory>

#include "api/server.hpp"
#include "api/service.hpp"
#include "backend_double.hpp"
#include "http_client.hpp"

namespace labelflow::test {

inline const std::string kReviewerToken = "reviewer-r1-token-0123456789";
inline const std::string kReviewer2Token = "reviewer-r2-token-0123456789";
inline const std::string kAdminToken = "admin-token-abcdefghijklmnop";

inline api::TokenTable test_tokens() {
  api::TokenTable table;
  table.add(kReviewerToken, {api::Role::reviewer, "r1"});
  table.add(kReviewer2Token, {api::Role::reviewer, "r2"});
  table.add(kAdminToken, {api::Role::admin, "admin"});
  return table;
}

struct ApiFixture {
  explicit ApiFixture(api::ServerOptions options = {}, api::ServiceOptions service_options = {})
      : auth(test_tokens()) {
    options.address = "127.0.0.1";
    options.port = 0;
    service = std::make_unique<api::ApiService>(backend, auth, lifecycle, registry,
                                                std::move(service_options));
    server = std::make_unique<api::Server>(options, *service, lifecycle, registry);
    server->start();
    lifecycle.set(api::Lifecycle::Phase::ready);
  }

  std::uint16_t port() const { return server->port(); }

  BackendDouble backend;
  api::Authenticator auth;
  api::Lifecycle lifecycle;
  metrics::Registry registry;
  std::unique_ptr<api::ApiService> service;
  std::unique_ptr<api::Server> server;  // last: stopped before the rest is destroyed
};

inline boost::json::value body_json(const HttpResponse& res) {
  return boost::json::parse(res.body);
}

// The error code of a response in the fixed error shape, checking the shape on the way.
std::string error_code_of(const HttpResponse& res);

}  // namespace labelflow::test
