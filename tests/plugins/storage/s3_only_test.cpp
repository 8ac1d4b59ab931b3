// What only the S3 backend has: multipart uploads, a missing bucket, an outage of the server,
// and real SigV4 checking by the botocore proxy.
#include "s3_backend.hpp"
#include "s3_storage.hpp"
#include "storage_contract.hpp"

#include <catch2/catch.hpp>

#include <random>

namespace labelflow::storage_test {

namespace {

std::shared_ptr<storage_s3::S3Storage> make_s3(boost::json::object options) {
  auto storage = std::make_shared<storage_s3::S3Storage>();
  auto errors = storage->configure(options);
  std::string problems;
  for (const auto& e : errors) problems += e.key + ": " + e.message + "\n";
  INFO(problems);
  REQUIRE(errors.empty());
  return storage;
}

std::string random_bytes(std::size_t n) {
  std::mt19937 rng(42);
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(rng() & 0xFF);
  return out;
}

// Restarts s3rver if a test stopped it and then failed half-way.
struct ServerGuard {
  ~ServerGuard() {
    if (stopped) s3_ctl("start-server");
  }
  bool stopped = false;
};

}  // namespace

TEST_CASE("s3: an object above part_size goes up in parts and reads back whole", "[s3]") {
  auto options = s3_options(s3_servers().proxy_port);  // parts signed and checked, too
  options["part_size"] = 5 * 1024 * 1024;
  auto storage = make_s3(options);
  std::string data = random_bytes(11 * 1024 * 1024 + 3);  // 3 parts
  auto put = storage->put("multi/big.bin", data);
  INFO(put.to_string());
  REQUIRE(put.is_ok());
  CHECK(get_string(*storage, "multi/big.bin") == data);
  auto page = storage->list("multi/", "", 10);
  REQUIRE(page.is_ok());
  REQUIRE(page->objects.size() == 1);
  CHECK(page->objects[0].size == data.size());
}

TEST_CASE("s3: a missing bucket is a clear error naming it", "[s3]") {
  auto options = s3_options(s3_servers().s3_port);
  options["bucket"] = "labelflow-no-such-bucket";
  auto storage = make_s3(options);
  auto put = storage->put("a.jsonl", "x");
  CHECK(put.code() == sdk::Code::not_found);
  CHECK_THAT(put.message(), Catch::Contains("labelflow-no-such-bucket") &&
                                Catch::Contains("does not exist"));
  sdk::StringSink sink;
  auto get = storage->get("a.jsonl", sink);
  CHECK(get.code() == sdk::Code::not_found);
  CHECK_THAT(get.message(), Catch::Contains("labelflow-no-such-bucket"));
  auto list = storage->list("", "", 10);
  CHECK(list.status().code() == sdk::Code::not_found);
  CHECK(storage->remove("a.jsonl").code() == sdk::Code::not_found);
}

TEST_CASE("s3: server stopped -> retries then unavailable, restarted -> next call works",
          "[s3][outage]") {
  auto options = s3_options(s3_servers().s3_port);
  options["max_retries"] = 2;
  options["connect_timeout_ms"] = 2000;
  auto storage = make_s3(options);
  REQUIRE(storage->put("before.jsonl", "kept").is_ok());

  ServerGuard guard;
  REQUIRE(s3_ctl("stop-server"));
  guard.stopped = true;
  auto put = storage->put("during.jsonl", "never stored");
  CHECK(put.code() == sdk::Code::unavailable);
  CHECK_THAT(put.message(), Catch::Contains("failed after 3 attempts") &&
                                Catch::Contains("PUT 'during.jsonl'"));
  sdk::StringSink sink;
  CHECK(storage->get("before.jsonl", sink).code() == sdk::Code::unavailable);
  CHECK(sink.data.empty());
  CHECK(storage->list("", "", 10).status().code() == sdk::Code::unavailable);

  REQUIRE(s3_ctl("start-server"));
  guard.stopped = false;
  CHECK(get_string(*storage, "before.jsonl") == "kept");
  sdk::StringSink missing;
  CHECK(storage->get("during.jsonl", missing).code() == sdk::Code::not_found);
  CHECK(list_all(*storage, "", 10) == std::vector<std::string>{"before.jsonl"});
  CHECK(storage->put("after.jsonl", "fine").is_ok());
}

TEST_CASE("s3: the botocore proxy accepts the right secret and refuses a wrong one",
          "[s3][sigv4]") {
  auto good = make_s3(s3_options(s3_servers().proxy_port));
  REQUIRE(good->put("signed/ok.txt", "signed").is_ok());
  CHECK(get_string(*good, "signed/ok.txt") == "signed");

  ::setenv("LF_TEST_S3_WRONG_SECRET", "not-the-secret", 1);
  auto options = s3_options(s3_servers().proxy_port);
  options["secret_key_env"] = "LF_TEST_S3_WRONG_SECRET";
  auto bad = make_s3(options);
  auto put = bad->put("signed/bad.txt", "forged");
  CHECK(put.code() == sdk::Code::permission_denied);
  CHECK_THAT(put.message(), Catch::Contains("SignatureDoesNotMatch"));
  sdk::StringSink sink;
  CHECK(bad->get("signed/ok.txt", sink).code() == sdk::Code::permission_denied);
  CHECK(sink.data.empty());
  CHECK(bad->list("", "", 10).status().code() == sdk::Code::permission_denied);
}

TEST_CASE("s3: listing continuation tokens survive encoding through the proxy", "[s3][sigv4]") {
  auto storage = make_s3(s3_options(s3_servers().proxy_port));
  std::vector<std::string> keys;
  for (int i = 0; i < 12; ++i) keys.push_back("tok/a+b=c " + std::to_string(100 + i));
  for (const auto& k : keys) REQUIRE(storage->put(k, "v").is_ok());
  CHECK(list_all(*storage, "tok/", 5) == keys);
}

}  // namespace labelflow::storage_test

