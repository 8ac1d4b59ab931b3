// A loopback HTTP/1.1 receiver for webhook tests: one request per connection, answers each
// POST with the next status of a script (the last one repeats) and records what came.
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "loopback_listener.hpp"

namespace labelflow::test {

struct Received {
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  int answered = 0;
};

class Receiver {
 public:
  explicit Receiver(std::vector<int> statuses, int port = 0);  // port 0: a free one
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;

  int port() const { return listener_.port(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()) + "/hook"; }
  std::vector<Received> received() const;
  std::size_t count() const;

 private:
  void answer(int fd);

  mutable std::mutex mu_;
  std::deque<int> statuses_;
  std::vector<Received> received_;
  LoopbackListener listener_;  // last: serves once everything above exists
};

}  // namespace labelflow::test
