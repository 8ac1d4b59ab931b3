// ReplyOnce: the Reply behind Prepared::deferred, private to server.cpp (the one translation
// unit with Asio; this header keeps that file readable without a second heavy TU).
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <mutex>
#include <optional>

#include "api/errors.hpp"
#include "api/http_types.hpp"

namespace labelflow::api {

// The Reply handed to deferred work: resumes the connection's coroutine on its own strand the
// first time it is called; if every copy is dropped uncalled, answers 503 so the connection
// never hangs on a lost reply.
template <class Handler>
class ReplyOnce {
 public:
  explicit ReplyOnce(Handler handler) : handler_(std::move(handler)) {}
  ~ReplyOnce() {
    if (handler_) {
      answer(error_response(
          {ErrorCode::unavailable, "internal error: the request was dropped unanswered", {}, 0}));
    }
  }
  void answer(Response res) {
    std::optional<Handler> handler;
    {
      std::lock_guard lock(mu_);
      if (!handler_) return;  // answered already
      handler.emplace(std::move(*handler_));
      handler_.reset();
    }
    auto executor = boost::asio::get_associated_executor(*handler);
    boost::asio::dispatch(executor,
                          [handler = std::move(*handler), res = std::move(res)]() mutable {
                            std::move(handler)(std::move(res));
                          });
  }

 private:
  std::mutex mu_;
  std::optional<Handler> handler_;
};

}  // namespace labelflow::api
