// The pipeline behind `profile`, `collect` and `run`: a network is prepared (engine, sensor,
// counters, options), profiled, turned into a result record, stored, then written out.
#pragma once

#include <signal.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "cli/store_args.hpp"
#include "engine/engine.hpp"
#include "measure/registry.hpp"
#include "profile/session.hpp"
#include "report/output.hpp"
#include "store/result_store.hpp"

namespace synergy::cli {

// Ctrl-C, `kill`/`timeout`/systemd/SLURM (SIGTERM) and a closed terminal (SIGHUP) all stop a
// profile at the next run boundary: what was measured is kept, marked partial, and the exit
// code is 128 + the signal (130, 143, 129). The previous handlers come back afterwards.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  bool interrupted() const;
  int exit_code() const;
  const char* signal_name() const;

 private:
  static constexpr std::array<int, 3> kSignals{SIGINT, SIGTERM, SIGHUP};
  std::array<struct sigaction, 3> previous_{};
};

struct ProfileArgs {
  std::string command = "profile";  // the subcommand, as messages name it
  std::string model;
  bool zoo = false;
  std::string backend;
  int threads = 1;
  int64_t batch = 1;
  std::string energy = "auto";
  std::string domain;
  std::string counters;
  std::string gpu_counters;  // presets; "" = default
  bool gpu_counters_on = false;
  std::string attribution = "trace";
  std::string ci = "1%";
  std::string max_time = "60s";
  std::string layer_time = "2s";
  std::string attribution_time;
  std::string layer_ci = "5%";
  std::string trace_offset;
  double max_power_w = 0;
  int64_t iterations = 0;
  std::string format = "table";
  TypeArgs types;
  std::string sysfs_root;
  std::string trace;
  std::string report;  // HTML report (profile only, one network)
  StoreArgs store;
  bool no_store = false;
  bool no_fuse = false;
  bool no_winograd = false;
  std::string precision = "fp32";
  bool cuda_graph = false;
  uint64_t seed = 1;
  // Said by `run`: its input .npy ("" = random from the seed), where to write the first output
  // (.npy, "" = nowhere) and how many of its largest values to keep per image (0 = none).
  std::string input;
  std::string output;
  int64_t top_k = 0;
};

// A network ready to profile: everything that fails on bad input or missing hardware is done
// here, before the store is opened, so such a run leaves no store file behind.
struct Prepared {
  std::string model;
  std::unique_ptr<Engine> engine;
  ChosenSource energy;
  size_t domain = 0;
  std::vector<std::string> counters;
  ProfileOptions options;  // options.inputs: the network's inputs (never empty)
};

enum class Ended { Complete, Partial, Empty };

double parse_percent(const std::string& text, const char* flag);
Graph load_for(const ProfileArgs& a, const std::string& spec);
std::string model_name(const Graph& graph, const std::string& spec);
Prepared prepare(const ProfileArgs& a, const std::string& spec, Graph graph);

// Profiles one prepared network, stores the record, then writes the outputs. energy_failure:
// set when the sensor failed during the run and left no energy figure.
Ended profile_one(const ProfileArgs& a, Prepared& p, const InterruptGuard& guard,
                  ResultStore* store, RecordWriter& writer, std::string& energy_failure);

// Every option that can be bad input is checked before anything runs (exit 2).
void check_args(const ProfileArgs& a);

// Says how a stopped run ended; the exit code of the signal.
int interrupted_exit(const InterruptGuard& guard, Ended ended, const std::string& model,
                     const std::string& command);

}  // namespace synergy::cli
