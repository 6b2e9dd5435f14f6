// Kernel-level training data from profile results: each network's kernels (as the engine ran
// them: fused layers inside their host, views left out) with their measured times and, where a
// sensor measured energy and it was attributed to the layers, energies; and the network's measured
// end-to-end time and energy.
#pragma once

#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "predict/dataset.hpp"
#include "result/record.hpp"

namespace synergy::predict {

struct KernelSample {
  std::string network;
  std::string kernel;
  std::string kind;
  std::vector<double> features;  // kernel_feature_names()
  double time_ms = 0.0;          // the host's and its fused layers' per-inference medians
  // Their attributed energy per inference (a fused layer's is counted in its host's); NaN when a
  // sensor did not measure it or the host has none (the kernel still counts for time).
  double energy_mj = std::nan("");
};

struct NetworkSample {
  std::string network;
  double time_ms = 0.0;             // measured end to end, per inference (median)
  double energy_mj = std::nan("");  // measured by a sensor, per inference (median); NaN: not
  std::vector<size_t> kernels;      // into KernelTrainingSet::kernels
};

struct KernelTrainingSet {
  std::string source;
  Platform platform;
  std::map<std::string, std::string> libraries;  // of the first run: the engine's versions
  std::string synergy_version;
  std::vector<KernelSample> kernels;
  std::vector<NetworkSample> networks;
  std::vector<std::string> notes;  // networks left out, and why
};

// A run timed on a shared CPU -- one that waited more than `max_cpu_wait` of a phase for a core
// -- is no truth to learn from: its kernel and end-to-end times disagree by up to 4x (a short
// kernel fits in a time slice, a whole inference does not).
constexpr double kDefaultMaxCpuWait = 0.10;

struct TrainingSetOptions {
  Platform filter;  // empty fields match anything; exactly one platform must remain
  double max_cpu_wait = kDefaultMaxCpuWait;
  // Folders holding <model>.onnx or <model>.prototxt for runs of model files (a run keeps the
  // network's name, not its path).
  std::vector<std::string> model_dirs;
};

// The latest complete run of each network in `records` that matches the filter. Each network is
// rebuilt from its run's model name (zoo name, sampled name, or a file in a model folder) to
// compute the kernels' features. A network that cannot be rebuilt, whose layers do not match its
// run, or that was timed on a shared CPU is left out with a note. Throws bad_input when no network
// is left or platforms are mixed.
KernelTrainingSet kernel_training_set(const std::vector<ResultRecord>& records,
                                      const std::string& source,
                                      const TrainingSetOptions& options = {});

// The networks of `set` for which `keep(name)` holds, with their kernels.
KernelTrainingSet select_networks(const KernelTrainingSet& set,
                                  const std::function<bool(const std::string&)>& keep);

// Both sets' networks in one (the same platform; throws bad_input otherwise).
KernelTrainingSet merge(KernelTrainingSet a, const KernelTrainingSet& b);

}  // namespace synergy::predict
