// A loopback HTTP/1.1 receiver for webhook tests: one request per connection, answers each
// POST with the next status of a script (the last one repeats) and records what came.
#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace labelflow::test {

struct Received {
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  int answered = 0;
};

class Receiver {
 public:
  explicit Receiver(std::vector<int> statuses, int port = 0);  // port 0: a free one
  ~Receiver();
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::vector<Received> received() const;
  std::size_t count() const;

 private:
  void serve();
  void answer(int fd);

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::deque<int> statuses_;
  std::vector<Received> received_;
  std::thread thread_;
};

}  // namespace labelflow::test
