#include "webhooks/dispatcher.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "webhooks/signature.hpp"

namespace labelflow::webhooks {
namespace {

core::TimeMs system_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::size_t discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }

// The HTTP status of one POST, or a negative value with `error` set when none came back.
long post(const std::string& url, const store::WebhookEvent& e, const std::string& signature,
          std::chrono::milliseconds timeout, std::string& error) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    error = "curl_easy_init failed";
    return -1;
  }
  curl_slist* headers = nullptr;
  for (const std::string& h :
       {std::string("Content-Type: application/json"), "X-Labelflow-Event: " + e.event,
        "X-Labelflow-Delivery: " + e.delivery, "X-Labelflow-Signature: " + signature,
        std::string("Expect:")}) {
    headers = curl_slist_append(headers, h.c_str());
  }
  char message[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, e.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(e.body.size()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &discard);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, message);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "labelflowd-webhooks");
  const CURLcode rc = curl_easy_perform(curl);
  long status = -1;
  if (rc == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  } else {
    error = message[0] != '\0' ? message : curl_easy_strerror(rc);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return status;
}

}  // namespace

std::chrono::milliseconds retry_delay(int attempts, double jitter, const DispatcherOptions& o) {
  const double base = static_cast<double>(o.base_delay.count());
  const double cap = static_cast<double>(o.max_delay.count());
  const double full = std::min(cap, base * std::pow(2.0, std::max(0, attempts - 1)));
  const double j = std::clamp(jitter, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(full * (0.5 + 0.5 * j)));
}

Dispatcher::Dispatcher(store::StateStore& store, SecretLookup secrets, DispatcherOptions options)
    : store_(store),
      secrets_(std::move(secrets)),
      options_(std::move(options)),
      random_(std::random_device{}()) {
  if (!options_.clock) options_.clock = system_ms;
  if (options_.metrics != nullptr) {
    // Registered at zero so dashboards see the series before the first delivery.
    for (const char* outcome : {"delivered", "retry", "failed"}) count(outcome, 0);
  }
  thread_ = std::thread([this] { run(); });
}

Dispatcher::~Dispatcher() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Dispatcher::wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Dispatcher::count(const char* outcome, double by) {
  if (options_.metrics == nullptr) return;
  options_.metrics
      ->counter("labelflow_webhook_deliveries_total",
                "Webhook delivery attempts by outcome (delivered, retry, failed)",
                {{"outcome", outcome}})
      .inc(by);
}

store::WebhookAttempt Dispatcher::attempt(const store::OutboxEntry& entry) {
  const auto& e = entry.event;
  store::WebhookAttempt out;
  out.id = entry.id;
  out.attempts = entry.attempts + 1;
  const auto secret = secrets_(e.project, e.url);
  std::string error;
  if (!secret) {
    out.state = store::DeliveryState::failed;
    out.last_error = "project '" + e.project + "' has no webhook for " + e.url + " any more";
  } else {
    const long status =
        post(e.url, e, signature_header(*secret, e.body), options_.request_timeout, error);
    if (status >= 200 && status < 300) {
      out.state = store::DeliveryState::delivered;
      return out;
    }
    out.last_error = status > 0 ? "HTTP status " + std::to_string(status) : error;
    const auto now = options_.clock();
    const auto delay =
        retry_delay(out.attempts, std::uniform_real_distribution<double>(0, 1)(random_), options_);
    out.next_at = now + delay.count();
    if (out.next_at - e.created_at <= options_.give_up_after.count()) return out;
    out.state = store::DeliveryState::failed;
    out.last_error =
        "gave up after " + std::to_string(out.attempts) + " attempt(s): " + out.last_error;
  }
  return out;
}

void Dispatcher::prune_when_due() {
  const auto now = std::chrono::steady_clock::now();
  if (last_prune_ && now - *last_prune_ < options_.prune_every) return;
  last_prune_ = now;
  store::Batch batch;
  batch.prune_webhooks_before = options_.clock() - options_.keep_finished.count();
  store_.commit(std::move(batch)).get();
}

void Dispatcher::run() {
  while (true) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, options_.poll, [this] { return stop_ || woken_; });
      if (stop_) return;
      woken_ = false;
    }
    try {
      prune_when_due();
      for (const auto& entry : store_.due_webhooks(options_.clock(), options_.batch)) {
        {
          std::lock_guard lock(mu_);
          if (stop_) return;
        }
        const auto outcome = attempt(entry);
        store::Batch batch;
        batch.project = entry.event.project;
        batch.webhook_attempts.push_back(outcome);
        store_.commit(std::move(batch)).get();
        const auto& e = entry.event;
        if (outcome.state == store::DeliveryState::delivered) {
          count("delivered");
          spdlog::debug("webhook {} {} to {} delivered", e.event, e.delivery, e.url);
        } else if (outcome.state == store::DeliveryState::failed) {
          count("failed");
          spdlog::error("webhook {} {} of project '{}' to {} failed: {}", e.event, e.delivery,
                        e.project, e.url, outcome.last_error);
        } else {
          count("retry");
          spdlog::warn("webhook {} {} to {}: {}; attempt {} in {} ms", e.event, e.delivery, e.url,
                       outcome.last_error, outcome.attempts + 1,
                       outcome.next_at - options_.clock());
        }
      }
    } catch (const std::exception& ex) {
      spdlog::error("webhook delivery worker: {}", ex.what());
    }
  }
}

}  // namespace labelflow::webhooks
