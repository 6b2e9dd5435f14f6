// Kernel energy models on real kernel timings with a synthetic power truth. The runs of stores
// profiled without a sensor keep their measured kernel and network times; each kernel is given
// the energy a known power law says (static power + a dynamic power by kind and arithmetic
// intensity, with noise), each network the static power over its whole time plus its kernels'
// dynamic energy. A model is fitted on the training store's networks and scored on the test
// stores' under the same law, twice: with per-kernel energy (as attributed by the profiler) and
// with whole-network energy alone (static + power per kind x kernel time). See docs/prediction.md.
//
//   kernel_energy_truth --train sampled.db --test zoo.db,tv.db --models onnx/
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <random>

#include "predict/kernel/kernel_model.hpp"
#include "predict/kernel/kernels.hpp"
#include "predict/kernel/training_set.hpp"
#include "predict/record_rows.hpp"
#include "util/error.hpp"

namespace {

using namespace synergy::predict;

constexpr double kStaticW = 5.0;

double feature(const KernelSample& k, const char* name) {
  return k.features[kernel_feature_index(name)];
}

// Dynamic power (W) of a kernel: convolutions and fully connected layers draw more the more they
// compute per byte moved; depthwise convolutions and the rest, which move bytes, draw a constant.
double dynamic_w(const KernelSample& k) {
  const double intensity = feature(k, "intensity");
  if (k.kind == "conv" || k.kind == "conv_grouped") return 12.0 * intensity / (intensity + 10.0);
  if (k.kind == "fullyconnected") return 8.0 * intensity / (intensity + 2.0);
  if (k.kind == "conv_depthwise") return 4.0;
  return 3.0;
}

// Gives every kernel and network of `set` its energy under the law; `per_kernel` false leaves
// the kernels without (whole-network readings only).
void apply_truth(KernelTrainingSet& set, bool per_kernel, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> kernel_noise(0.0, 0.03), network_noise(0.0, 0.02);
  for (auto& n : set.networks) {
    double dynamic_mj = 0.0;
    for (size_t i : n.kernels) {
      KernelSample& k = set.kernels[i];
      const double d = dynamic_w(k) * k.time_ms * std::exp(kernel_noise(rng));
      dynamic_mj += d;
      k.energy_mj = per_kernel ? d + kStaticW * k.time_ms : std::nan("");
    }
    n.energy_mj = (kStaticW * n.time_ms + dynamic_mj) * std::exp(network_noise(rng));
  }
}

KernelTrainingSet read(const std::vector<std::string>& paths, const TrainingSetOptions& o) {
  KernelTrainingSet set;
  for (const auto& p : paths)
    set = merge(std::move(set), kernel_training_set(read_store_records(p), p, o));
  return set;
}

void print(const char* what, const ErrorSummary& s, size_t inside, size_t total) {
  std::printf(
      "  %-34s %3zu networks: mean %5.1f %%, median %5.1f %%, worst %5.1f %%, within "
      "+-10 %% %5.1f %%, inside the 95 %% interval %zu/%zu\n",
      what, s.networks, 100 * s.mean, 100 * s.median, 100 * s.max, 100 * s.within_10_percent,
      inside, total);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> train_paths, test_paths, model_dirs;
  std::string threads = "1";
  CLI::App app{"Kernel energy models against a synthetic per-kernel power truth"};
  app.add_option("--train", train_paths, "stores of the training runs")->required()->delimiter(',');
  app.add_option("--test", test_paths, "stores of the unseen networks")->required()->delimiter(',');
  app.add_option("--models", model_dirs, "folders of the model files of stored runs")
      ->delimiter(',');
  app.add_option("--threads", threads, "runs of this thread count")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  try {
    TrainingSetOptions o;
    o.filter.threads = threads;
    o.model_dirs = model_dirs;
    const KernelTrainingSet train = read(train_paths, o);
    const KernelTrainingSet test = read(test_paths, o);
    for (bool per_kernel : {true, false}) {
      KernelTrainingSet a = train, b = test;
      apply_truth(a, per_kernel, 1);
      apply_truth(b, per_kernel, 2);
      const KernelModel m = fit_kernel_model(a);
      std::printf("%s:\n", per_kernel ? "per-kernel energy (attributed)"
                                      : "whole-network energy alone (time x power)");
      const KernelCalibration& c = m.energy->calibration;
      const auto held_inside =
          static_cast<size_t>(std::lround(c.coverage * static_cast<double>(c.networks)));
      print("held out (kfold) energy", c.evaluation.summary, held_inside, c.networks);
      const KernelEvaluation e = evaluate_kernel_model(m, b, Quantity::Energy);
      print("unseen networks, energy", e.evaluation.summary, e.inside_interval,
            e.evaluation.errors.size());
      const KernelEvaluation t = evaluate_kernel_model(m, b, Quantity::Time);
      print("unseen networks, time", t.evaluation.summary, t.inside_interval,
            t.evaluation.errors.size());
      std::printf("  energy interval x/ %.3f\n", std::exp(c.log_half_width));
      for (size_t i = 0; i < e.predictions.size(); ++i)
        std::printf("    %-28s measured %9.3f mJ  predicted %9.3f mJ  %+6.1f %%\n",
                    e.evaluation.errors[i].network.c_str(), e.evaluation.errors[i].measured,
                    e.evaluation.errors[i].predicted,
                    100 * (e.evaluation.errors[i].predicted / e.evaluation.errors[i].measured - 1));
    }
  } catch (const synergy::Error& e) {
    std::fprintf(stderr, "kernel_energy_truth: %s\n", e.what());
    return 2;
  }
  return 0;
}
