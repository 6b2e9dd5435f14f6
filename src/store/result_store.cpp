#include "store/result_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "result/json.hpp"
#include "store/sqlite.hpp"
#include "util/error.hpp"

namespace synergy {

namespace {

// A write waits for a lock in attempts of at most this long (SQLite's busy handler sleeps and
// polls inside each), with a short pause between them, until StoreOptions::lock_wait_ms.
constexpr int64_t kAttemptWaitMs = 2'000;
constexpr int64_t kRetryPauseMs = 50;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  model TEXT NOT NULL,
  backend TEXT NOT NULL,
  threads INTEGER NOT NULL,
  batch INTEGER NOT NULL,
  energy_provenance TEXT NOT NULL,
  attribution TEXT NOT NULL,
  partial INTEGER NOT NULL,
  time_ns_mean REAL,
  time_ns_ci95 REAL,
  energy_j_mean REAL,
  energy_j_ci95 REAL,
  layer_count INTEGER NOT NULL,
  record_schema INTEGER NOT NULL,
  record_json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS layers (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  time_ns_mean REAL,
  time_ns_ci95 REAL,
  time_samples INTEGER,
  energy_j REAL,
  energy_uncertainty_j REAL,
  power_w REAL,
  energy_method TEXT,
  PRIMARY KEY (run_id, idx));
CREATE TABLE IF NOT EXISTS layer_counters (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  event TEXT NOT NULL,
  value REAL,
  PRIMARY KEY (run_id, idx, event));
CREATE INDEX IF NOT EXISTS runs_by_model ON runs(model);
)sql";

void insert_run(sql::Database& db, const ResultRecord& r) {
  sql::Statement s(db,
                   "INSERT INTO runs (started_at, model, backend, threads, batch, "
                   "energy_provenance, attribution, partial, time_ns_mean, time_ns_ci95, "
                   "energy_j_mean, energy_j_ci95, layer_count, record_schema, record_json) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  const auto& e = r.network.energy_j;
  s.bind(1, r.context.started_at).bind(2, r.model).bind(3, r.context.backend);
  s.bind(4, r.context.threads)
      .bind(5, r.context.batch)
      .bind(6, std::string(provenance_key(r.context.energy_provenance)));
  s.bind(7, std::string(attribution_method_name(r.attribution)))
      .bind(8, int64_t{r.partial ? 1 : 0});
  s.bind(9, r.network.time_ns.mean).bind(10, r.network.time_ns.ci95);
  s.bind(11, e ? std::optional<double>(e->mean) : std::nullopt);
  s.bind(12, e ? std::optional<double>(e->ci95) : std::nullopt);
  s.bind(13, static_cast<int64_t>(r.layers.size())).bind(14, int64_t{r.schema_version});
  s.bind(15, result_to_json(r, -1));
  s.run();
}

void insert_layers(sql::Database& db, int64_t run_id, const ResultRecord& r) {
  sql::Statement layer(db,
                       "INSERT INTO layers (run_id, idx, name, type, time_ns_mean, time_ns_ci95, "
                       "time_samples, energy_j, energy_uncertainty_j, power_w, energy_method) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  sql::Statement counter(db,
                         "INSERT INTO layer_counters (run_id, idx, event, value) VALUES (?,?,?,?)");
  for (const auto& l : r.layers) {
    layer.bind(1, run_id).bind(2, int64_t{l.index}).bind(3, l.name).bind(4, l.type);
    layer.bind(5, l.time_ns.mean).bind(6, l.time_ns.ci95).bind(7, l.time_ns.count);
    if (l.energy) {
      layer.bind(8, l.energy->energy_j).bind(9, l.energy->energy_uncertainty_j);
      layer.bind(10, l.energy->power_w)
          .bind(11, std::string(attribution_method_name(l.energy->method)));
    }
    layer.run();
    for (const auto& [event, value] : l.counters) {
      counter.bind(1, run_id).bind(2, int64_t{l.index}).bind(3, event).bind(4, value);
      counter.run();
    }
  }
}

}  // namespace

ResultStore::ResultStore(const std::string& path, StoreOptions options)
    : db_(std::make_unique<sql::Database>(path, options.create,
                                          static_cast<int>(options.lock_wait_ms))),
      options_(options) {
  try {
    prepare();
  } catch (...) {
    // A store this call created and could not set up (a full disk) is not left behind empty.
    const bool created = db_->created();
    db_.reset();
    std::error_code ignored;
    if (created && std::filesystem::file_size(path, ignored) == 0) {
      for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix, ignored);
    }
    throw;
  }
}

void ResultStore::prepare() {
  try {
    db_->exec("PRAGMA journal_mode=WAL");
  } catch (const sql::SqlError& e) {
    if (e.kind() != ErrorKind::BadInput) throw;
    throw bad_input("'" + db_->path() + "' is not a synergy results store (" + e.what() + ")");
  }
  if (db_->read_only())
    throw unavailable("results store '" + db_->path() + "': permission denied (opened read-only)");
  db_->exec("PRAGMA synchronous=NORMAL");
  db_->exec("PRAGMA foreign_keys=ON");
  check_schema();
}

ResultStore::~ResultStore() = default;

