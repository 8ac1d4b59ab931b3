// A listening socket on 127.0.0.1 and a thread that accepts connections one at a time and
// hands each to `on_connection`, which reads and writes it; the socket is closed after it
// returns. The base of the test servers that stand in for real peers (a fake daemon for the
// CLI, a webhook receiver).
#pragma once

#include <atomic>
#include <functional>
#include <string_view>
#include <thread>

namespace labelflow::test {

class LoopbackListener {
 public:
  // `port` 0 picks a free one. Throws std::runtime_error naming the port when it cannot listen.
  LoopbackListener(int port, std::function<void(int fd)> on_connection);
  ~LoopbackListener();  // stops accepting and joins the thread
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;

  int port() const { return port_; }

 private:
  void serve();

  std::function<void(int fd)> on_connection_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;  // last: starts once everything above exists
};

// Writes all of `data` to `fd` (stops quietly when the peer has gone).
void send_all(int fd, std::string_view data);

}  // namespace labelflow::test
