// SqliteStateStore::backup_to: an online copy with the sqlite3_backup API.
//
// The copy runs on a connection of its own, so neither the writer nor the readers wait for it.
// It copies every page in one backup step: one read transaction, hence one WAL snapshot, so the
// copy holds exactly the batches committed before it started (chunked steps would restart
// whenever the writer commits, and might never finish under load).
#include <sqlite3.h>

#include <filesystem>
#include <system_error>

#include "store/sqlite_db.hpp"
#include "store/sqlite_store.hpp"

namespace labelflow::store {

void SqliteStateStore::backup_to(const std::string& dest_path) {
  std::error_code ec;
  if (std::filesystem::exists(dest_path, ec)) {
    throw StoreError(dest_path + ": backup destination already exists");
  }
  Db source(wdb_->path(), false);
  std::string failure;
  {
    Db dest(dest_path, true);
    sqlite3_backup* copy = sqlite3_backup_init(dest.handle(), "main", source.handle(), "main");
    if (copy == nullptr) {
      failure = sqlite3_errmsg(dest.handle());
    } else {
      const int step = sqlite3_backup_step(copy, -1);
      const int finish = sqlite3_backup_finish(copy);
      if (step != SQLITE_DONE) {
        failure = sqlite3_errstr(step);
      } else if (finish != SQLITE_OK) {
        failure = sqlite3_errstr(finish);
      } else {
        // A rollback-journal file: the copy is complete in one file, ready to copy back.
        dest.exec("PRAGMA journal_mode=DELETE");
      }
    }
  }
  if (!failure.empty()) {
    std::filesystem::remove(dest_path, ec);
    throw StoreError(dest_path + ": backup of " + wdb_->path() + " failed: " + failure);
  }
}

}  // namespace labelflow::store
