// The behaviour every storage backend must show (DESIGN section 4 and sdk/storage.hpp).
#include "storage_contract.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

namespace labelflow::storage_test {

std::string get_string(sdk::Storage& storage, const std::string& key) {
  sdk::StringSink sink;
  auto status = storage.get(key, sink);
  INFO(status.to_string());
  REQUIRE(status.is_ok());
  return sink.data;
}

std::vector<std::string> list_all(sdk::Storage& storage, const std::string& prefix,
                                  std::size_t page_size) {
  std::vector<std::string> keys;
  std::string token;
  for (int pages = 0; pages < 10000; ++pages) {
    auto page = storage.list(prefix, token, page_size);
    INFO(page.status().to_string());
    REQUIRE(page.is_ok());
    REQUIRE(page->objects.size() <= page_size);
    for (const auto& o : page->objects) keys.push_back(o.key);
    if (page->next_token.empty()) return keys;
    REQUIRE(!page->objects.empty());
    token = page->next_token;
  }
  FAIL("listing never ended");
  return keys;
}

namespace {

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(rng() & 0xFF);
  return out;
}

class CountingSink final : public sdk::ByteSink {
 public:
  sdk::Status write(std::string_view chunk) override {
    ++chunks;
    bytes += chunk.size();
    return sdk::Status::ok();
  }
  std::size_t chunks = 0;
  std::size_t bytes = 0;
};

class FailingSink final : public sdk::ByteSink {
 public:
  sdk::Status write(std::string_view) override {
    return sdk::Status(sdk::Code::failed_precondition, "sink says stop");
  }
};

}  // namespace

TEST_CASE("put then get returns the same bytes", "[contract]") {
  auto storage = suite_backend().make();
  REQUIRE(storage->put("docs/a.jsonl", "{\"id\":\"1\"}\n").is_ok());
  CHECK(get_string(*storage, "docs/a.jsonl") == "{\"id\":\"1\"}\n");
  auto page = storage->list("docs/", "", 10);
  REQUIRE(page.is_ok());
  REQUIRE(page->objects.size() == 1);
  CHECK(page->objects[0].key == "docs/a.jsonl");
  CHECK(page->objects[0].size == 11);
  CHECK(page->next_token.empty());
}

TEST_CASE("put replaces an existing object", "[contract]") {
  auto storage = suite_backend().make();
  REQUIRE(storage->put("k", "first version, longer").is_ok());
  REQUIRE(storage->put("k", "second").is_ok());
  CHECK(get_string(*storage, "k") == "second");
  CHECK(list_all(*storage, "", 10) == std::vector<std::string>{"k"});
}

TEST_CASE("binary data survives unchanged", "[contract]") {
  auto storage = suite_backend().make();
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
  std::string big = random_bytes(3 * 1024 * 1024 + 17, 7);
  REQUIRE(storage->put("bin/every", every_byte).is_ok());
  REQUIRE(storage->put("bin/big", big).is_ok());
  CHECK(get_string(*storage, "bin/every") == every_byte);
  CHECK(get_string(*storage, "bin/big") == big);
}

TEST_CASE("get streams a large object in several chunks", "[contract]") {
  auto storage = suite_backend().make();
  REQUIRE(storage->put("big", random_bytes(3 * 1024 * 1024, 3)).is_ok());
  CountingSink sink;
  REQUIRE(storage->get("big", sink).is_ok());
  CHECK(sink.bytes == 3 * 1024 * 1024);
  CHECK(sink.chunks > 1);
}

TEST_CASE("a sink error stops get and is returned", "[contract]") {
  auto storage = suite_backend().make();
  REQUIRE(storage->put("x", "data").is_ok());
  FailingSink sink;
  auto status = storage->get("x", sink);
  CHECK(status.code() == sdk::Code::failed_precondition);
  CHECK(status.message() == "sink says stop");
}

TEST_CASE("an empty object is stored, listed and read", "[contract]") {
  auto storage = suite_backend().make();
  REQUIRE(storage->put("empty", "").is_ok());
  CHECK(get_string(*storage, "empty").empty());
  auto page = storage->list("", "", 10);
  REQUIRE(page.is_ok());
  REQUIRE(page->objects.size() == 1);
  CHECK(page->objects[0].size == 0);
}

