// The result of one profile: a schema-versioned record with its context. Reporters only format it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "measure/provenance.hpp"
#include "measure/sched/cpu_share.hpp"
#include "result/methods.hpp"
#include "result/summary.hpp"

namespace synergy {

inline constexpr int kResultSchemaVersion = 1;

// Where and how the numbers were taken.
struct RunContext {
  std::string started_at;  // ISO 8601 UTC
  std::string host;
  std::string cpu_model;
  std::string gpu;                               // "" when none
  std::string driver;                            // GPU driver, "" when none
  std::map<std::string, std::string> libraries;  // name -> version
  std::map<std::string, std::string> device;     // facts the energy source reports
  std::string backend;
  int64_t threads = 1;
  int64_t batch = 1;
  std::string precision = "fp32";  // engine precision: fp32, tf32, fp16 or bf16
  bool cuda_graph = false;         // each inference replayed as one CUDA graph
  std::string build_type;
  std::string synergy_version;
  std::string git_commit;
  std::string governor;             // CPU frequency governor, "" when unknown
  std::string openmp_wait;          // how idle OpenMP workers waited, and why
  double others_busy_cores = -1.0;  // cores other processes kept busy at start; < 0: not measured
  std::string energy_source;        // "nvml", "rapl", ... or "none"
  std::string energy_domain;
  std::optional<Provenance> energy_provenance;  // absent: no energy figure ("none")
  std::string energy_unavailable_reason;        // said plainly when not measured
  int64_t sensor_update_period_ns = 0;
  int64_t sensor_poll_period_ns = 0;
  std::vector<std::string> counters;                        // events measured
  std::map<std::string, std::string> counters_unavailable;  // event -> reason
  std::map<std::string, std::string> counter_provenance;    // event -> how it was counted
};

// A per-layer energy estimate from one attribution method.
struct EnergyEstimate {
  AttributionMethod method = AttributionMethod::Trace;
  double energy_j = 0.0;  // per inference
  double energy_uncertainty_j = 0.0;
  double power_w = 0.0;
  double power_uncertainty_w = 0.0;
  int64_t samples = 0;
};

struct LayerResult {
  int32_t index = 0;
  std::string name;
  std::string type;
  Summary time_ns;                         // per inference
  std::optional<EnergyEstimate> energy;    // absent: not measured (never a zero)
  std::map<std::string, double> counters;  // per inference means; absent event: unavailable
  std::string note;
  std::string fused_into;  // the layer whose kernel runs this one ("" = runs on its own)
  bool view = false;       // a view of its input: no kernel, no data moved
  // Its kernel's algorithm where it computes fewer products than `macs` ("winograd_4x3"), else "".
  std::string algorithm;
  // What the layer computes, from the graph: "1x3x32x32 -> 1x16x32x32", multiply-accumulates
  // and the least bytes it must move, per inference ("" and 0 in records from before them).
  std::string shapes;
  int64_t macs = 0;
  int64_t min_traffic_bytes = 0;
};

// The largest values of the network's first output, per image (asked for with `run --top-k`).
struct TopOutputs {
  std::string output;                                           // the output's name
  std::vector<std::vector<std::pair<int64_t, double>>> images;  // (index, value), largest first
};

struct NetworkResult {
  Summary time_ns;                  // per inference
  std::optional<Summary> energy_j;  // per inference, over samples
  std::optional<double> idle_power_w;
  std::optional<double> static_energy_j;
  std::optional<double> dynamic_energy_j;
  int64_t iterations_per_sample = 0;
  StopReason stop_reason = StopReason::BudgetExhausted;
  std::map<std::string, double> counters;  // per inference
  // Below fp32: the outputs' relative L2 error against fp32 on the same backend and one random
  // input (the largest over the outputs). Absent for fp32.
  std::optional<double> error_vs_fp32;
  std::optional<TopOutputs> top_outputs;  // absent: not asked for
};

struct ClosureResult {
  double layers_j = 0.0;
  double network_j = 0.0;
  double difference_pct = 0.0;
  std::string basis;  // what the network's side is
};

struct ResultRecord {
  int schema_version = kResultSchemaVersion;
  std::string model;
  RunContext context;
  NetworkResult network;
  std::vector<LayerResult> layers;
  std::optional<AttributionMethod> attribution;  // absent when energy was not attributed
  std::string uncertainty_kind;
  std::optional<ClosureResult> closure;
  std::optional<double> overhead_pct;  // profiling overhead on end-to-end latency
  std::vector<std::string> warnings;
  // The sensor's faults during the run, one line per kind (how many readings, why, when); the
  // readings they touch are in no figure. Empty: none.
  std::vector<std::string> sensor_faults;
  // What share of the CPU each timed phase got (times on a shared CPU are inflated).
  std::vector<PhaseCpuShare> cpu_share;
  bool partial = false;  // interrupted: what was measured so far

  bool energy_measured() const;  // a sensor measured it (not an estimate, not absent)
  // At least one sample completed: of the whole network or of any layer. A run interrupted
  // before that holds no result: it is neither stored nor used as data.
  bool has_samples() const;
};

}  // namespace synergy
