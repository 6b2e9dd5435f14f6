// The results store: every profile appended to a SQLite file (default synergy.db), one run per
// transaction, so that an interrupted or crashed writer never damages earlier results.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "result/record.hpp"

namespace synergy {

namespace sql {
class Database;
}

inline constexpr int kStoreSchemaVersion = 1;
inline constexpr const char* kDefaultStorePath = "synergy.db";
inline constexpr int64_t kDefaultStoreWaitMs = 10'000;

struct StoreOptions {
  bool create = true;  // create a missing file (otherwise: bad input, no file is made)
  // How long a write waits for another process's write lock before it fails, in total over
  // its attempts.
  int64_t lock_wait_ms = kDefaultStoreWaitMs;
};

struct StoredRun {
  int64_t id = 0;
  std::string started_at;
  std::string model;
  std::string backend;
  bool partial = false;
  int64_t layers = 0;
  int64_t threads = 0;
  std::string precision;  // "fp32" for records from before precisions were stored
  std::string host;
  double time_ns_mean = 0.0, time_ns_ci95 = 0.0;    // per inference, NaN when absent
  double energy_j_mean = 0.0, energy_j_ci95 = 0.0;  // per inference, NaN when not measured
};

// Which runs to list; an empty field does not filter.
struct RunFilter {
  std::string model;
  std::string backend;
  std::string device;  // the host, or part of the CPU model or GPU name
  std::string since;   // started at or after (ISO 8601, any prefix: "2026-12", "2026-12-04")
  std::string until;   // started before the end of (same form)
};

class ResultStore {
 public:
  // Opens or creates the store and its schema, and checks it: a read unless the schema must be
  // written, so another process's write lock does not hold it up. Throws naming the cause:
  // bad_input for a path that cannot hold a store (a directory, a missing directory), a file
  // that is not a synergy store or has a newer schema version; unavailable for permission
  // denied; a runtime error for a full disk or an I/O error.
  explicit ResultStore(const std::string& path, StoreOptions options = {});
  ~ResultStore();
  ResultStore(const ResultStore&) = delete;
  ResultStore& operator=(const ResultStore&) = delete;

  // Writes the whole record (run, layers, counters) in one transaction; returns the run id.
  // Waits up to lock_wait_ms for another writer's lock, retrying, then throws a runtime error
  // naming the holder when /proc/locks does. A record without any completed sample (see
  // ResultRecord::has_samples) is refused as bad input: an empty run is never stored.
  int64_t append(const ResultRecord& record);
  // The id of a stored run whose record equals `record`, if any.
  std::optional<int64_t> find(const ResultRecord& record) const;
  // Runs in id order; `model` filters when not empty.
  std::vector<StoredRun> runs(const RunFilter& filter = {}) const;
  // Removes the runs with their layers and counters, in one transaction; bad_input naming an id
  // the store does not hold, and then none is removed.
  void remove(const std::vector<int64_t>& ids);
  // Throws bad_input for an unknown id.
  ResultRecord load(int64_t id) const;
  int schema_version() const;
  // SQLite's integrity check: "ok" when the file is sound.
  std::string integrity() const;

 private:
  void prepare();
  void check_schema();
  int64_t append_once(const ResultRecord& record);
  std::unique_ptr<sql::Database> db_;
  StoreOptions options_;
};

}  // namespace synergy
