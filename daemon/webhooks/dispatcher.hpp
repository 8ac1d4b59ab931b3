// Dispatcher: the webhook delivery worker. One thread reads due outbox entries from the
// StateStore, POSTs each body with libcurl and records the outcome in the store:
//   - 2xx: delivered;
//   - anything else (status, refused connection, timeout): retried after an exponential
//     backoff with jitter (base_delay * 2^(attempts-1), capped at max_delay, then a random
//     50..100% of it), until give_up_after has passed since the event; then marked failed
//     and logged at error level.
// Delivery is at least once: an attempt whose outcome was not yet committed when the process
// died is repeated after the restart (receivers deduplicate on X-Labelflow-Delivery).
// The pipeline never waits for it: events are rows in the store, and this thread only reads
// them and commits small outcome batches.
//
// Headers: Content-Type: application/json, X-Labelflow-Event, X-Labelflow-Delivery,
// X-Labelflow-Signature: sha256=<hex HMAC-SHA256 of the body keyed with the webhook secret>.
// The secret is looked up at delivery time (a rotated secret signs pending deliveries); an
// entry whose webhook is no longer configured is marked failed.
//
// The outbox stays bounded: delivered and failed entries older than keep_finished (7 days by
// default) are deleted; pending ones never are.
//
// Thread safety: wake() from any thread; the destructor stops the thread (an attempt in
// flight finishes first, bounded by request_timeout).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "metrics/registry.hpp"
#include "store/state_store.hpp"

namespace labelflow::webhooks {

// The secret of `project`'s webhook posting to `url`, or nullopt when there is none now.
using SecretLookup =
    std::function<std::optional<std::string>(const std::string& project, const std::string& url)>;

struct DispatcherOptions {
  std::function<core::TimeMs()> clock;   // default: system clock, ms since the epoch
  std::chrono::milliseconds poll{1000};  // how often due entries are looked for
  std::chrono::milliseconds base_delay{1000};
  std::chrono::milliseconds max_delay{std::chrono::hours(1)};
  std::chrono::milliseconds give_up_after{std::chrono::hours(24)};
  std::chrono::milliseconds request_timeout{10000};
  std::size_t batch = 32;  // entries per poll at most
  // Delivered and failed entries are deleted once their event is older than keep_finished;
  // checked at start and every prune_every.
  std::chrono::milliseconds keep_finished{std::chrono::hours(24 * 7)};
  std::chrono::milliseconds prune_every{std::chrono::hours(1)};
  metrics::Registry* metrics = nullptr;  // labelflow_webhook_deliveries_total{outcome}
};

// The delay before attempt `attempts + 1`, `jitter` in [0, 1] (0.5..1.0 of the capped delay).
std::chrono::milliseconds retry_delay(int attempts, double jitter, const DispatcherOptions& o);

class Dispatcher {
 public:
  Dispatcher(store::StateStore& store, SecretLookup secrets, DispatcherOptions options = {});
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Looks for due entries now instead of at the next poll (call after committing events).
  void wake();

 private:
  void run();
  // One attempt; returns the outcome to commit.
  store::WebhookAttempt attempt(const store::OutboxEntry& entry);
  void count(const char* outcome, double by = 1);
  // Deletes finished entries past keep_finished when prune_every has passed since the last.
  void prune_when_due();

  store::StateStore& store_;
  SecretLookup secrets_;
  DispatcherOptions options_;
  std::mt19937_64 random_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool woken_ = false;
  std::optional<std::chrono::steady_clock::time_point> last_prune_;  // worker thread only
  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace labelflow::webhooks
