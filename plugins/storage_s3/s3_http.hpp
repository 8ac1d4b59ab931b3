// One HTTP exchange with S3 through libcurl, signed by libcurl's own SigV4
// (CURLOPT_AWS_SIGV4 "aws:amz:REGION:s3"). No retries here: s3_operations.cpp decides.
#pragma once

#include <labelflow/sdk/storage.hpp>

#include <curl/curl.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace labelflow::storage_s3 {

struct Credentials {
  std::string access_key;
  std::string secret_key;
  std::string session_token;  // empty when none
};

struct HttpSettings {
  std::string region = "us-east-1";
  Credentials credentials;
  long connect_timeout_ms = 5000;
  long timeout_ms = 120000;
};

struct HttpRequest {
  const char* method = "GET";
  std::string url;
  std::string_view body;
  std::string content_type;          // sent (and signed) when not empty
  sdk::ByteSink* sink = nullptr;     // a 2xx body streams here; otherwise kept in `body`
};

struct HttpResponse {
  CURLcode curl_code = CURLE_OK;
  std::string curl_error;            // when curl_code != CURLE_OK
  long status = 0;                   // HTTP status, 0 when no answer came
  std::string body;                  // the body when not streamed (error bodies: first 64 KiB)
  std::map<std::string, std::string> headers;  // lower-case names
  std::uint64_t streamed_bytes = 0;  // bytes handed to the sink
  sdk::Status sink_status;           // the sink's refusal, if it stopped the transfer

  bool transport_failed() const { return curl_code != CURLE_OK && sink_status.is_ok(); }
};

// Shares connections (keep-alive) and DNS between the requests of one storage instance;
// safe to use from several threads at once.
class HttpClient {
 public:
  explicit HttpClient(HttpSettings settings);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse perform(const HttpRequest& request) const;

 private:
  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* self);
  static void unlock(CURL*, curl_lock_data data, void* self);

  HttpSettings settings_;
  std::string sigv4_;
  CURLSH* share_ = nullptr;
  mutable std::mutex locks_[CURL_LOCK_DATA_LAST];
};

}  // namespace labelflow::storage_s3
