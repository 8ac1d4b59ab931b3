// The state database's schema and its migrations. Versions only go up; a database written by
// a newer labelflowd is refused with a message naming the file and both versions.
#pragma once

#include "store/sqlite_db.hpp"

namespace labelflow::store {

inline constexpr int kSchemaVersion = 5;

// Creates or upgrades the schema to kSchemaVersion inside one transaction.
// Throws StoreError when the file's version is newer than kSchemaVersion.
void migrate(Db& db);

// The file's schema version (0 for an empty database).
int schema_version(Db& db);

}  // namespace labelflow::store
