// A thin RAII layer over SQLite: a connection, prepared statements, transactions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace synergy::sql {

class Database {
 public:
  // Opens (creating if asked) the file; throws unavailable naming the path and SQLite's reason.
  Database(const std::string& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const std::string& sql);  // throws naming the statement
  int64_t last_insert_id() const;
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
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
