// URLs and payload hashes for S3 requests, built so that libcurl's SigV4 signer (which signs
// the query exactly as written) produces the canonical request S3 expects: query parameters
// sorted by name and RFC 3986-encoded ('/' as %2F), a value-less parameter written "name=".
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace labelflow::storage_s3 {

// RFC 3986 percent-encoding: unreserved characters stay, everything else becomes %XX.
// With keep_slash, '/' stays too (object key paths).
std::string uri_encode(std::string_view text, bool keep_slash);

// Lowercase hex SHA-256 of `data` (the x-amz-content-sha256 header).
std::string sha256_hex(std::string_view data);

using Query = std::vector<std::pair<std::string, std::string>>;

// "?a=1&b=x%2Fy&uploads=" with parameters sorted by name; "" for no parameters.
std::string query_string(Query query);

struct Endpoint {
  std::string base;  // "https://s3.eu-west-1.amazonaws.com" or "http://127.0.0.1:9000"
  std::string bucket;
  bool path_style = false;

  // URL of the bucket itself (for listing and errors), with an optional query.
  std::string bucket_url(const Query& query = {}) const;
  // URL of an object: `full_key` is the complete S3 key (the instance prefix included).
  std::string object_url(std::string_view full_key, const Query& query = {}) const;
};

}  // namespace labelflow::storage_s3