#include "dataset/importer.hpp"

namespace labelflow::storage_test {

// The dataset layer over S3: a manifest streamed from one object whose source-ref lines fetch
// other objects of the same bucket while the manifest's own transfer is still running.
TEST_CASE("s3: a Ground Truth manifest with source-refs imports through the dataset layer",
          "[s3][dataset]") {
  auto storage = make_s3(s3_options(s3_servers().proxy_port));
  REQUIRE(storage->put("texts/a.txt", "first text").is_ok());
  REQUIRE(storage->put("texts/b.txt", "second text").is_ok());
  std::string manifest;
  for (int i = 0; i < 300; ++i) {
    manifest += i % 2 ? R"({"source-ref":"s3://labelflow-test/texts/b.txt"})"
                      : R"({"source-ref":"s3://labelflow-test/texts/a.txt"})";
    manifest += "\n";
  }
  manifest += R"({"source-ref":"s3://labelflow-test/texts/missing.txt"})";
  REQUIRE(storage->put("in/manifest.jsonl", manifest).is_ok());

  struct Sink final : dataset::ImportSink {
    sdk::Status row(core::RowContent&& row, const dataset::RowOrigin&) override {
      responses.push_back(row.response);
      return sdk::Status::ok();
    }
    sdk::Status error(const dataset::ImportError& e) override {
      errors.push_back(e.to_string());
      return sdk::Status::ok();
    }
    std::vector<std::string> responses;
    std::vector<std::string> errors;
  } sink;
  plugin_host::GuardedStorage guarded(storage, "s3");
  dataset::Importer importer(guarded, {});
  auto stats = importer.import_prefix("in/", sink);
  INFO(stats.status().to_string());
  REQUIRE(stats.is_ok());
  REQUIRE(sink.responses.size() == 300);
  CHECK(sink.responses[0] == "first text");
  CHECK(sink.responses[299] == "second text");
  REQUIRE(sink.errors.size() == 1);
  CHECK_THAT(sink.errors[0], Catch::StartsWith("in/manifest.jsonl:301: cannot read 'source-ref'") &&
                                 Catch::Contains("no object 'texts/missing.txt'"));
}

}  // namespace labelflow::storage_test
