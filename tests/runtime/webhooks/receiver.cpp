#include "receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace labelflow::test {

Receiver::Receiver(std::vector<int> statuses, int port)
    : statuses_(statuses.begin(), statuses.end()),
      listener_(port, [this](int fd) { answer(fd); }) {}

std::vector<Received> Receiver::received() const {
  std::lock_guard lock(mu_);
  return received_;
}

std::size_t Receiver::count() const {
  std::lock_guard lock(mu_);
  return received_.size();
}

void Receiver::answer(int fd) {
  std::string data;
  char buf[4096];
  std::size_t header_end = std::string::npos;
  std::size_t need = 0;
  while (true) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) return;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    data.append(buf, static_cast<std::size_t>(n));
    if (header_end == std::string::npos) {
      header_end = data.find("\r\n\r\n");
      if (header_end == std::string::npos) continue;
    }
    Received r;
    std::size_t pos = data.find("\r\n") + 2;
    while (pos < header_end) {
      const std::size_t eol = data.find("\r\n", pos);
      const std::string line = data.substr(pos, eol - pos);
      const std::size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      r.headers[name] = value;
      pos = eol + 2;
    }
    need = r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
    if (data.size() < header_end + 4 + need) continue;
    r.body = data.substr(header_end + 4, need);
    int status = 200;
    {
      std::lock_guard lock(mu_);
      if (!statuses_.empty()) {
        status = statuses_.front();
        if (statuses_.size() > 1) statuses_.pop_front();
      }
      r.answered = status;
      received_.push_back(r);
    }
    const std::string reply = "HTTP/1.1 " + std::to_string(status) +
                              " X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
    send_all(fd, reply);
    return;
  }
}

}  // namespace labelflow::test