void ResultStore::check_schema() {
  auto count = [this](const char* sql) {
    sql::Statement s(*db_, sql);
    s.step();
    return s.int_at(0);
  };
  if (count("SELECT count(*) FROM sqlite_master WHERE name='meta'") == 0) {
    if (count("SELECT count(*) FROM sqlite_master") > 0)
      throw bad_input("'" + db_->path() + "' is a SQLite file but not a synergy results store");
    sql::Transaction tx(*db_);
    db_->exec(kSchema);
    db_->exec("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '" +
              std::to_string(kStoreSchemaVersion) + "')");
    tx.commit();
  }
  const int v = schema_version();
  if (v > kStoreSchemaVersion)
    throw bad_input("results store '" + db_->path() + "' has schema version " + std::to_string(v) +
                    "; this build reads up to " + std::to_string(kStoreSchemaVersion));
}

int ResultStore::schema_version() const {
  sql::Statement s(*db_, "SELECT value FROM meta WHERE key='schema_version'");
  if (!s.step()) return 0;
  return std::stoi(s.text_at(0));
}

int64_t ResultStore::append_once(const ResultRecord& record) {
  sql::Transaction tx(*db_);
  insert_run(*db_, record);
  const int64_t id = db_->last_insert_id();
  insert_layers(*db_, id, record);
  tx.commit();
  return id;
}

int64_t ResultStore::append(const ResultRecord& record) {
  if (!record.has_samples())
    throw bad_input("run of '" + record.model + "' has no completed sample: not stored");
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::milliseconds(options_.lock_wait_ms);
  for (int attempt = 1;; ++attempt) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    db_->set_busy_timeout(static_cast<int>(std::clamp<int64_t>(left, 0, kAttemptWaitMs)));
    try {
      return append_once(record);
    } catch (const sql::SqlError& e) {
      if (!e.busy()) throw;
      if (Clock::now() + std::chrono::milliseconds(kRetryPauseMs) < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(kRetryPauseMs));
        continue;
      }
      char waited[64];
      std::snprintf(waited, sizeof waited, "%.1f s (%d attempt%s)",
                    std::chrono::duration<double>(Clock::now() - start).count(), attempt,
                    attempt == 1 ? "" : "s");
      throw Error(e.kind(), std::string(e.what()) + "; no write lock after waiting " + waited);
    }
  }
}

std::optional<int64_t> ResultStore::find(const ResultRecord& record) const {
  sql::Statement s(*db_, "SELECT id FROM runs WHERE record_json = ? ORDER BY id LIMIT 1");
  s.bind(1, result_to_json(record, -1));
  if (!s.step()) return std::nullopt;
  return s.int_at(0);
}

std::vector<StoredRun> ResultStore::runs(const RunFilter& f) const {
  // A date prefix bounds from below as itself and from above as itself followed by anything.
  sql::Statement s(
      *db_,
      "SELECT id, started_at, model, backend, partial, layer_count, threads, "
      "json_extract(record_json, '$.context.host'), time_ns_mean, time_ns_ci95, energy_j_mean, "
      "energy_j_ci95, coalesce(json_extract(record_json, '$.context.precision'), 'fp32') "
      "FROM runs WHERE (?1 = '' OR model = ?1) AND (?2 = '' OR backend = ?2) AND "
      "(?3 = '' OR json_extract(record_json, '$.context.host') = ?3 OR "
      "instr(json_extract(record_json, '$.context.cpu_model'), ?3) > 0 OR "
      "instr(json_extract(record_json, '$.context.gpu'), ?3) > 0) AND "
      "(?4 = '' OR started_at >= ?4) AND (?5 = '' OR started_at < ?5 || char(0x10FFFF)) "
      "ORDER BY id");
  s.bind(1, f.model).bind(2, f.backend).bind(3, f.device).bind(4, f.since).bind(5, f.until);
  std::vector<StoredRun> out;
  while (s.step()) {
    StoredRun r;
    r.id = s.int_at(0);
    r.started_at = s.text_at(1);
    r.model = s.text_at(2);
    r.backend = s.text_at(3);
    r.partial = s.int_at(4) != 0;
    r.layers = s.int_at(5);
    r.threads = s.int_at(6);
    r.host = s.null_at(7) ? "" : s.text_at(7);
    r.time_ns_mean = s.real_at(8);
    r.time_ns_ci95 = s.real_at(9);
    r.energy_j_mean = s.real_at(10);
    r.energy_j_ci95 = s.real_at(11);
    r.precision = s.text_at(12);
    out.push_back(r);
  }
  return out;
}

void ResultStore::remove(const std::vector<int64_t>& ids) {
  db_->set_busy_timeout(static_cast<int>(options_.lock_wait_ms));
  sql::Transaction tx(*db_);
  sql::Statement s(*db_, "DELETE FROM runs WHERE id = ?");
  for (const int64_t id : ids) {
    s.bind(1, id).run();
    if (db_->changes() == 0)
      throw bad_input("no run " + std::to_string(id) + " in '" + db_->path() +
                      "': nothing removed");
  }
  tx.commit();
}

ResultRecord ResultStore::load(int64_t id) const {
  sql::Statement s(*db_, "SELECT record_json FROM runs WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) throw bad_input("no run " + std::to_string(id) + " in '" + db_->path() + "'");
  return result_from_json(s.text_at(0));
}

std::string ResultStore::integrity() const {
  sql::Statement s(*db_, "PRAGMA integrity_check");
  std::string out;
  while (s.step()) out += (out.empty() ? "" : "; ") + s.text_at(0);
  return out;
}

}  // namespace synergy
