#include "api/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

#include "api/http_types.hpp"

namespace labelflow::api {
namespace {

using Digest = std::array<unsigned char, 32>;

Digest sha256(std::string_view data) {
  Digest out{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr) != 1 ||
      len != out.size()) {
    throw std::runtime_error("SHA-256 failed (OpenSSL EVP_Digest)");
  }
  return out;
}

// A random key drawn once per process, so digests used for comparison are unpredictable.
const Digest& hmac_key() {
  static const Digest key = [] {
    Digest k{};
    if (RAND_bytes(k.data(), static_cast<int>(k.size())) != 1) {
      throw std::runtime_error("cannot draw a random HMAC key (OpenSSL RAND_bytes)");
    }
    return k;
  }();
  return key;
}

Digest hmac(std::string_view data) {
  Digest out{};
  unsigned int len = 0;
  const Digest& key = hmac_key();
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(),
           &len) == nullptr ||
      len != out.size()) {
    throw std::runtime_error("HMAC-SHA-256 failed (OpenSSL HMAC)");
  }
  return out;
}

}  // namespace

bool constant_time_equal(std::string_view a, std::string_view b) {
  Digest da = hmac(a);
  Digest db = hmac(b);
  return CRYPTO_memcmp(da.data(), db.data(), da.size()) == 0;
}

void TokenTable::add(std::string_view token, Caller caller) {
  if (token.size() < kMinTokenLength) {
    throw std::invalid_argument("token of '" + caller.id + "' is shorter than " +
                                std::to_string(kMinTokenLength) + " characters");
  }
  Digest digest = sha256(token);
  for (const Entry& e : entries_) {
    if (CRYPTO_memcmp(e.digest.data(), digest.data(), digest.size()) == 0) {
      throw std::invalid_argument("'" + caller.id + "' and '" + e.caller.id +
                                  "' have the same token; each needs its own");
    }
  }
  entries_.push_back({digest, std::move(caller)});
}

Authenticator::Authenticator(TokenTable table)
    : table_(std::make_shared<const TokenTable>(std::move(table))) {}

void Authenticator::replace(TokenTable table) {
  auto fresh = std::make_shared<const TokenTable>(std::move(table));
  std::lock_guard lock(mutex_);
  table_.swap(fresh);
  // The old table is released outside the lock by `fresh`'s destructor.
}

std::shared_ptr<const TokenTable> Authenticator::snapshot() const {
  std::lock_guard lock(mutex_);
  return table_;
}

std::optional<Caller> Authenticator::authenticate(std::string_view token) const {
  std::shared_ptr<const TokenTable> table = snapshot();
  Digest digest = sha256(token);
  const TokenTable::Entry* found = nullptr;
  for (const TokenTable::Entry& e : table->entries_) {
    bool equal = CRYPTO_memcmp(e.digest.data(), digest.data(), digest.size()) == 0;
    found = equal ? &e : found;
  }
  if (found == nullptr) return std::nullopt;
  return found->caller;
}

std::optional<std::string_view> Authenticator::bearer_token(std::string_view value) {
  constexpr std::string_view kScheme = "bearer";
  if (value.size() <= kScheme.size() || !iequals(value.substr(0, kScheme.size()), kScheme) ||
      value[kScheme.size()] != ' ') {
    return std::nullopt;
  }
  value.remove_prefix(kScheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  return value;
}

std::chrono::milliseconds FailureThrottle::on_failure(const std::string& address,
                                                      Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(address);
  if (it != entries_.end() && now - it->second.last > options_.forget_after) {
    entries_.erase(it);
    it = entries_.end();
  }
  if (it == entries_.end()) {
    if (entries_.size() >= options_.max_entries) {
      // Evict the address whose last failure is oldest; O(n) only when the table is full.
      auto stalest = std::min_element(entries_.begin(), entries_.end(), [](auto& a, auto& b) {
        return a.second.last < b.second.last;
      });
      entries_.erase(stalest);
    }
    it = entries_.emplace(address, Entry{}).first;
  }
  Entry& entry = it->second;
  entry.failures += 1;
  entry.last = now;
  if (entry.failures <= options_.free_failures) return std::chrono::milliseconds{0};
  unsigned shift = std::min(entry.failures - options_.free_failures - 1, 20u);
  auto delay = options_.base_delay * (std::int64_t{1} << shift);
  return std::min(delay, options_.max_delay);
}

std::size_t FailureThrottle::tracked() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace labelflow::api
