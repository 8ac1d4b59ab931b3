// The seam between the network server (server.cpp, the only Beast/Asio code) and request
// handling. The server parses a request, calls prepare() on an io thread, then either sends the
// ready response, or runs `work` on its worker pool (never on an io thread) and sends its
// result, or runs `deferred` on its worker pool and sends what it answers later.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "api/http_types.hpp"

namespace labelflow::api {

// Answers a deferred request. Call it once, from any thread; a reply dropped without being
// called answers 503 unavailable, so a lost reply never leaves a client hanging.
using Reply = std::function<void(Response)>;

struct Prepared {
  // The response, when no `work` is set.
  Response response;
  // Blocking work (backend calls, file reads); runs on a worker thread. Must not throw: an
  // exception escaping it is answered as 503 unavailable.
  std::function<Response()> work;
  // Work that answers through its Reply, possibly after it returned (e.g. once a commit is
  // durable), so the worker thread is free meanwhile. Runs on a worker thread; a throw before
  // replying is answered as 503 unavailable.
  std::function<void(Reply)> deferred;
  // Delay before answering (failed-authentication slowdown); waited on a timer, not a thread.
  std::chrono::milliseconds delay{0};
  // The route pattern, used as the `route` label of request metrics ("unmatched" if none).
  std::string route = "unmatched";
};

class Handler {
 public:
  virtual ~Handler() = default;
  // Called on an io thread: must be quick and must not block. Must not throw.
  virtual Prepared prepare(Request request) = 0;
};

}  // namespace labelflow::api
