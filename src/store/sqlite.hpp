// A thin RAII layer over SQLite: a connection, prepared statements, transactions. Every failure
// is a SqlError whose kind and text say the cause (locked, disk full, permission, not a
// database), so that the CLI's exit code and message follow from it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "util/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace synergy::sql {

// The SQLite library's version, as loaded.
std::string library_version();

class SqlError : public Error {
 public:
  SqlError(ErrorKind kind, const std::string& what, int code) : Error(kind, what), code_(code) {}
  int code() const { return code_; }  // SQLite's primary result code
  bool busy() const;                  // another connection held the lock

 private:
  int code_;
};

class Database {
 public:
  // Opens (creating if asked) the file; throws naming the path and the cause: bad input for a
  // path that cannot hold a database (a directory, a missing directory, no file with `create`
  // false), unavailable for permission denied. Writes wait up to `busy_timeout_ms` for a lock.
  Database(const std::string& path, bool create, int busy_timeout_ms = 10'000);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const std::string& sql);  // throws SqlError
  int64_t last_insert_id() const;
  int64_t changes() const;  // rows the last statement changed
  void set_busy_timeout(int ms);
  bool read_only() const;  // opened read-only (the file or its directory refuses writes)
  bool created() const { return created_; }  // the file did not exist before
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

  // The error of a failed call that returned `rc` on this connection.
  SqlError failure(int rc) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  bool created_ = false;
};

class Statement {
 public:
  Statement(const Database& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, int64_t v);
  Statement& bind(int index, double v);  // non-finite -> NULL
  Statement& bind(int index, const std::string& v);
  Statement& bind(int index, std::optional<double> v);
  Statement& bind_null(int index);
  bool step();  // true while a row is available
  void run();   // steps to completion, then resets for reuse
  void reset();

  int64_t int_at(int column) const;
  double real_at(int column) const;  // NaN for NULL
  std::string text_at(int column) const;
  bool null_at(int column) const;

 private:
  const Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace synergy::sql
