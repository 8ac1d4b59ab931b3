// A minimal blocking HTTP/1.1 client over raw sockets, for tests only. Raw sockets (not Beast)
// let tests send malformed, oversized or deliberately slow requests, and keep compile time low.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace labelflow::test {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// "METHOD target HTTP/1.1" with Host, Content-Length (when a body or POST), `headers`, and
// `Connection: close` unless keep_alive.
std::string build_request(std::string_view method, std::string_view target,
                          std::string_view body = {}, const Headers& headers = {},
                          bool keep_alive = true);

class Connection {
 public:
  explicit Connection(std::uint16_t port);  // connects to 127.0.0.1:port; throws on failure
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Sends all of `data`; false when the peer has closed.
  bool send(std::string_view data);
  // Reads one response; nullopt when the connection closed or `timeout` passed first. The
  // answer to a HEAD request has no body whatever its Content-Length says (`head`).
  std::optional<HttpResponse> read_response(
      std::chrono::milliseconds timeout = std::chrono::milliseconds(10'000), bool head = false);
  // True when the peer closes (EOF or reset) within `timeout`, discarding any bytes read.
  bool wait_closed(std::chrono::milliseconds timeout);

 private:
  // Reads more bytes into buffer_; false on EOF, error or timeout.
  bool fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string buffer_;
};

// One request on a fresh connection. Throws std::runtime_error when no response comes.
HttpResponse request(std::uint16_t port, std::string_view method, std::string_view target,
                     std::string_view body = {}, const Headers& headers = {});

inline Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

}  // namespace labelflow::test
