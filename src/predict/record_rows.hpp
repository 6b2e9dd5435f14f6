// Dataset rows from profile results: JSON records written by `synergy profile --format json`
// and the results store (SQLite). One row per layer of the latest run of each network and
// platform.
#pragma once

#include <string>
#include <vector>

#include "predict/table.hpp"
#include "result/record.hpp"

namespace synergy::predict {

// Columns: network, layer, layer_type, device, backend, threads, batch, time_ms,
// time_ms_std, energy_mj, energy_mj_uncertainty, power_w, energy_provenance, and one column
// per hardware counter. A quantity that was not measured is a blank cell, never 0.
Table record_table(const std::vector<ResultRecord>& records, const std::string& source);

// The latest record of each network and platform (records are in run order), a complete run
// before any partial one. A record without a completed sample is no data: it is left out.
std::vector<const ResultRecord*> latest_runs(const std::vector<ResultRecord>& records);
// The device a run's rows name: its GPU, else its CPU model.
std::string device_of(const RunContext& context);

// Every record of a profile JSON document (one) or of a results store (all, in run order).
// Throws bad_input when the file cannot be read.
std::vector<ResultRecord> read_profile_json(const std::string& path);
std::vector<ResultRecord> read_store_records(const std::string& path);

class ProfileJsonRowSource : public RowSource {
 public:
  explicit ProfileJsonRowSource(std::string path) : path_(std::move(path)) {}
  Table read() const override;

 private:
  std::string path_;
};

class StoreRowSource : public RowSource {
 public:
  explicit StoreRowSource(std::string path) : path_(std::move(path)) {}
  Table read() const override;

 private:
  std::string path_;
};

}  // namespace synergy::predict
