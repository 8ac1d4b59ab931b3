// The storage contract suite: the same test cases (storage_contract.cpp) run against every
// backend. Each test executable links the suite plus one file defining suite_backend().
#pragma once

#include <labelflow/sdk/storage.hpp>

#include <functional>
#include <memory>
#include <string>

namespace labelflow::storage_test {

struct SuiteBackend {
  std::string name;
  // A configured storage whose key space starts empty (a fresh directory or a fresh prefix).
  std::function<std::shared_ptr<sdk::Storage>()> make;
  // False for s3rver 3.7.1, the S3 test server: it walks its data directory (so "a/b" comes
  // before "a-b") and resumes after a continuation token by byte comparison, so across pages
  // it loses keys with a byte below '/' next to a "directory". Real S3 and the local backend
  // list in byte order; with false, the ordering cases avoid such keys.
  bool exact_byte_order = true;
};

// Defined once per test executable.
const SuiteBackend& suite_backend();

// Reads a whole object; fails the test on error.
std::string get_string(sdk::Storage& storage, const std::string& key);

// Every key under `prefix`, walking all pages of `page_size`.
std::vector<std::string> list_all(sdk::Storage& storage, const std::string& prefix,
                                  std::size_t page_size);

}  // namespace labelflow::storage_test
