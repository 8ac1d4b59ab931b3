// The only translation unit that includes Boost.Asio and Boost.Beast (they cost ~10 s and
// 650 MB of compiler memory per TU). One C++20 coroutine per connection, on its own strand.
//
// Timeouts use a per-connection timer that cancels (not closes) the socket, so a request that
// took too long can still be answered 408 before the connection is dropped.
#include "api/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_set>
#include <vector>

#include "api/client_address.hpp"
#include "api/errors.hpp"
#include "api/reply_once.hpp"

namespace labelflow::api {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto kTuple = asio::as_tuple(use_awaitable);

// How long and how much an error response's lingering close reads, so the client sees the
// response rather than a reset caused by its unread request bytes.
constexpr std::chrono::milliseconds kLingerTime{500};
constexpr std::size_t kLingerBytes = 1u << 20;

}  // namespace

struct Session {
  Session(tcp::socket s, Server::Impl& owner)
      : socket(std::move(s)), timer(socket.get_executor()), impl(owner) {}
  ~Session();

  // Arms the deadline: when it fires first, the pending operation ends with operation_aborted
  // and `timed_out` is set. A generation number ignores expiries queued before disarm().
  void arm(std::chrono::milliseconds d);
  void disarm() {
    armed = false;
    timer.cancel();
  }

  tcp::socket socket;
  asio::steady_timer timer;
  Server::Impl& impl;
  std::string peer;
  std::uint64_t generation = 0;
  bool armed = false;
  bool timed_out = false;
  bool idle = true;  // waiting for a request's first byte (drain closes such connections)
};

struct Server::Impl {
  Impl(ServerOptions o, Handler& h, Lifecycle& l, metrics::Registry& r)
      : options(std::move(o)),
        handler(h),
        lifecycle(l),
        registry(r),
        open_gauge(r.gauge("labelflow_http_connections_open", "Open HTTP connections")),
        refused(r.counter("labelflow_http_connections_refused_total",
                          "Connections refused because max_connections were open")),
        ioc(static_cast<int>(std::max(1u, options.io_threads))),
        acceptor(ioc),
        workers(std::max(1u, options.worker_threads)) {}

  awaitable<void> accept_loop();
  awaitable<void> serve(std::shared_ptr<Session> s);
  awaitable<bool> read_request(Session& s, boost::beast::flat_buffer& buffer,
                               http::request_parser<http::string_body>& parser, bool first,
                               std::optional<ApiError>& error,
                               std::chrono::steady_clock::time_point& start);
  template <class Body>
  awaitable<bool> write(Session& s, http::response<Body>& res);
  awaitable<Response> run_on_workers(std::function<Response()> work);
  awaitable<Response> run_deferred(std::function<void(Reply)> deferred);
  awaitable<void> linger_close(Session& s);
  void refuse(tcp::socket socket);
  void record(std::string_view method, std::string_view path, const std::string& route,
              std::string_view peer, int status, std::chrono::steady_clock::time_point start);

  ServerOptions options;
  Handler& handler;
  Lifecycle& lifecycle;
  metrics::Registry& registry;
  metrics::Gauge& open_gauge;
  metrics::Counter& refused;
  std::atomic<bool> draining{false};
  std::atomic<bool> stopped{false};
  bool started = false;  // set by start(); a server that never started leaves the lifecycle be
  std::uint16_t bound_port = 0;

  // Declared before the io_context: sessions destroyed by ~io_context unregister themselves.
  mutable std::mutex mutex;
  std::condition_variable all_closed;
  std::unordered_set<Session*> sessions;

  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::thread_pool workers;
  std::vector<std::thread> threads;
};

Session::~Session() {
  std::lock_guard lock(impl.mutex);
  impl.sessions.erase(this);
  impl.open_gauge.set(static_cast<double>(impl.sessions.size()));
  impl.all_closed.notify_all();
}

void Session::arm(std::chrono::milliseconds d) {
  std::uint64_t gen = ++generation;
  armed = true;
  timed_out = false;
  timer.expires_after(d);
  timer.async_wait([this, gen](boost::system::error_code ec) {
    if (ec || !armed || gen != generation) return;
    timed_out = true;
    boost::system::error_code ignored;
    socket.cancel(ignored);
  });
}

