// The HTTP/1.1 server: keep-alive, N io threads, a worker pool for blocking handlers, limits on
// body size, header size, request time, idle time and connection count, and graceful drain.
// This header is plain C++: Boost.Asio and Boost.Beast stay inside server.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "api/handler.hpp"
#include "api/lifecycle.hpp"
#include "metrics/registry.hpp"

namespace labelflow::api {

struct ServerLimits {
  std::size_t max_body_bytes = 8u << 20;     // larger bodies: 413 payload_too_large
  std::size_t max_header_bytes = 16u << 10;  // request line + headers; larger: 431 bad_request
  // From a request's first byte to its last; slower: 408 timeout, then the connection closes.
  // On a fresh connection the wait for the first byte counts too.
  std::chrono::milliseconds request_timeout{10'000};
  // How long a keep-alive connection may sit idle between requests before it is closed.
  std::chrono::milliseconds idle_timeout{60'000};
  // Writing one response; a client that does not read is dropped.
  std::chrono::milliseconds write_timeout{10'000};
  // Open connections; one more is answered 503 unavailable and closed at once.
  std::size_t max_connections = 512;
};

// One answered request, for an access log. Carries no headers and no query string, so no
// token can reach a log through it.
struct AccessRecord {
  std::string_view method;  // "" when the request could not be parsed
  std::string_view path;
  std::string_view route;  // the route pattern, "static", "unmatched" or "unparsed"
  std::string_view peer;
  int status = 0;
  double seconds = 0;  // first byte of the request to the response written
};

struct ServerOptions {
  std::string address = "127.0.0.1";  // IPv4 or IPv6 literal
  std::uint16_t port = 0;             // 0: any free port, see Server::port()
  unsigned io_threads = 2;
  unsigned worker_threads = 4;  // run Prepared::work (backend calls that may block)
  ServerLimits limits;
  // Called on an io thread after every response (must be quick, must not throw); optional.
  std::function<void(const AccessRecord&)> access_log;
  // Reverse proxies (address literals) whose X-Forwarded-For names the client (client_address).
  std::vector<std::string> trusted_proxies;
};

class Server {
 public:
  // `handler`, `lifecycle` and `registry` must outlive the server. Registers the server's own
  // metrics (labelflow_http_*) in `registry`.
  Server(ServerOptions options, Handler& handler, Lifecycle& lifecycle,
         metrics::Registry& registry);
  ~Server();  // stop()s if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads. Throws std::system_error whose message names the
  // address and port ("cannot listen on 127.0.0.1:8080: Address already in use").
  // Does not mark the lifecycle ready: the app does once the engine is.
  // REQUIRES: called at most once; a stopped server is not restarted.
  void start();

  // The bound port (the real one when options.port was 0). REQUIRES: start() succeeded.
  std::uint16_t port() const;

  // Graceful shutdown: marks the lifecycle draining, stops accepting, closes idle keep-alive
  // connections, lets requests in flight finish (answered with `Connection: close`) for up to
  // `deadline`, then stops every thread. Returns false when some request had to be abandoned.
  bool drain(std::chrono::milliseconds deadline);

  // Immediate stop: closes every connection and joins the threads; backend calls already
  // running on a worker are waited for (they cannot be interrupted). Marks the lifecycle
  // stopped if start() had succeeded. Idempotent.
  void stop();

  // Connections currently open (for tests and metrics).
  std::size_t connections() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace labelflow::api
