#include "store/sqlite.hpp"

#include <sqlite3.h>

#include <cmath>
#include <limits>

#include "util/error.hpp"

namespace synergy::sql {

namespace {

Error sqlite_error(sqlite3* db, const std::string& what) {
  return Error(ErrorKind::Runtime, what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

Database::Database(const std::string& path, bool create) : path_(path) {
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw unavailable("cannot open results store '" + path + "': " + why);
  }
  sqlite3_busy_timeout(db_, 10'000);
}

Database::~Database() {
  sqlite3_close(db_);
}

void Database::exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string why = err ? err : "unknown error";
    sqlite3_free(err);
    throw Error(ErrorKind::Runtime, "results store '" + path_ + "': " + why + " in: " + sql);
  }
}

int64_t Database::last_insert_id() const {
  return sqlite3_last_insert_rowid(db_);
}

Statement::Statement(const Database& db, const std::string& sql) : db_(db) {
  if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
    throw sqlite_error(db.handle(), "results store: cannot prepare '" + sql + "'");
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, int64_t v) {
  sqlite3_bind_int64(stmt_, index, v);
  return *this;
}

Statement& Statement::bind(int index, double v) {
  if (std::isfinite(v))
    sqlite3_bind_double(stmt_, index, v);
  else
    sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::bind(int index, const std::string& v) {
  sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, std::optional<double> v) {
  return v ? bind(index, *v) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw sqlite_error(db_.handle(), "results store '" + db_.path() + "'");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::int_at(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double Statement::real_at(int column) const {
  return null_at(column) ? std::numeric_limits<double>::quiet_NaN()
                         : sqlite3_column_double(stmt_, column);
}

std::string Statement::text_at(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string();
}

bool Statement::null_at(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Transaction::Transaction(Database& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (...) {
    // The connection is closing anyway; SQLite rolls back an unfinished transaction itself.
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace synergy::sql