namespace {

http::response<http::string_body> to_beast(const Response& res, unsigned version, bool keep_alive) {
  http::response<http::string_body> out;
  out.result(static_cast<unsigned>(res.status));
  out.version(version);
  if (!res.body.empty() || res.status != 204) {
    out.set(http::field::content_type, res.content_type);
  }
  for (const auto& [name, value] : res.headers) out.insert(name, value);
  out.keep_alive(keep_alive);
  out.body() = res.body;
  out.prepare_payload();
  return out;
}

Request to_plain(http::request<http::string_body>& req, const std::string& peer) {
  Request out;
  out.method = std::string(req.method_string());
  out.target = std::string(req.target());
  std::size_t q = out.target.find('?');
  out.path = out.target.substr(0, q);
  if (q != std::string::npos) out.query = out.target.substr(q + 1);
  for (const auto& field : req) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(req.body());
  out.peer = peer;
  return out;
}

}  // namespace

void Server::Impl::record(std::string_view method, std::string_view path, const std::string& route,
                          std::string_view peer, int status,
                          std::chrono::steady_clock::time_point start) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  registry
      .counter("labelflow_http_requests_total", "HTTP requests by route and status",
               {{"route", route}, {"status", std::to_string(status)}})
      .inc();
  registry
      .histogram("labelflow_http_request_duration_seconds",
                 "Time from a request's first byte to its response being written",
                 metrics::default_latency_buckets(), {{"route", route}})
      .observe(seconds);
  if (options.access_log) {
    options.access_log(AccessRecord{method, path, route, peer, status, seconds});
  }
}

void Server::Impl::refuse(tcp::socket socket) {
  // Written without waiting: a short response always fits in a fresh socket's send buffer.
  refused.inc();
  static const std::string kResponse = [] {
    std::string body = error_json({ErrorCode::unavailable, "too many open connections", {}, 0});
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
           "Connection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  boost::system::error_code ec;
  socket.non_blocking(true, ec);
  socket.write_some(asio::buffer(kResponse), ec);
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);
}

awaitable<void> Server::Impl::accept_loop() {
  while (!draining && !stopped) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) {
      // Out of descriptors or a transient failure: pause briefly rather than spin.
      asio::steady_timer pause(ioc, std::chrono::milliseconds(50));
      co_await pause.async_wait(kTuple);
      continue;
    }
    std::shared_ptr<Session> session;
    {
      std::lock_guard lock(mutex);
      if (sessions.size() < options.limits.max_connections) {
        session = std::make_shared<Session>(std::move(socket), *this);
        sessions.insert(session.get());
        open_gauge.set(static_cast<double>(sessions.size()));
      }
    }
    if (!session) {
      refuse(std::move(socket));
      continue;
    }
    boost::system::error_code ignored;
    auto endpoint = session->socket.remote_endpoint(ignored);
    session->peer = ignored ? std::string("unknown") : endpoint.address().to_string();
    auto executor = session->socket.get_executor();
    asio::co_spawn(executor, serve(std::move(session)), asio::detached);
  }
}

// Reads one request. Returns false when the connection should just close (peer went away, idle
// timeout); sets `error` when the client must first get an error response.
awaitable<bool> Server::Impl::read_request(Session& s, boost::beast::flat_buffer& buffer,
                                           http::request_parser<http::string_body>& parser,
                                           bool first, std::optional<ApiError>& error,
                                           std::chrono::steady_clock::time_point& start) {
  const ServerLimits& limits = options.limits;
  if (buffer.size() == 0) {
    s.idle = true;
    if (draining) co_return false;
    s.arm(first ? limits.request_timeout : limits.idle_timeout);
    auto [ec, n] = co_await s.socket.async_read_some(buffer.prepare(4096), kTuple);
    s.disarm();
    s.idle = false;
    if (ec) {
      if (s.timed_out && first) error = ApiError{ErrorCode::timeout, "no request received", {}, 0};
      const bool answer = first && s.timed_out;  // only a fresh connection gets its 408
      co_return answer;
    }
    buffer.commit(n);
  }
  start = std::chrono::steady_clock::now();  // latency counts from the first byte, not idle time
  s.idle = false;
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
  s.arm(limits.request_timeout);
  auto [ec, n] = co_await http::async_read_header(s.socket, buffer, parser, kTuple);
  if (!ec && !parser.is_done()) {
    auto& req = parser.get();
    if (auto expect = req[http::field::expect]; !expect.empty()) {
      if (!boost::beast::iequals(expect, "100-continue")) {
        s.disarm();
        error = ApiError{ErrorCode::bad_request, "unsupported Expect header", {}, 417};
        co_return true;
      }
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      std::tie(ec, n) = co_await asio::async_write(s.socket, asio::buffer(kContinue), kTuple);
    }
    if (!ec) std::tie(ec, n) = co_await http::async_read(s.socket, buffer, parser, kTuple);
  }
  s.disarm();
  if (!ec) co_return true;
  if (s.timed_out) {
    error = ApiError{
        ErrorCode::timeout,
        "request not received within " + std::to_string(limits.request_timeout.count()) + " ms",
        {},
        0};
  } else if (ec == http::error::body_limit) {
    error = ApiError{ErrorCode::payload_too_large,
                     "request body exceeds " + std::to_string(limits.max_body_bytes) + " bytes",
                     {},
                     0};
  } else if (ec == http::error::header_limit) {
    error = ApiError{ErrorCode::bad_request,
                     "request headers exceed " + std::to_string(limits.max_header_bytes) + " bytes",
                     {},
                     431};
  } else if (ec == http::error::end_of_stream || ec == asio::error::eof ||
             ec == asio::error::connection_reset || ec == asio::error::operation_aborted) {
    co_return false;
  } else if (ec == http::error::partial_message) {
    co_return false;  // the peer closed mid-request: nobody is left to answer
  } else {
    error = ApiError{ErrorCode::bad_request, "malformed HTTP request: " + ec.message(), {}, 0};
  }
  co_return true;
}

