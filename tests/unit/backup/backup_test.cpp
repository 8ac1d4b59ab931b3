// Online backup: the store's copy is one consistent snapshot taken while a writer commits, opens
// on its own (no -wal beside it), and run_backup puts it to a storage instance.
#include "backup/backup.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "local_storage.hpp"
#include "store/sqlite_store.hpp"
#include "temp_dir.hpp"

using namespace labelflow;

namespace {

using labelflow::testing::TempDir;

core::RowDoc doc(int i) {
  core::RowDoc d;
  d.content.id = "r" + std::to_string(i);
  d.content.response = std::string(200, 'x');  // rows big enough to span many pages
  return d;
}

void import_row(store::StateStore& st, int i) {
  store::Batch b;
  b.project = "p";
  b.imports = {doc(i)};
  st.commit(std::move(b)).get();
}

// The copy holds r0..r(n-1) with no gap: a prefix of the committed batches (one snapshot).
std::size_t check_prefix(const std::string& path) {
  store::SqliteStateStore copy(path);
  auto snap = copy.load("p");
  for (std::size_t i = 0; i < snap.rows.size(); ++i) {
    REQUIRE(snap.rows[i].id == "r" + std::to_string(i));
  }
  return snap.rows.size();
}

}  // namespace

TEST_CASE("backup_to copies a consistent snapshot while a writer commits", "[backup]") {
  TempDir dir;
  const std::string copy_path = dir.file("copy.db");
  std::atomic<int> committed{0};
  {
    store::SqliteStateStore st(dir.file("state.db"));
    for (int i = 0; i < 300; ++i) import_row(st, i);
    committed = 300;
    std::atomic<bool> stop{false};
    std::thread writer([&] {
      for (int i = 300; !stop; ++i) {
        import_row(st, i);
        committed = i + 1;
      }
    });
    while (committed < 350) std::this_thread::yield();  // the writer is running
    st.backup_to(copy_path);
    const int before_stop = committed;
    stop = true;
    writer.join();
    REQUIRE(committed > 350);
    REQUIRE_FALSE(std::filesystem::exists(copy_path + "-wal"));
    const std::size_t rows = check_prefix(copy_path);
    REQUIRE(rows >= 350);
    REQUIRE(rows <= static_cast<std::size_t>(committed.load()));
    INFO("rows in copy " << rows << ", committed when the backup returned " << before_stop);
  }
  REQUIRE(std::filesystem::exists(copy_path));
}

TEST_CASE("backup_to refuses an existing destination, naming it", "[backup]") {
  TempDir dir;
  store::SqliteStateStore st(dir.file("state.db"));
  const std::string dest = dir.file("taken.db");
  std::ofstream(dest) << "keep me";
  REQUIRE_THROWS_WITH(st.backup_to(dest), Catch::Contains(dest) && Catch::Contains("exists"));
  std::ifstream in(dest);
  std::string kept;
  std::getline(in, kept);
  REQUIRE(kept == "keep me");
}

TEST_CASE("run_backup puts the copy to a storage instance and removes the temporary file",
          "[backup]") {
  TempDir dir;
  store::SqliteStateStore st(dir.file("state.db"));
  for (int i = 0; i < 20; ++i) import_row(st, i);
  auto local = std::make_shared<storage_local::LocalStorage>();
  REQUIRE(local->configure({{"root", dir.file("bucket")}, {"fsync", false}}).empty());
  plugin_host::GuardedStorage storage(local, "local");
  const std::filesystem::path tmp = dir.path / "tmp";
  std::filesystem::create_directories(tmp);

  SECTION("default key: backups/labelflow-<UTC timestamp>.db") {
    auto result = backup::run_backup(st, storage, "archive", "", tmp);
    REQUIRE(result.key.rfind("backups/labelflow-", 0) == 0);
    REQUIRE(result.key.size() == std::string("backups/labelflow-20261126T110500Z.db").size());
    const auto stored = dir.file("bucket/" + result.key);
    REQUIRE(std::filesystem::file_size(stored) == result.bytes);
    REQUIRE(check_prefix(stored) == 20);
    REQUIRE(std::filesystem::is_empty(tmp));
  }
  SECTION("chosen key") {
    auto result = backup::run_backup(st, storage, "archive", "nightly/state.db", tmp);
    REQUIRE(result.key == "nightly/state.db");
    REQUIRE(check_prefix(dir.file("bucket/nightly/state.db")) == 20);
  }
  SECTION("a key the storage refuses names the storage and the key") {
    try {
      backup::run_backup(st, storage, "archive", "../outside.db", tmp);
      FAIL("expected BackupError");
    } catch (const backup::BackupError& e) {
      REQUIRE(e.kind() == backup::BackupError::Kind::storage);
      REQUIRE_THAT(e.what(), Catch::Contains("archive") && Catch::Contains("../outside.db"));
    }
    REQUIRE(std::filesystem::is_empty(tmp));
  }
  SECTION("an absolute key is refused before any copy is made") {
    REQUIRE_THROWS_AS(backup::run_backup(st, storage, "archive", "/abs.db", tmp),
                      backup::BackupError);
    REQUIRE(std::filesystem::is_empty(tmp));
  }
}

TEST_CASE("default_key is the UTC time to the second", "[backup]") {
  using namespace std::chrono;
  const auto t = system_clock::time_point(seconds(1795000000));  // 2026-11-18T11:06:40Z
  REQUIRE(backup::default_key(t) == "backups/labelflow-20261118T110640Z.db");
}
