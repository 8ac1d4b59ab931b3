// Thin RAII wrappers over the SQLite C API, private to daemon/store. Errors throw StoreError
// carrying the database file and SQLite's message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace labelflow::store {

class Stmt;
class CachedStmt;

class Db {
 public:
  Db(const std::string& path, bool create);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(const char* sql);
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(std::string_view what) const;
  // A statement prepared once for this connection and reused: hot reads would otherwise spend
  // most of their time in SQLite's parser. Not reentrant: one use of a given `sql` at a time
  // (callers hold the connection's lock).
  CachedStmt cached(const std::string& sql);

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Stmt>> cache_;  // finalized before close
};

class Stmt {
 public:
  Stmt(Db& db, const char* sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Stmt& bind(int i, bool v) { return bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
  Stmt& bind(int i, std::uint64_t v) { return bind(i, static_cast<std::int64_t>(v)); }
  // true while a row is available
  bool step();
  void run() {
    step();
    reset();
  }
  void reset();

  std::int64_t i64(int col) const { return sqlite3_column_int64(st_, col); }
  double f64(int col) const { return sqlite3_column_double(st_, col); }
  std::string text(int col) const;
  bool null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

 private:
  Db& db_;
  sqlite3_stmt* st_ = nullptr;
};

// One use of a cached statement: resets it (and clears its bindings) when the use ends, also
// when a read throws, so the next use starts clean.
class CachedStmt {
 public:
  explicit CachedStmt(Stmt& s) : s_(s) {}
  ~CachedStmt() { s_.reset(); }
  CachedStmt(const CachedStmt&) = delete;
  CachedStmt& operator=(const CachedStmt&) = delete;
  Stmt* operator->() const { return &s_; }
  Stmt& operator*() const { return s_; }

 private:
  Stmt& s_;
};

}  // namespace labelflow::store
