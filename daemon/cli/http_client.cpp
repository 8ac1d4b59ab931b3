#include "cli/http_client.hpp"

#include <curl/curl.h>

#include <cstdio>
#include <mutex>
#include <stdexcept>

namespace labelflow::cli {
namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl could not be initialised");
    }
  });
}

// Frees the header list however the request ends.
struct HeaderList {
  curl_slist* list = nullptr;
  void add(const std::string& header) {
    auto* next = curl_slist_append(list, header.c_str());
    if (!next) throw std::runtime_error("out of memory building HTTP headers");
    list = next;
  }
  ~HeaderList() { curl_slist_free_all(list); }
};

}  // namespace

HttpClient::HttpClient(std::string base_url, std::string token, HttpTimeouts timeouts)
    : base_url_(std::move(base_url)), timeouts_(timeouts) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
  if (!token.empty()) authorization_ = "Authorization: Bearer " + token;
  global_init();
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("libcurl could not create a handle");
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

std::variant<HttpResponse, std::string> HttpClient::request(std::string_view method,
                                                            std::string_view target,
                                                            std::optional<std::string> body) {
  auto* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);
  const std::string url = base_url_ + std::string(target);
  HttpResponse response;
  char error[CURL_ERROR_SIZE] = {};
  HeaderList headers;
  headers.add("Accept: application/json, text/csv");
  if (!authorization_.empty()) headers.add(authorization_);
  if (body) headers.add("Content-Type: application/json");
  const std::string method_text(method);

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts_.connect.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts_.total.count()));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "labelflow-cli");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  if (method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    // POSTFIELDS with an explicit size also sends an empty body as Content-Length: 0.
    if (!body) body.emplace();
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    if (method != "POST") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method_text.c_str());
  }

  const CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    std::string reason = error[0] ? error : curl_easy_strerror(rc);
    return "cannot reach " + base_url_ + ": " + reason;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  char* type = nullptr;
  curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
  if (type) response.content_type = type;
  return response;
}

std::string encode_component(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace labelflow::cli