template <class Body>
awaitable<bool> Server::Impl::write(Session& s, http::response<Body>& res) {
  s.arm(options.limits.write_timeout);
  auto [ec, n] = co_await http::async_write(s.socket, res, kTuple);
  s.disarm();
  co_return !ec;
}

awaitable<Response> Server::Impl::run_on_workers(std::function<Response()> work) {
  auto initiate = [this, work = std::move(work)](auto handler) mutable {
    asio::post(workers, [work = std::move(work), handler = std::move(handler)]() mutable {
      Response res;
      try {
        res = work();
      } catch (const std::exception& e) {
        res = error_response(
            {ErrorCode::unavailable, std::string("internal error: ") + e.what(), {}, 0});
      } catch (...) {
        res = error_response({ErrorCode::unavailable, "internal error", {}, 0});
      }
      // Resumes the connection's coroutine on its own strand.
      auto executor = asio::get_associated_executor(handler);
      asio::dispatch(executor, [handler = std::move(handler), res = std::move(res)]() mutable {
        std::move(handler)(std::move(res));
      });
    });
  };
  co_return co_await asio::async_initiate<const asio::use_awaitable_t<>, void(Response)>(
      std::move(initiate), use_awaitable);
}

awaitable<Response> Server::Impl::run_deferred(std::function<void(Reply)> deferred) {
  auto initiate = [this, deferred = std::move(deferred)](auto handler) mutable {
    auto once = std::make_shared<ReplyOnce<decltype(handler)>>(std::move(handler));
    asio::post(workers, [deferred = std::move(deferred), once]() mutable {
      try {
        deferred([once](Response res) { once->answer(std::move(res)); });
      } catch (const std::exception& e) {
        once->answer(error_response(
            {ErrorCode::unavailable, std::string("internal error: ") + e.what(), {}, 0}));
      } catch (...) {
        once->answer(error_response({ErrorCode::unavailable, "internal error", {}, 0}));
      }
    });
  };
  co_return co_await asio::async_initiate<const asio::use_awaitable_t<>, void(Response)>(
      std::move(initiate), use_awaitable);
}

awaitable<void> Server::Impl::linger_close(Session& s) {
  boost::system::error_code ec;
  s.socket.shutdown(tcp::socket::shutdown_send, ec);
  std::vector<char> sink(16384);
  std::size_t total = 0;
  s.arm(kLingerTime);
  while (!ec && total < kLingerBytes) {
    std::size_t n = 0;
    std::tie(ec, n) = co_await s.socket.async_read_some(asio::buffer(sink), kTuple);
    total += n;
  }
  s.disarm();
}

