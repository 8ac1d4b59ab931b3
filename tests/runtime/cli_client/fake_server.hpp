// A minimal single-threaded HTTP/1.1 server on a free 127.0.0.1 port for the `labelflow` client
// tests: answers canned responses per "METHOD TARGET" and records every request. One request
// per connection (it answers with Connection: close). Plain POSIX sockets.
#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "loopback_listener.hpp"

namespace labelflow::test {

struct Recorded {
  std::string method;
  std::string target;                          // path and query as sent
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

struct Canned {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

class FakeServer {
 public:
  FakeServer();  // binds and starts serving
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(listener_.port()); }

  // Responses for "METHOD TARGET" (e.g. "GET /v1/projects"), given in order; the last one
  // repeats. A request without a canned response gets 404 not_found.
  void on(const std::string& method_target, std::vector<Canned> responses);

  std::vector<Recorded> requests() const;
  void clear();  // forgets the requests and the canned responses

 private:
  void answer(int fd);

  mutable std::mutex mu_;
  std::map<std::string, std::deque<Canned>> canned_;
  std::vector<Recorded> requests_;
  LoopbackListener listener_;  // last: serves once everything above exists
};

// A loopback port nothing listens on (bound, then closed).
int unused_port();

}  // namespace labelflow::test
