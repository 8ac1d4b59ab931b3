// A small blocking HTTP client over libcurl for the `labelflow` client commands. One request at
// a time; JSON bodies; the bearer token goes only into the Authorization header (never into
// messages, URLs or logs). http:// and https:// URLs (TLS through curl).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace labelflow::cli {

struct HttpResponse {
  long status = 0;
  std::string content_type;
  std::string body;
};

struct HttpTimeouts {
  std::chrono::milliseconds connect{5000};
  std::chrono::milliseconds total{60000};  // the whole request, including the response body
};

class HttpClient {
 public:
  // `base_url` like "http://127.0.0.1:8080" (a trailing '/' is dropped); an empty token sends no
  // Authorization header.
  HttpClient(std::string base_url, std::string token, HttpTimeouts timeouts = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends METHOD base_url+target (target starts with '/', already percent-encoded). A body is
  // sent as application/json. Returns the response (any status), or a one-line message when
  // no response came (connection refused, timeout, bad URL): "cannot reach URL: reason".
  std::variant<HttpResponse, std::string> request(std::string_view method, std::string_view target,
                                                  std::optional<std::string> body = {});

  const std::string& base_url() const { return base_url_; }

 private:
  std::string base_url_;
  std::string authorization_;  // "Authorization: Bearer ..." or empty
  HttpTimeouts timeouts_;
  void* curl_ = nullptr;  // CURL*, kept to reuse the connection between requests (polling)
};

// Percent-encodes one path segment or query value (everything but RFC 3986 unreserved chars).
std::string encode_component(std::string_view text);

}  // namespace labelflow::cli
