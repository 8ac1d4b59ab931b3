// Bearer-token authentication. Tokens are held only as SHA-256 digests and compared in constant
// time; neither tokens nor digests are ever logged or echoed in errors.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "service/caller.hpp"

namespace labelflow::api {

// Who made a request. Project membership is not decided here: the service checks it.
using service::Caller;
using service::Role;

// True when `a` and `b` are equal. The time taken depends only on the lengths of the inputs,
// never on where they differ: both are hashed with a per-process random HMAC key and the
// fixed-length digests compared with CRYPTO_memcmp.
bool constant_time_equal(std::string_view a, std::string_view b);

// Token -> caller, as loaded from the daemon config and reviewers.toml.
class TokenTable {
 public:
  // Throws std::invalid_argument when `token` is empty or shorter than kMinTokenLength, or
  // already in the table (the message names the caller ids, never the token).
  void add(std::string_view token, Caller caller);
  std::size_t size() const { return entries_.size(); }

  static constexpr std::size_t kMinTokenLength = 16;

 private:
  friend class Authenticator;
  struct Entry {
    std::array<unsigned char, 32> digest;  // SHA-256 of the token
    Caller caller;
  };
  std::vector<Entry> entries_;
};

// Thread-safe: authenticate() may run on any thread while replace() swaps the table (reload).
class Authenticator {
 public:
  Authenticator() : table_(std::make_shared<const TokenTable>()) {}
  explicit Authenticator(TokenTable table);

  // Atomically replaces the table; requests in flight finish with the table they started with.
  void replace(TokenTable table);

  // The caller for `token`, or nullopt. Visits every entry (no early exit), so the time
  // does not reveal which entry, if any, matched.
  std::optional<Caller> authenticate(std::string_view token) const;

  // Extracts the token from an `Authorization: Bearer <token>` header value (scheme matched
  // case-insensitively); nullopt when absent or another scheme.
  static std::optional<std::string_view> bearer_token(std::string_view header_value);

 private:
  std::shared_ptr<const TokenTable> snapshot() const;
  mutable std::mutex mutex_;  // guards the pointer swap only
  std::shared_ptr<const TokenTable> table_;
};

// Slows down repeated failed authentication from one address: after `free_failures` failures,
// each further failure's response is delayed by base_delay * 2^(n - free_failures - 1), capped at
// max_delay. An address is forgotten after `forget_after` without failures. Memory is bounded
// by max_entries (the stalest address is evicted). A success does not reset the count: one
// valid token must not let an attacker on the same address guess at full speed.
class FailureThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  struct Options {
    unsigned free_failures = 3;
    std::chrono::milliseconds base_delay{250};
    std::chrono::milliseconds max_delay{8000};
    std::chrono::seconds forget_after{300};
    std::size_t max_entries = 4096;
  };

  FailureThrottle() : FailureThrottle(Options{}) {}
  explicit FailureThrottle(Options options) : options_(options) {}

  // Records one failure from `address` at `now`; returns how long to delay its response.
  std::chrono::milliseconds on_failure(const std::string& address, Clock::time_point now);
  std::size_t tracked() const;

 private:
  struct Entry {
    unsigned failures = 0;
    Clock::time_point last;
  };
  Options options_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace labelflow::api
