// S3Storage::configure: options, credentials from the environment, the HTTP client.
#include "s3_storage.hpp"

#include <labelflow/sdk/options.hpp>

#include <cstdlib>
#include <mutex>

namespace labelflow::storage_s3 {

namespace {

constexpr std::int64_t kMinPartSize = 1024;
constexpr std::int64_t kMaxPartSize = 5LL * 1024 * 1024 * 1024;

std::string env_or_empty(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v == nullptr ? std::string() : std::string(v);
}

}  // namespace

S3Storage::S3Storage() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::vector<sdk::ConfigError> S3Storage::configure(const boost::json::object& options) {
  sdk::OptionReader r(options);
  HttpSettings http;
  endpoint_.bucket = r.string("bucket", true).value_or("");
  if (options.contains("bucket") && endpoint_.bucket.empty()) r.error("bucket", "is empty");
  if (endpoint_.bucket.find('/') != std::string::npos) r.error("bucket", "must not contain '/'");
  prefix_ = r.string("prefix").value_or("");
  if (!prefix_.empty() && prefix_.front() == '/') r.error("prefix", "must not start with '/'");
  http.region = r.string("region").value_or("us-east-1");
  if (http.region.empty() || http.region.find(':') != std::string::npos) {
    r.error("region", "must be a region name such as 'eu-west-1'");
  }
  endpoint_.base = r.string("endpoint").value_or("https://s3." + http.region + ".amazonaws.com");
  while (!endpoint_.base.empty() && endpoint_.base.back() == '/') endpoint_.base.pop_back();
  if (endpoint_.base.rfind("http://", 0) != 0 && endpoint_.base.rfind("https://", 0) != 0) {
    r.error("endpoint", "must start with http:// or https://, got '" + endpoint_.base + "'");
  }
  endpoint_.path_style = r.boolean("path_style").value_or(false);

  std::string key_env = r.string("access_key_env").value_or("AWS_ACCESS_KEY_ID");
  std::string secret_env = r.string("secret_key_env").value_or("AWS_SECRET_ACCESS_KEY");
  std::string token_env = r.string("session_token_env").value_or("AWS_SESSION_TOKEN");
  http.credentials = {env_or_empty(key_env), env_or_empty(secret_env), env_or_empty(token_env)};
  if (http.credentials.access_key.empty()) {
    r.error("access_key_env", "environment variable " + key_env + " is not set");
  }
  if (http.credentials.secret_key.empty()) {
    r.error("secret_key_env", "environment variable " + secret_env + " is not set");
  }

  std::int64_t part = r.integer("part_size").value_or(8 * 1024 * 1024);
  if (part < kMinPartSize || part > kMaxPartSize) {
    r.error("part_size", "must be between 1024 bytes and 5 GiB (real S3: at least 5 MiB)");
  }
  part_size_ = static_cast<std::size_t>(part);
  std::int64_t connect = r.integer("connect_timeout_ms").value_or(5000);
  std::int64_t total = r.integer("timeout_ms").value_or(120000);
  if (connect < 1 || connect > 600000) r.error("connect_timeout_ms", "must be 1..600000");
  if (total < 1 || total > 3600000) r.error("timeout_ms", "must be 1..3600000");
  http.connect_timeout_ms = static_cast<long>(connect);
  http.timeout_ms = static_cast<long>(total);
  std::int64_t retries = r.integer("max_retries").value_or(4);
  if (retries < 0 || retries > 20) r.error("max_retries", "must be 0..20");
  max_retries_ = static_cast<int>(retries);

  auto errors = r.finish();
  if (errors.empty()) http_ = std::make_unique<HttpClient>(std::move(http));
  return errors;
}

}  // namespace labelflow::storage_s3
