#include "predict/record_rows.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "result/json.hpp"
#include "store/result_store.hpp"
#include "util/error.hpp"

namespace synergy::predict {

namespace {

const std::vector<std::string> kFixed{"network",
                                      "layer",
                                      "layer_type",
                                      "device",
                                      "backend",
                                      "threads",
                                      "batch",
                                      "time_ms",
                                      "time_ms_std",
                                      "energy_mj",
                                      "energy_mj_uncertainty",
                                      "power_w",
                                      "energy_provenance"};

std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string run_key(const ResultRecord& r) {
  return r.model + "|" + device_of(r.context) + "|" + r.context.backend + "|" +
         std::to_string(r.context.threads) + "|" + std::to_string(r.context.batch);
}

std::vector<std::string> layer_row(const ResultRecord& r, const LayerResult& l,
                                   const std::vector<std::string>& counters) {
  const RunContext& c = r.context;
  const bool timed = l.time_ns.count > 0;  // a partial run may end before a layer was timed
  std::vector<std::string> row{r.model,
                               l.name,
                               l.type,
                               device_of(c),
                               c.backend,
                               std::to_string(c.threads),
                               std::to_string(c.batch),
                               timed ? num(l.time_ns.mean / 1e6) : "",
                               timed ? num(l.time_ns.stddev / 1e6) : ""};
  if (l.energy) {
    row.insert(row.end(), {num(l.energy->energy_j * 1e3), num(l.energy->energy_uncertainty_j * 1e3),
                           num(l.energy->power_w), provenance_key(c.energy_provenance)});
  } else {
    row.insert(row.end(), {"", "", "", "none"});
  }
  for (const auto& name : counters) {
    auto it = l.counters.find(name);
    row.push_back(it == l.counters.end() ? "" : num(it->second));
  }
  return row;
}

}  // namespace

std::string device_of(const RunContext& c) {
  return c.gpu.empty() ? c.cpu_model : c.gpu;
}

std::vector<const ResultRecord*> latest_runs(const std::vector<ResultRecord>& records) {
  std::vector<const ResultRecord*> keep;
  for (const auto& r : records) {
    if (!r.has_samples() || r.layers.empty()) continue;  // no layer times: nothing to learn
    bool seen = false;
    for (auto& k : keep) {
      if (run_key(*k) != run_key(r)) continue;
      seen = true;
      if (r.partial <= k->partial) k = &r;
    }
    if (!seen) keep.push_back(&r);
  }
  return keep;
}

Table record_table(const std::vector<ResultRecord>& records, const std::string& source) {
  std::vector<const ResultRecord*> runs = latest_runs(records);
  if (runs.empty())
    throw bad_input(source +
                    ": no profile results with a completed sample and per-layer times (synergy "
                    "run keeps layer times only with --per-layer)");
  const auto empty = std::count_if(records.begin(), records.end(), [](const ResultRecord& r) {
    return !r.has_samples() || r.layers.empty();
  });
  if (empty > 0)
    std::fprintf(stderr,
                 "%s: %zu runs without a completed sample or without per-layer times left out\n",
                 source.c_str(), static_cast<size_t>(empty));
  if (runs.size() + static_cast<size_t>(empty) < records.size())
    std::fprintf(stderr,
                 "%s: %zu earlier or partial runs of the same network and platform left out "
                 "(latest complete kept)\n",
                 source.c_str(), records.size() - runs.size() - static_cast<size_t>(empty));
  std::set<std::string> counter_set;
  for (const auto* r : runs)
    for (const auto& l : r->layers)
      for (const auto& [name, value] : l.counters) counter_set.insert(name);
  std::vector<std::string> counters(counter_set.begin(), counter_set.end());
  Table t;
  t.source = source;
  t.columns = kFixed;
  t.columns.insert(t.columns.end(), counters.begin(), counters.end());
  for (const auto* r : runs)
    for (const auto& l : r->layers) t.rows.push_back(layer_row(*r, l, counters));
  return t;
}

std::vector<ResultRecord> read_profile_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw bad_input("cannot open '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  try {
    return {result_from_json(ss.str())};
  } catch (const Error& e) {
    throw Error(e.kind(), path + ": " + e.what());
  }
}

std::vector<ResultRecord> read_store_records(const std::string& path) {
  StoreOptions options;
  options.create = false;  // reading a dataset never makes a store file
  ResultStore store(path, options);
  std::vector<ResultRecord> records;
  for (const auto& run : store.runs()) records.push_back(store.load(run.id));
  return records;
}

Table ProfileJsonRowSource::read() const {
  return record_table(read_profile_json(path_), path_);
}

Table StoreRowSource::read() const {
  return record_table(read_store_records(path_), path_);
}

}  // namespace synergy::predict
