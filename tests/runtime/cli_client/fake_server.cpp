#include "fake_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace labelflow::test {
namespace {

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    case 422:
      return "Unprocessable Entity";
    default:
      return "Status";
  }
}

}  // namespace

FakeServer::FakeServer() : listener_(0, [this](int fd) { answer(fd); }) {}

void FakeServer::on(const std::string& method_target, std::vector<Canned> responses) {
  std::lock_guard lock(mu_);
  canned_[method_target] = std::deque<Canned>(responses.begin(), responses.end());
}

std::vector<Recorded> FakeServer::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

void FakeServer::clear() {
  std::lock_guard lock(mu_);
  requests_.clear();
  canned_.clear();
}

void FakeServer::answer(int fd) {
  timeval tv{5, 0};  // a client that stops sending does not hold the server
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string data;
  char buffer[4096];
  std::size_t header_end = std::string::npos;
  while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
    auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  Recorded r;
  std::size_t line_end = data.find("\r\n");
  const std::string request_line = data.substr(0, line_end);
  const auto sp1 = request_line.find(' '), sp2 = request_line.rfind(' ');
  r.method = request_line.substr(0, sp1);
  r.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::size_t pos = line_end + 2;
  while (pos < header_end) {
    std::size_t next = data.find("\r\n", pos);
    const std::string line = data.substr(pos, next - pos);
    const auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    r.headers[name] = value;
    pos = next + 2;
  }
  std::size_t length = 0;
  if (auto it = r.headers.find("content-length"); it != r.headers.end()) {
    length = std::stoul(it->second);
  }
  r.body = data.substr(header_end + 4);
  while (r.body.size() < length) {
    auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    r.body.append(buffer, static_cast<std::size_t>(n));
  }
  Canned reply{404, R"({"error":{"code":"not_found","message":"no such route","details":[]}})"};
  {
    std::lock_guard lock(mu_);
    auto it = canned_.find(r.method + " " + r.target);
    if (it != canned_.end() && !it->second.empty()) {
      reply = it->second.front();
      if (it->second.size() > 1) it->second.pop_front();
    }
    requests_.push_back(std::move(r));
  }
  std::string response = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) +
                         "\r\nConnection: close\r\n";
  if (reply.status != 204) {
    response += "Content-Type: " + reply.content_type +
                "\r\nContent-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n" +
                reply.body;
  } else {
    response += "\r\n";
  }
  send_all(fd, response);
}

int unused_port() {
  return LoopbackListener(0, [](int) {}).port();  // closed again at once
}

}  // namespace labelflow::test
