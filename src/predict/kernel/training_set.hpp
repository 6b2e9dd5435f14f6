// Kernel-level training data from profile results: each network's kernels (as the engine ran
// them: fused layers inside their host, views left out) with their measured times, and the
// network's measured end-to-end time.
#pragma once

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
};

struct NetworkSample {
  std::string network;
  double time_ms = 0.0;         // measured end to end, per inference (median)
  std::vector<size_t> kernels;  // into KernelTrainingSet::kernels
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

// The latest complete run of each network in `records` that matches `filter` (exactly one
// platform must remain). Each network is rebuilt from its run's model name (zoo name, sampled
// name or model file) to compute the kernels' features. A network that cannot be rebuilt, or
// whose layers do not match its run, or that was timed on a shared CPU, is left out with a note.
// Throws bad_input when no network is left or platforms are mixed. A run timed on a shared CPU --
// one that waited more than `max_cpu_wait` of a phase for a core
// -- is no truth to learn from: its kernel and end-to-end times disagree by up to 4x (a short
// kernel fits in a time slice, a whole inference does not).
constexpr double kDefaultMaxCpuWait = 0.10;

KernelTrainingSet kernel_training_set(const std::vector<ResultRecord>& records,
                                      const Platform& filter, const std::string& source,
                                      double max_cpu_wait = kDefaultMaxCpuWait);

}  // namespace synergy::predict
