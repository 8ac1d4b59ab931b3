// storage_s3 without a server: options, credentials, URL and query building.
#include "s3_request.hpp"
#include "s3_storage.hpp"
#include "s3_xml.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

namespace labelflow::storage_s3 {

namespace {

std::string keys_of(const std::vector<sdk::ConfigError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.key + ": " + e.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("s3config: s3 options: required, typed, ranged, unknown keys refused", "[s3config]") {
  ::setenv("LF_UNIT_KEY", "k", 1);
  ::setenv("LF_UNIT_SECRET", "s", 1);
  S3Storage storage;
  auto errors = storage.configure(boost::json::object{{"access_key_env", "LF_UNIT_KEY"},
                                                      {"secret_key_env", "LF_UNIT_SECRET"},
                                                      {"endpoint", "ftp://x"},
                                                      {"part_size", 10},
                                                      {"max_retries", -1},
                                                      {"buckett", "b"}});
  std::string text = keys_of(errors);
  INFO(text);
  CHECK_THAT(text, Catch::Contains("bucket: is required"));
  CHECK_THAT(text, Catch::Contains("endpoint: must start with http:// or https://"));
  CHECK_THAT(text, Catch::Contains("part_size: must be between 1024 bytes and 5 GiB"));
  CHECK_THAT(text, Catch::Contains("max_retries: must be 0..20"));
  CHECK_THAT(text, Catch::Contains("buckett: unknown option (did you mean 'bucket'?)"));
}

TEST_CASE("s3config: s3 options: missing credentials name the environment variable", "[s3config]") {
  ::unsetenv("LF_UNIT_NOT_SET");
  S3Storage storage;
  auto errors = storage.configure(boost::json::object{{"bucket", "b"},
                                                      {"access_key_env", "LF_UNIT_NOT_SET"},
                                                      {"secret_key_env", "LF_UNIT_NOT_SET"}});
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].key == "access_key_env");
  CHECK(errors[0].message == "environment variable LF_UNIT_NOT_SET is not set");
}

TEST_CASE("s3config: s3 queries are sorted and RFC 3986-encoded for SigV4", "[s3config]") {
  CHECK(uri_encode("a b/c+d=e~_.-", false) == "a%20b%2Fc%2Bd%3De~_.-");
  CHECK(uri_encode("dir/f\xc3\xa9.txt", true) == "dir/f%C3%A9.txt");
  CHECK(query_string({{"uploads", ""}}) == "?uploads=");
  CHECK(query_string({{"prefix", "a/b"}, {"list-type", "2"}, {"continuation-token", "x+/="}}) ==
        "?continuation-token=x%2B%2F%3D&list-type=2&prefix=a%2Fb");
  Endpoint path{"http://127.0.0.1:9000", "bk", true};
  CHECK(path.object_url("p/a b.txt") == "http://127.0.0.1:9000/bk/p/a%20b.txt");
  CHECK(path.bucket_url({{"list-type", "2"}}) == "http://127.0.0.1:9000/bk?list-type=2");
  Endpoint vhost{"https://s3.eu-west-1.amazonaws.com", "bk", false};
  CHECK(vhost.object_url("k") == "https://bk.s3.eu-west-1.amazonaws.com/k");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("s3config: s3 XML is read by local element names, whatever the namespace", "[s3config]") {
  auto list = parse_list_result(
      R"(<?xml version="1.0"?><s3:ListBucketResult xmlns:s3="urn:x"><s3:IsTruncated>true)"
      R"(</s3:IsTruncated><s3:NextContinuationToken>t+/=</s3:NextContinuationToken>)"
      R"(<s3:Contents><s3:Key>a&amp;b</s3:Key><s3:Size>12</s3:Size></s3:Contents>)"
      R"(</s3:ListBucketResult>)");
  REQUIRE(list.is_ok());
  REQUIRE(list->objects.size() == 1);
  CHECK(list->objects[0].key == "a&b");
  CHECK(list->objects[0].size == 12);
  CHECK(list->truncated);
  CHECK(list->next_continuation_token == "t+/=");
  auto error = parse_error(R"(<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>)");
  REQUIRE(error);
  CHECK(error->code == "NoSuchKey");
  CHECK_FALSE(parse_error("not xml"));
  CHECK(parse_list_result("<Other/>").status().code() == sdk::Code::internal);
  CHECK(complete_multipart_body({"\"e1\"", "\"e2\""}).find(
            "<Part><PartNumber>2</PartNumber><ETag>\"e2\"</ETag></Part>") != std::string::npos);
}

}  // namespace labelflow::storage_s3