awaitable<void> Server::Impl::serve(std::shared_ptr<Session> s) {
  boost::beast::flat_buffer buffer;
  bool first = true;
  bool lingering = false;
  for (;; first = false) {
    http::request_parser<http::string_body> parser;
    std::optional<ApiError> error;
    auto start = std::chrono::steady_clock::now();
    if (!co_await read_request(*s, buffer, parser, first, error, start)) break;
    if (error) {
      Response res = error_response(*error);
      auto out = to_beast(res, 11, false);
      co_await write(*s, out);
      record("", "", "unparsed", s->peer, res.status, start);
      lingering = true;
      break;
    }
    auto req = parser.release();
    unsigned version = req.version();
    bool keep_alive = req.keep_alive();
    const bool head = req.method() == http::verb::head;
    std::string method(req.method_string());
    std::string path(req.target().substr(0, req.target().find('?')));
    const std::string peer =
        options.trusted_proxies.empty()
            ? s->peer
            : client_address(s->peer, req["X-Forwarded-For"], options.trusted_proxies);
    Prepared prepared = handler.prepare(to_plain(req, peer));
    if (prepared.delay.count() > 0) {
      asio::steady_timer pause(s->socket.get_executor(), prepared.delay);
      co_await pause.async_wait(kTuple);
    }
    // Not a ?: expression: GCC 12 destroys a co_await result in a conditional twice.
    Response res;
    if (prepared.deferred) {
      res = co_await run_deferred(std::move(prepared.deferred));
    } else if (prepared.work) {
      res = co_await run_on_workers(std::move(prepared.work));
    } else {
      res = std::move(prepared.response);
    }
    keep_alive = keep_alive && !draining && !stopped;
    auto out = to_beast(res, version, keep_alive);
    bool written = false;
    if (head) {
      // The GET's headers, Content-Length included, and no body.
      http::response<http::empty_body> headers_only{out.base()};
      written = co_await write(*s, headers_only);
    } else {
      written = co_await write(*s, out);
    }
    record(method, path, prepared.route, peer, res.status, start);
    if (!written || !keep_alive) break;
  }
  if (lingering) co_await linger_close(*s);
  boost::system::error_code ec;
  s->socket.shutdown(tcp::socket::shutdown_both, ec);
  s->socket.close(ec);
}

Server::Server(ServerOptions options, Handler& handler, Lifecycle& lifecycle,
               metrics::Registry& registry)
    : impl_(std::make_unique<Impl>(std::move(options), handler, lifecycle, registry)) {}

Server::~Server() { stop(); }

void Server::start() {
  Impl& impl = *impl_;
  boost::system::error_code ec;
  std::string where = impl.options.address + ":" + std::to_string(impl.options.port);
  auto address = asio::ip::make_address(impl.options.address, ec);
  if (ec) throw std::system_error(ec, "cannot listen on " + where + ": bad address");
  tcp::endpoint endpoint(address, impl.options.port);
  impl.acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl.acceptor.bind(endpoint, ec);
  if (!ec) impl.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::system_error(ec, "cannot listen on " + where);
  impl.bound_port = impl.acceptor.local_endpoint().port();
  impl.started = true;
  asio::co_spawn(impl.ioc, impl.accept_loop(), asio::detached);
  for (unsigned i = 0; i < std::max(1u, impl.options.io_threads); ++i) {
    impl.threads.emplace_back([&impl] {
      auto guard = asio::make_work_guard(impl.ioc);
      impl.ioc.run();
    });
  }
}

std::uint16_t Server::port() const { return impl_->bound_port; }

std::size_t Server::connections() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->sessions.size();
}

bool Server::drain(std::chrono::milliseconds deadline) {
  Impl& impl = *impl_;
  if (impl.stopped || !impl.started) {
    stop();
    return true;
  }
  impl.lifecycle.set(Lifecycle::Phase::draining);
  impl.draining = true;
  asio::post(impl.ioc, [&impl] {
    boost::system::error_code ec;
    impl.acceptor.close(ec);
  });
  {
    // Idle keep-alive connections are closed now; busy ones close after their response.
    std::lock_guard lock(impl.mutex);
    for (Session* s : impl.sessions) {
      asio::post(s->socket.get_executor(), [&impl, s] {
        std::lock_guard inner(impl.mutex);
        if (impl.sessions.count(s) == 0 || !s->idle) return;
        boost::system::error_code ec;
        s->socket.cancel(ec);
      });
    }
  }
  bool finished;
  {
    std::unique_lock lock(impl.mutex);
    finished = impl.all_closed.wait_for(lock, deadline, [&] { return impl.sessions.empty(); });
  }
  stop();
  return finished;
}

void Server::stop() {
  Impl& impl = *impl_;
  if (impl.stopped.exchange(true)) return;
  if (impl.started) impl.lifecycle.set(Lifecycle::Phase::stopped);
  impl.ioc.stop();
  for (auto& t : impl.threads) {
    if (t.joinable()) t.join();
  }
  impl.workers.join();
}

}  // namespace labelflow::api
