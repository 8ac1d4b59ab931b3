// S3Storage's four operations and the retry policy they share.
#include "s3_keys.hpp"
#include "s3_storage.hpp"

#include <random>
#include <thread>

namespace labelflow::storage_s3 {

namespace {

bool retryable(const HttpResponse& r) {
  if (r.transport_failed()) return true;
  return r.status >= 500 || r.status == 429;
}

std::string describe_failure(const HttpResponse& r) {
  if (r.transport_failed()) return r.curl_error;
  std::string out = "HTTP " + std::to_string(r.status);
  if (auto e = parse_error(r.body)) out += " " + e->code + ": " + e->message;
  return out;
}

}  // namespace

std::chrono::milliseconds S3Storage::backoff(int attempt) const {
  // Exponential from 100 ms, capped at 5 s, with "equal jitter" so that many clients that
  // failed together do not retry together.
  thread_local std::mt19937 rng{std::random_device{}()};
  long full = std::min(5000L, 100L << std::min(attempt, 10));
  std::uniform_int_distribution<long> jitter(full / 2, full);
  return std::chrono::milliseconds(jitter(rng));
}

sdk::Status S3Storage::error_for(const HttpResponse& r, const Call& call) const {
  std::string where = " (bucket '" + endpoint_.bucket + "' at " + endpoint_.base + ")";
  if (r.transport_failed()) {
    return sdk::Status::unavailable("S3 " + call.what + ": " + r.curl_error + where);
  }
  auto e = parse_error(r.body);
  std::string code = e ? e->code : std::string();
  std::string detail = e ? code + ": " + e->message : "HTTP " + std::to_string(r.status);
  if (code == "NoSuchBucket") {
    return sdk::Status::not_found("S3 bucket '" + endpoint_.bucket + "' does not exist at " +
                                  endpoint_.base + " (" + call.what + ")");
  }
  if (r.status == 404) {
    if (!call.key.empty()) return sdk::Status::not_found("no object '" + call.key + "'" + where);
    return sdk::Status::not_found("S3 " + call.what + ": " + detail + where);
  }
  std::string message = "S3 " + call.what + " refused: " + detail + where;
  if (r.status == 403) return {sdk::Code::permission_denied, message};
  if (r.status == 409 || r.status == 412) return {sdk::Code::failed_precondition, message};
  if (r.status >= 500 || r.status == 429) return sdk::Status::unavailable(message);
  return sdk::Status::invalid(message);
}

sdk::Result<HttpResponse> S3Storage::send(const HttpRequest& request, const Call& call) const {
  if (!http_) return sdk::Status(sdk::Code::failed_precondition, "s3 storage is not configured");
  HttpResponse last;
  for (int attempt = 0; attempt <= max_retries_; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(backoff(attempt - 1));
    last = http_->perform(request);
    if (!last.sink_status) return last.sink_status;
    if (last.curl_code == CURLE_OK && last.status >= 200 && last.status < 300) return last;
    if (!retryable(last)) return error_for(last, call);
    if (last.streamed_bytes > 0) {
      // The sink already has part of the object; a retry would hand it the start again.
      return sdk::Status::unavailable("S3 " + call.what + " was interrupted after " +
                                      std::to_string(last.streamed_bytes) +
                                      " bytes: " + describe_failure(last));
    }
  }
  return sdk::Status::unavailable("S3 " + call.what + " failed after " +
                                  std::to_string(max_retries_ + 1) +
                                  " attempts: " + describe_failure(last) + " (bucket '" +
                                  endpoint_.bucket + "' at " + endpoint_.base + ")");
}

sdk::Status S3Storage::get(std::string_view key, sdk::ByteSink& sink) {
  if (auto s = check_key(key); !s) return s;
  HttpRequest request;
  request.method = "GET";
  request.url = endpoint_.object_url(full_key(key));
  request.sink = &sink;
  auto r = send(request, {"GET '" + std::string(key) + "'", std::string(key)});
  return r ? sdk::Status::ok() : r.status();
}

sdk::Status S3Storage::put(std::string_view key, std::string_view data) {
  if (auto s = check_key(key); !s) return s;
  std::string full = full_key(key);
  if (data.size() > part_size_) return put_multipart(full, key, data);
  HttpRequest request;
  request.method = "PUT";
  request.url = endpoint_.object_url(full);
  request.body = data;
  request.content_type = "application/octet-stream";
  // A single PUT is atomic in S3: the object appears whole or not at all.
  auto r = send(request, {"PUT '" + std::string(key) + "'", ""});
  return r ? sdk::Status::ok() : r.status();
}

sdk::Status S3Storage::remove(std::string_view key) {
  if (auto s = check_key(key); !s) return s;
  HttpRequest request;
  request.method = "DELETE";
  request.url = endpoint_.object_url(full_key(key));
  auto r = send(request, {"DELETE '" + std::string(key) + "'", ""});
  if (!r && r.status().code() == sdk::Code::not_found &&
      r.status().message().rfind("S3 bucket", 0) != 0) {
    return sdk::Status::ok();  // removing a missing object is ok; a missing bucket is not
  }
  return r ? sdk::Status::ok() : r.status();
}

sdk::Result<sdk::ListPage> S3Storage::list(std::string_view prefix, std::string_view page_token,
                                           std::size_t max_keys) {
  if (max_keys == 0) return sdk::Status::invalid("list: max_keys must be at least 1");
  if (prefix.find('\0') != std::string_view::npos) {
    return sdk::Status::invalid("list: prefix contains a NUL byte");
  }
  Query query = {{"list-type", "2"},
                 {"max-keys", std::to_string(std::min<std::size_t>(max_keys, 1000))},
                 {"prefix", full_key(prefix)}};
  if (!page_token.empty()) query.emplace_back("continuation-token", std::string(page_token));
  HttpRequest request;
  request.method = "GET";
  request.url = endpoint_.bucket_url(query);
  auto r = send(request, {"LIST '" + std::string(prefix) + "'", ""});
  if (!r) return r.status();
  auto parsed = parse_list_result(r->body);
  if (!parsed) return parsed.status();
  sdk::ListPage page;
  for (auto& o : parsed->objects) {
    if (o.key.compare(0, prefix_.size(), prefix_) != 0) continue;  // not ours
    page.objects.push_back({o.key.substr(prefix_.size()), o.size});
  }
  if (parsed->truncated) {
    if (parsed->next_continuation_token.empty()) {
      return sdk::Status::internal("S3 LIST: a truncated page without NextContinuationToken");
    }
    page.next_token = std::move(parsed->next_continuation_token);
  }
  return page;
}

}  // namespace labelflow::storage_s3
