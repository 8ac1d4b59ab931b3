// api_load [--port P] [--path /healthz] [--connections C] [--seconds S] [--io-threads N]
// Opens C keep-alive connections to 127.0.0.1 and sends GET requests back to back for S seconds,
// one thread per connection; prints the request rate. Loopback only.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/server.hpp"
#include "api/routes.hpp"

namespace {

using namespace labelflow;

// The load only reaches /healthz; every service call says so.
class NoService final : public service::Service {
  static service::Error none() {
    return {service::ErrorCode::unavailable, "bench has no engine"};
  }
  using C = service::Caller;
  using S = std::string;

 public:
  void next_task(const C&, const S&, service::Done<std::optional<service::Task>> d) override {
    d(none());
  }
  void heartbeat(const C&, const S&, service::Done<service::HeartbeatResult> d) override {
    d(none());
  }
  void submit(const C&, const S&, service::SubmitRequest,
              service::Done<service::SubmitResult> d) override {
    d(none());
  }
  void release(const C&, const S&, service::Done<service::TaskEnded> d) override { d(none()); }
  void skip(const C&, const S&, const S&, service::Done<service::TaskEnded> d) override {
    d(none());
  }
  void list_projects(const C&, service::Done<std::vector<service::ProjectSummary>> d) override {
    d(none());
  }
  void progress(const C&, const S&, service::Done<service::Progress> d) override { d(none()); }
  void agreement(const C&, const S&, service::Done<service::Agreement> d) override { d(none()); }
  void members(const C&, const S&, service::Done<std::vector<service::MemberSummary>> d) override {
    d(none());
  }
  void row(const C&, const S&, const S&, service::Done<service::RowDetails> d) override {
    d(none());
  }
  void me(const C&, service::Done<service::Me> d) override { d(none()); }
  void create_import(const C&, const S&, service::ImportRequest,
                     service::Done<service::ImportStatus> d) override {
    d(none());
  }
  void get_import(const C&, const S&, const S&, service::Done<service::ImportStatus> d) override {
    d(none());
  }
  void create_export(const C&, const S&, service::ExportRequest,
                     service::Done<service::ExportStatus> d) override {
    d(none());
  }
  void get_export(const C&, const S&, const S&, service::Done<service::ExportStatus> d) override {
    d(none());
  }
  void create_backup(const C&, service::BackupRequest,
                     service::Done<service::BackupResult> d) override {
    d(none());
  }
  void reload(const C&, service::Done<service::ReloadResult> d) override { d(none()); }
  void set_paused(const C&, const S&, bool, service::Done<service::PauseState> d) override {
    d(none());
  }
  void weekly_report(const C&, service::ReportRequest,
                     service::Done<service::WeeklyReport> d) override {
    d(none());
  }
};

int connect_loopback(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::fprintf(stderr, "api_load: cannot connect to 127.0.0.1:%u\n", port);
    std::exit(1);
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

// Sends requests until `stop`; counts complete responses (found by Content-Length).
void run_connection(std::uint16_t port, const std::string& request, std::atomic<bool>& stop,
                    std::atomic<std::uint64_t>& done, std::atomic<std::uint64_t>& failed) {
  int fd = connect_loopback(port);
  std::string buf;
  char chunk[16384];
  while (!stop.load(std::memory_order_relaxed)) {
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
      failed++;
      break;
    }
    for (;;) {
      std::size_t head = buf.find("\r\n\r\n");
      if (head != std::string::npos) {
        std::size_t cl = buf.find("Content-Length: ");
        if (cl == std::string::npos) cl = buf.find("content-length: ");
        std::size_t len = cl != std::string::npos && cl < head
                              ? std::strtoul(buf.c_str() + cl + 16, nullptr, 10)
                              : 0;
        if (buf.size() >= head + 4 + len) {
          if (buf.compare(9, 3, "200") != 0) failed++;
          buf.erase(0, head + 4 + len);
          break;
        }
      }
      ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) {
        failed++;
        ::close(fd);
        return;
      }
      buf.append(chunk, static_cast<std::size_t>(n));
    }
    done.fetch_add(1, std::memory_order_relaxed);
  }
  ::close(fd);
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0;
  int connections = 8;
  double seconds = 3;
  unsigned io_threads = 1;
  std::string path = "/healthz";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--port")
      port = std::atoi(argv[i + 1]);
    else if (flag == "--connections")
      connections = std::atoi(argv[i + 1]);
    else if (flag == "--seconds")
      seconds = std::atof(argv[i + 1]);
    else if (flag == "--io-threads")
      io_threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
    else if (flag == "--path")
      path = argv[i + 1];
    else {
      std::fprintf(stderr, "api_load: unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  NoService service;
  api::Authenticator auth;
  api::Lifecycle lifecycle;
  metrics::Registry registry;
  api::Routes routes(service, auth, lifecycle, registry);
  std::unique_ptr<api::Server> server;
  if (port == 0) {
    api::ServerOptions options;
    options.io_threads = io_threads;
    server = std::make_unique<api::Server>(options, routes, lifecycle, registry);
    server->start();
    lifecycle.set(api::Lifecycle::Phase::ready);
    port = server->port();
  }
  std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0}, failed{0};
  std::vector<std::thread> threads;
  auto start = std::chrono::steady_clock::now();
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back(run_connection, static_cast<std::uint16_t>(port), std::cref(request),
                         std::ref(stop), std::ref(done), std::ref(failed));
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "target=%s port=%d connections=%d io_threads=%u seconds=%.2f requests=%llu "
      "failed=%llu rate=%.0f req/s\n",
      server ? "in-process" : "external", port, connections, io_threads, elapsed,
      static_cast<unsigned long long>(done.load()), static_cast<unsigned long long>(failed.load()),
      done.load() / elapsed);
  return failed.load() == 0 ? 0 : 1;
}
