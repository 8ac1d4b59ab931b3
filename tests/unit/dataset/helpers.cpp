#include "helpers.hpp"

#include "local_storage.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <random>

namespace labelflow::dataset_test {

namespace {

std::filesystem::path fresh_root() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::filesystem::temp_directory_path() /
         ("lf-dataset-test-" + std::to_string(rd()) + "-" + std::to_string(counter++));
}

std::shared_ptr<sdk::Storage> make_local(const std::filesystem::path& root) {
  auto storage = std::make_shared<storage_local::LocalStorage>();
  auto errors = storage->configure(boost::json::object{{"root", root.string()}, {"fsync", false}});
  REQUIRE(errors.empty());
  return storage;
}

}  // namespace

TempStorage::TempStorage() : TempStorage(fresh_root()) {}

TempStorage::TempStorage(std::filesystem::path dir)
    : raw(make_local(dir)), guarded(raw, "local"), root(std::move(dir)) {}

TempStorage::~TempStorage() {
  std::error_code ec;
  std::filesystem::remove_all(root, ec);
}

void TempStorage::put(const std::string& key, const std::string& data) {
  auto s = guarded.put(key, data);
  INFO(s.to_string());
  REQUIRE(s.is_ok());
}

std::string TempStorage::get(const std::string& key) {
  auto r = guarded.get_all(key);
  INFO(r.status().to_string());
  REQUIRE(r.is_ok());
  return *r;
}

std::vector<std::string> TempStorage::keys(const std::string& prefix) {
  auto page = guarded.list(prefix, "", 10000);
  REQUIRE(page.is_ok());
  std::vector<std::string> out;
  for (const auto& o : page->objects) out.push_back(o.key);
  return out;
}

}  // namespace labelflow::dataset_test
