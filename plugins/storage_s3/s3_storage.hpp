// S3Storage: the `s3` storage backend. Objects live in `bucket` under `prefix`; requests go
// through libcurl, signed with its built-in SigV4.
//
// Options (docs/storage.md): bucket (required), prefix (""), region ("us-east-1"), endpoint
// ("https://s3.<region>.amazonaws.com"), path_style (false), access_key_env
// ("AWS_ACCESS_KEY_ID"), secret_key_env ("AWS_SECRET_ACCESS_KEY"), session_token_env
// ("AWS_SESSION_TOKEN", used when set), part_size (8 MiB; objects above it go up in a
// multipart upload; real S3 needs >= 5 MiB, smaller values are accepted for tests),
// connect_timeout_ms (5000), timeout_ms (120000, per request), max_retries (4).
//
// Failures: 5xx, 429 and network errors are retried max_retries times with exponential
// backoff and jitter, then reported as Code::unavailable; other 4xx at once, with S3's error
// Code and Message (404 -> not_found, 403 -> permission_denied). Thread-safe.
#pragma once

#include "s3_http.hpp"
#include "s3_request.hpp"
#include "s3_xml.hpp"

#include <labelflow/sdk/storage.hpp>

#include <chrono>
#include <functional>
#include <memory>

namespace labelflow::storage_s3 {

class S3Storage final : public sdk::Storage {
 public:
  S3Storage();
  std::vector<sdk::ConfigError> configure(const boost::json::object& options) override;
  sdk::Status get(std::string_view key, sdk::ByteSink& sink) override;
  sdk::Status put(std::string_view key, std::string_view data) override;
  sdk::Result<sdk::ListPage> list(std::string_view prefix, std::string_view page_token,
                                  std::size_t max_keys) override;
  sdk::Status remove(std::string_view key) override;

 private:
  // What a request is for, to word its errors: "PUT 'a/b.jsonl'".
  struct Call {
    std::string what;
    std::string key;  // the caller's key, when the call has one
  };

  // Runs `request` with retries. Ok for 2xx; otherwise the mapped error.
  sdk::Result<HttpResponse> send(const HttpRequest& request, const Call& call) const;
  sdk::Status error_for(const HttpResponse& response, const Call& call) const;
  std::chrono::milliseconds backoff(int attempt) const;

  sdk::Status put_multipart(const std::string& full_key, std::string_view key,
                            std::string_view data);

  std::string full_key(std::string_view key) const { return prefix_ + std::string(key); }

  Endpoint endpoint_;
  std::string prefix_;
  std::size_t part_size_ = 8 * 1024 * 1024;
  int max_retries_ = 4;
  std::unique_ptr<HttpClient> http_;
};

}  // namespace labelflow::storage_s3
