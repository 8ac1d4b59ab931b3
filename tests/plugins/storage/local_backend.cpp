// Runs the contract suite against storage_local, plus what only a file backend has: its
// options, temporary files and the atomicity of put() seen by concurrent readers.
#include "local_storage.hpp"
#include "storage_contract.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

namespace fs = std::filesystem;

namespace labelflow::storage_test {

namespace {

// Removes the directories the suite's factory made when the test program exits.
struct TempDirs {
  ~TempDirs() {
    std::error_code ec;
    for (const auto& d : dirs) fs::remove_all(d, ec);
  }
  std::vector<fs::path> dirs;
};

fs::path fresh_dir() {
  static TempDirs made;
  static std::atomic<int> counter{0};
  std::random_device rd;
  fs::path dir = fs::temp_directory_path() /
                 ("lf-storage-local-" + std::to_string(rd()) + "-" + std::to_string(counter++));
  fs::remove_all(dir);
  made.dirs.push_back(dir);
  return dir;
}

std::shared_ptr<storage_local::LocalStorage> make_local(const fs::path& root) {
  auto storage = std::make_shared<storage_local::LocalStorage>();
  boost::json::object options{{"root", root.string()}};
  auto errors = storage->configure(options);
  REQUIRE(errors.empty());
  return storage;
}

}  // namespace

const SuiteBackend& suite_backend() {
  static const SuiteBackend backend{"local", [] { return make_local(fresh_dir()); }};
  return backend;
}

TEST_CASE("local: a relative or missing root is refused with a clear message", "[local]") {
  storage_local::LocalStorage storage;
  auto errors = storage.configure(boost::json::object{{"root", "data/objects"}});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key == "root");
  CHECK_THAT(errors[0].message, Catch::Contains("absolute") && Catch::Contains("data/objects"));
  errors = storage.configure(boost::json::object{});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "is required");
}

TEST_CASE("local: configure never touches the disk, the first put creates the root", "[local]") {
  fs::path root = fresh_dir() / "nested" / "root";
  auto storage = make_local(root);
  CHECK_FALSE(fs::exists(root));
  CHECK(list_all(*storage, "", 10).empty());
  REQUIRE(storage->put("k", "v").is_ok());
  CHECK(fs::is_regular_file(root / "k"));

  fs::path file = fresh_dir();
  fs::create_directories(file.parent_path());
  std::ofstream(file) << "not a directory";
  storage_local::LocalStorage on_file;
  auto errors = on_file.configure(boost::json::object{{"root", file.string()}});
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0].message, Catch::Contains("is not a directory"));
  fs::remove(file);
}

TEST_CASE("local: unknown and mistyped options are refused", "[local]") {
  storage_local::LocalStorage storage;
  auto errors = storage.configure(
      boost::json::object{{"root", fresh_dir().string()}, {"fsynk", true}, {"fsync", "yes"}});
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].key == "fsync");
  CHECK(errors[1].key == "fsynk");
  CHECK_THAT(errors[1].message, Catch::Contains("did you mean 'fsync'"));
}

TEST_CASE("local: objects are plain files under the root, fsync can be off", "[local]") {
  fs::path root = fresh_dir();
  storage_local::LocalStorage storage;
  REQUIRE(storage.configure(boost::json::object{{"root", root.string()}, {"fsync", false}})
              .empty());
  REQUIRE(storage.put("a/b/c.jsonl", "line\n").is_ok());
  std::ifstream in(root / "a/b/c.jsonl");
  std::string text;
  std::getline(in, text);
  CHECK(text == "line");
  fs::remove_all(root);
}

TEST_CASE("local: a crashed put's temporary file is never listed nor read", "[local]") {
  fs::path root = fresh_dir();
  auto storage = make_local(root);
  REQUIRE(storage->put("dir/real", "ok").is_ok());
  // What a crash between write and rename leaves behind.
  std::ofstream(root / "dir/.lf-tmp.999.0.real") << "half an obj";
  std::ofstream(root / ".lf-tmp.1.2.top") << "half";
  CHECK(list_all(*storage, "", 10) == std::vector<std::string>{"dir/real"});
  CHECK(get_string(*storage, "dir/real") == "ok");
  sdk::StringSink sink;
  CHECK(storage->get("dir/.lf-tmp.999.0.real", sink).code() == sdk::Code::invalid_argument);
  fs::remove_all(root);
}

TEST_CASE("local: concurrent readers see the old or the new object, never a part", "[local]") {
  fs::path root = fresh_dir();
  auto storage = make_local(root);
  const std::string a(2 * 1024 * 1024, 'a');
  const std::string b(3 * 1024 * 1024, 'b');
  REQUIRE(storage->put("obj", a).is_ok());
  std::atomic<bool> stop{false};
  std::atomic<int> torn{0};
  std::atomic<int> reads{0};
  std::thread reader([&] {
    while (!stop) {
      sdk::StringSink sink;
      if (!storage->get("obj", sink).is_ok() || (sink.data != a && sink.data != b)) ++torn;
      ++reads;
    }
  });
  for (int i = 0; i < 30; ++i) REQUIRE(storage->put("obj", i % 2 ? a : b).is_ok());
  while (reads < 5) std::this_thread::yield();
  stop = true;
  reader.join();
  CHECK(torn == 0);
  CHECK(list_all(*storage, "", 10) == std::vector<std::string>{"obj"});
  fs::remove_all(root);
}

}  // namespace labelflow::storage_test

namespace labelflow::storage_test {

TEST_CASE("local: 'x' and 'x/...' cannot both exist, the refusal names the key", "[local]") {
  fs::path root = fresh_dir();
  auto storage = make_local(root);
  REQUIRE(storage->put("a", "file").is_ok());
  auto status = storage->put("a/b", "under a file");
  CHECK(status.code() == sdk::Code::failed_precondition);
  CHECK_THAT(status.message(), Catch::Contains("'a/b'"));
  REQUIRE(storage->put("d/e", "v").is_ok());
  status = storage->put("d", "over a directory");
  CHECK(status.code() == sdk::Code::failed_precondition);
  CHECK_THAT(status.message(), Catch::Contains("'d'"));
  CHECK(list_all(*storage, "", 10) == std::vector<std::string>{"a", "d/e"});
  fs::remove_all(root);
}

}  // namespace labelflow::storage_test
