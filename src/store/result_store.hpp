// The results store: every profile appended to a SQLite file (default synergy.db), one run per
// transaction, so that an interrupted or crashed writer never damages earlier results.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "report/record.hpp"

namespace synergy {

namespace sql {
class Database;
}

inline constexpr int kStoreSchemaVersion = 1;
inline constexpr const char* kDefaultStorePath = "synergy.db";

struct StoredRun {
  int64_t id = 0;
  std::string started_at;
  std::string model;
  std::string backend;
  bool partial = false;
  int64_t layers = 0;
};

class ResultStore {
 public:
  // Opens or creates the store and its schema. Throws unavailable when the file cannot be opened
  // and bad_input when it is not a synergy store or has a newer schema version.
  explicit ResultStore(const std::string& path);
  ~ResultStore();
  ResultStore(const ResultStore&) = delete;
  ResultStore& operator=(const ResultStore&) = delete;

  // Writes the whole record (run, layers, counters) in one transaction; returns the run id.
  int64_t append(const ResultRecord& record);
  // Runs in id order; `model` filters when not empty.
  std::vector<StoredRun> runs(const std::string& model = "") const;
  // Throws bad_input for an unknown id.
  ResultRecord load(int64_t id) const;
  int schema_version() const;
  // SQLite's integrity check: "ok" when the file is sound.
  std::string integrity() const;

 private:
  void create_schema();
  std::unique_ptr<sql::Database> db_;
};

}  // namespace synergy
