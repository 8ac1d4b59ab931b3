#include "s3_http.hpp"

#include <algorithm>
#include <cctype>

#include "s3_request.hpp"

namespace labelflow::storage_s3 {

namespace {

constexpr std::size_t kMaxKeptBody = 64 * 1024;

struct Transfer {
  CURL* curl;
  const HttpRequest* request;
  HttpResponse* response;
};

bool is_success(long status) { return status >= 200 && status < 300; }

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t n = size * count;
  long status = 0;
  curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
  if (t->request->sink != nullptr && is_success(status)) {
    t->response->sink_status = t->request->sink->write(std::string_view(data, n));
    if (!t->response->sink_status) return 0;  // stops the transfer (CURLE_WRITE_ERROR)
    t->response->streamed_bytes += n;
    return n;
  }
  std::size_t room = kMaxKeptBody - std::min(kMaxKeptBody, t->response->body.size());
  if (t->request->sink == nullptr) room = n;  // small answers (XML) are kept whole
  t->response->body.append(data, std::min(n, room));
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.remove_suffix(1);
    }
    t->response->headers[name] = std::string(value);
  }
  return size * count;
}

}  // namespace

HttpClient::HttpClient(HttpSettings settings)
    : settings_(std::move(settings)), sigv4_("aws:amz:" + settings_.region + ":s3") {
  share_ = curl_share_init();
  if (share_ != nullptr) {
    curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, &HttpClient::lock);
    curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &HttpClient::unlock);
    curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  }
}

HttpClient::~HttpClient() {
  if (share_ != nullptr) curl_share_cleanup(share_);
}

void HttpClient::lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
  static_cast<HttpClient*>(self)->locks_[data].lock();
}

void HttpClient::unlock(CURL*, curl_lock_data data, void* self) {
  static_cast<HttpClient*>(self)->locks_[data].unlock();
}

HttpResponse HttpClient::perform(const HttpRequest& request) const {
  HttpResponse response;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    response.curl_code = CURLE_FAILED_INIT;
    response.curl_error = "curl_easy_init failed";
    return response;
  }
  CURL* c = curl.get();
  Transfer transfer{c, &request, &response};
  char error[CURL_ERROR_SIZE] = {0};

  // Every header we add is signed by curl; x-amz-content-sha256 is required by S3 and not
  // added by curl 7.88. Never add an empty "Expect:" (curl would sign a header it never sends).
  curl_slist* headers = nullptr;
  std::string sha = "x-amz-content-sha256: " + sha256_hex(request.body);
  headers = curl_slist_append(headers, sha.c_str());
  std::string token;
  if (!settings_.credentials.session_token.empty()) {
    token = "x-amz-security-token: " + settings_.credentials.session_token;
    headers = curl_slist_append(headers, token.c_str());
  }
  std::string type;
  if (!request.content_type.empty()) {
    type = "Content-Type: " + request.content_type;
    headers = curl_slist_append(headers, type.c_str());
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_guard(headers,
                                                                           &curl_slist_free_all);

  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, settings_.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, settings_.timeout_ms);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_AWS_SIGV4, sigv4_.c_str());
  curl_easy_setopt(c, CURLOPT_USERNAME, settings_.credentials.access_key.c_str());
  curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.credentials.secret_key.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);
  if (share_ != nullptr) curl_easy_setopt(c, CURLOPT_SHARE, share_);

  std::string method = request.method;
  if (method == "PUT" || method == "POST") {
    static const char kEmpty[] = "";
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.empty() ? kEmpty : request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    if (method == "PUT") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
  } else if (method != "GET") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method);
  }

  response.curl_code = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  if (response.curl_code != CURLE_OK) {
    response.curl_error =
        error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(response.curl_code));
  }
  return response;
}

}  // namespace labelflow::storage_s3