TEST_CASE("a missing key is not_found and named", "[contract]") {
  auto storage = suite_backend().make();
  sdk::StringSink sink;
  auto status = storage->get("nothing/here.jsonl", sink);
  CHECK(status.code() == sdk::Code::not_found);
  CHECK_THAT(status.message(), Catch::Contains("nothing/here.jsonl"));
  CHECK(sink.data.empty());
}

TEST_CASE("listing spans pages in key byte order", "[contract]") {
  auto storage = suite_backend().make();
  // Keys whose byte order differs from a naive directory walk ('-' < '.' < '/' < '0'). No key
  // is also the "directory" of another: the local backend cannot hold both (tested there).
  std::vector<std::string> keys = {"a/b", "a/c/d", "a/c_", "a0", "aa", "b/a", "B",
                                   "\xc3\xa9t\xc3\xa9", "z z", "~"};
  if (suite_backend().exact_byte_order) {
    for (const char* k : {"a-b", "a.b", "a/c-", "a!"}) keys.push_back(k);
  }
  for (int i = 0; i < 13; ++i) keys.push_back("many/" + std::to_string(1000 + i * 7));
  for (const auto& k : keys) REQUIRE(storage->put(k, k).is_ok());
  std::sort(keys.begin(), keys.end());
  for (std::size_t page_size : {1U, 4U, 7U, 25U, 1000U}) {
    INFO("page size " << page_size);
    CHECK(list_all(*storage, "", page_size) == keys);
  }
  auto first = storage->list("", "", 4);
  REQUIRE(first.is_ok());
  CHECK(first->objects.size() == 4);
  CHECK(!first->next_token.empty());
}

TEST_CASE("list filters by prefix", "[contract]") {
  auto storage = suite_backend().make();
  for (const char* k : {"p/x", "p/y/z", "pq", "q/p", "p_"}) REQUIRE(storage->put(k, "v").is_ok());
  CHECK(list_all(*storage, "p/", 2) == std::vector<std::string>{"p/x", "p/y/z"});
  CHECK(list_all(*storage, "p", 2) == std::vector<std::string>{"p/x", "p/y/z", "p_", "pq"});
  if (suite_backend().exact_byte_order) {
    REQUIRE(storage->put("p-", "v").is_ok());
    CHECK(list_all(*storage, "p", 2) ==
          std::vector<std::string>{"p-", "p/x", "p/y/z", "p_", "pq"});
  }
  CHECK(list_all(*storage, "p/y", 5) == std::vector<std::string>{"p/y/z"});
  CHECK(list_all(*storage, "none/", 5).empty());
}

TEST_CASE("remove deletes, removing a missing object is ok", "[contract]") {
  auto storage = suite_backend().make();
  REQUIRE(storage->put("dir/gone", "v").is_ok());
  REQUIRE(storage->put("dir/kept", "v").is_ok());
  REQUIRE(storage->remove("dir/gone").is_ok());
  sdk::StringSink sink;
  CHECK(storage->get("dir/gone", sink).code() == sdk::Code::not_found);
  CHECK(list_all(*storage, "dir/", 10) == std::vector<std::string>{"dir/kept"});
  CHECK(storage->remove("dir/gone").is_ok());
  CHECK(storage->remove("never/was").is_ok());
}

TEST_CASE("keys that could escape or are malformed are refused naming the key", "[contract]") {
  auto storage = suite_backend().make();
  const std::vector<std::string> bad = {"",      "/etc/passwd", "../up",  "a/../../b", "..",
                                        "a//b",  "a/",          "a\\b",   "./a",
                                        std::string("nu\0l", 4)};
  for (const auto& key : bad) {
    INFO("key '" << key << "'");
    auto put = storage->put(key, "x");
    CHECK(put.code() == sdk::Code::invalid_argument);
    if (!key.empty() && key.find('\0') == std::string::npos) {
      CHECK_THAT(put.message(), Catch::Contains(key));
    }
    sdk::StringSink sink;
    CHECK(storage->get(key, sink).code() == sdk::Code::invalid_argument);
    CHECK(storage->remove(key).code() == sdk::Code::invalid_argument);
  }
  CHECK(list_all(*storage, "", 10).empty());
}

}  // namespace labelflow::storage_test
