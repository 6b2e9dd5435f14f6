#include "store/sqlite.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <limits>

#include "store/lock_holders.hpp"
#include "util/write_file.hpp"

namespace synergy::sql {

namespace {

std::string quoted(const std::string& path) {
  return "results store '" + path + "'";
}

std::string locked_cause(const std::string& path) {
  const auto pids = write_lock_holders({path, path + "-wal", path + "-shm"});
  std::string who;
  for (const long pid : pids) who += (who.empty() ? " (pid " : ", ") + std::to_string(pid);
  return "locked by another process" + (who.empty() ? "" : who + ")");
}

// A file operation's errno as a store error, keeping the kind the path's fault implies.
SqlError errno_failure(int err, const std::string& path, int rc, const std::string& detail = "") {
  return SqlError(file_error_kind(err),
                  quoted(path) + ": " + describe_file_error(err, path) +
                      (detail.empty() ? "" : " (" + detail + ")"),
                  rc);
}

SqlError classify(int rc, int sys_errno, const std::string& message, const std::string& path) {
  const std::string where = quoted(path) + ": ";
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SqlError(ErrorKind::Runtime, where + locked_cause(path), rc);
    case SQLITE_FULL:
      return SqlError(ErrorKind::Runtime, where + "disk full (" + message + ")", rc);
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return SqlError(ErrorKind::Unavailable, where + "permission denied (" + message + ")", rc);
    case SQLITE_NOTADB:
      return SqlError(ErrorKind::BadInput, where + "not a SQLite database (" + message + ")", rc);
    case SQLITE_CORRUPT:
      return SqlError(ErrorKind::BadInput, where + "the file is damaged (" + message + ")", rc);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      if (sys_errno != 0) return errno_failure(sys_errno, path, rc, message);
      return SqlError(ErrorKind::Runtime, where + message, rc);
    default:
      return SqlError(ErrorKind::Runtime, where + message, rc);
  }
}

// Checks that `path` can hold a database before SQLite opens it, so that a failure names its
// real cause (SQLite reports most as "unable to open database file"). With `create`, a missing
// file is created here (an empty file is an empty database); returns whether it was.
bool check_path(const std::string& path, bool create) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw errno_failure(EISDIR, path, 0);
    return false;
  }
  if (errno != ENOENT) throw errno_failure(errno, path, 0);
  if (!create) throw bad_input("no results store at '" + path + "'");
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd >= 0) {
    ::close(fd);
    return true;
  }
  if (errno != EEXIST) throw errno_failure(errno, path, 0);
  return false;  // another process created it meanwhile
}

}  // namespace

bool SqlError::busy() const {
  return code_ == SQLITE_BUSY || code_ == SQLITE_LOCKED;
}

Database::Database(const std::string& path, bool create, int busy_timeout_ms) : path_(path) {
  created_ = check_path(path, create);
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const SqlError e = db_ ? failure(rc) : SqlError(ErrorKind::Runtime, "out of memory", rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw e;
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
}

Database::~Database() {
  sqlite3_close(db_);
}

SqlError Database::failure(int rc) const {
  return classify(rc, sqlite3_system_errno(db_), sqlite3_errmsg(db_), path_);
}

void Database::exec(const std::string& sql) {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw failure(rc);
}

std::string library_version() {
  return sqlite3_libversion();
}

int64_t Database::changes() const {
  return sqlite3_changes(db_);
}

int64_t Database::last_insert_id() const {
  return sqlite3_last_insert_rowid(db_);
}

void Database::set_busy_timeout(int ms) {
  sqlite3_busy_timeout(db_, ms);
}

bool Database::read_only() const {
  return sqlite3_db_readonly(db_, "main") == 1;
}

Statement::Statement(const Database& db, const std::string& sql) : db_(db) {
  const int rc = sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &stmt_, nullptr);
  if (rc != SQLITE_OK) throw db.failure(rc);
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
  throw db_.failure(rc);
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
