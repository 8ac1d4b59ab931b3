#include "s3_request.hpp"

#include <openssl/evp.h>

#include <algorithm>

namespace labelflow::storage_s3 {

std::string uri_encode(std::string_view text, bool keep_slash) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/');
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

std::string query_string(Query query) {
  if (query.empty()) return {};
  for (auto& [name, value] : query) {
    name = uri_encode(name, false);
    value = uri_encode(value, false);
  }
  std::sort(query.begin(), query.end());
  std::string out = "?";
  for (const auto& [name, value] : query) {
    if (out.size() > 1) out += '&';
    out += name + "=" + value;
  }
  return out;
}

namespace {

// "https://host:port" -> ("https://", "host:port")
std::pair<std::string, std::string> split_scheme(const std::string& base) {
  auto pos = base.find("://");
  if (pos == std::string::npos) return {"https://", base};
  return {base.substr(0, pos + 3), base.substr(pos + 3)};
}

}  // namespace

std::string Endpoint::bucket_url(const Query& query) const {
  if (path_style) return base + "/" + uri_encode(bucket, false) + query_string(query);
  auto [scheme, host] = split_scheme(base);
  return scheme + bucket + "." + host + "/" + query_string(query);
}

std::string Endpoint::object_url(std::string_view full_key, const Query& query) const {
  std::string path = uri_encode(full_key, true);
  if (path_style) return base + "/" + uri_encode(bucket, false) + "/" + path + query_string(query);
  auto [scheme, host] = split_scheme(base);
  return scheme + bucket + "." + host + "/" + path + query_string(query);
}

}  // namespace labelflow::storage_s3
