#include "store/result_store.hpp"

#include "report/json.hpp"
#include "store/sqlite.hpp"
#include "util/error.hpp"

namespace synergy {

namespace {

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
  s.bind(4, r.context.threads).bind(5, r.context.batch).bind(6, r.context.energy_provenance);
  s.bind(7, r.attribution).bind(8, int64_t{r.partial ? 1 : 0});
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
      layer.bind(10, l.energy->power_w).bind(11, l.energy->method);
    }
    layer.run();
    for (const auto& [event, value] : l.counters) {
      counter.bind(1, run_id).bind(2, int64_t{l.index}).bind(3, event).bind(4, value);
      counter.run();
    }
  }
}

}  // namespace

ResultStore::ResultStore(const std::string& path)
    : db_(std::make_unique<sql::Database>(path, true)) {
  try {
    db_->exec("PRAGMA journal_mode=WAL");
  } catch (const Error& e) {
    throw bad_input("'" + path + "' is not a synergy results store (" + e.what() + ")");
  }
  db_->exec("PRAGMA synchronous=NORMAL");
  db_->exec("PRAGMA foreign_keys=ON");
  create_schema();
}

ResultStore::~ResultStore() = default;

void ResultStore::create_schema() {
  bool has_meta = false;
  {
    sql::Statement s(*db_, "SELECT count(*) FROM sqlite_master WHERE name='meta'");
    s.step();
    has_meta = s.int_at(0) > 0;
  }
  if (!has_meta) {
    sql::Statement s(*db_, "SELECT count(*) FROM sqlite_master");
    s.step();
    if (s.int_at(0) > 0)
      throw bad_input("'" + db_->path() + "' is a SQLite file but not a synergy results store");
  }
  sql::Transaction tx(*db_);
  db_->exec(kSchema);
  db_->exec("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '" +
            std::to_string(kStoreSchemaVersion) + "')");
  tx.commit();
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

int64_t ResultStore::append(const ResultRecord& record) {
  sql::Transaction tx(*db_);
  insert_run(*db_, record);
  const int64_t id = db_->last_insert_id();
  insert_layers(*db_, id, record);
  tx.commit();
  return id;
}

std::vector<StoredRun> ResultStore::runs(const std::string& model) const {
  sql::Statement s(*db_,
                   "SELECT id, started_at, model, backend, partial, layer_count FROM runs "
                   "WHERE ?1 = '' OR model = ?1 ORDER BY id");
  s.bind(1, model);
  std::vector<StoredRun> out;
  while (s.step())
    out.push_back(
        {s.int_at(0), s.text_at(1), s.text_at(2), s.text_at(3), s.int_at(4) != 0, s.int_at(5)});
  return out;
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
