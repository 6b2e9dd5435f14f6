// Kernel-level latency model: one regressor per kernel kind (chosen by cross-validation on
// held-out networks), network latency = overhead + scale x the sum of its kernels + a per-kernel
// term, and a 95 %
// interval calibrated on held-out networks (split conformal on |log(predicted / measured)|).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "predict/dataset.hpp"
#include "predict/kernel/kernels.hpp"
#include "predict/kernel/regressor.hpp"
#include "predict/kernel/training_set.hpp"
#include "predict/model.hpp"

namespace synergy::predict {

struct KernelFitOptions {
  std::vector<std::string> methods = regressor_methods();  // candidates per kind
  size_t folds = 5;
  uint64_t seed = 1;
};

struct FeatureSpan {
  double min = 0.0;
  double max = 0.0;
};

struct KindModel {
  std::string kind;
  std::unique_ptr<KernelRegressor> regressor;
  size_t kernels = 0;   // training rows
  size_t networks = 0;  // training networks with this kind
  // Held-out error of each candidate: sum |predicted - measured| / sum measured over the kind's
  // kernels of held-out networks. Empty when too few networks to cross-validate.
  std::map<std::string, double> cv_error;
  std::map<std::string, FeatureSpan> ranges;  // macs, traffic_bytes, out_pixels over training
};

// The interval's calibration: held-out networks' scores |log(predicted / measured)|.
struct KernelCalibration {
  size_t networks = 0;
  double log_half_width = 0.0;  // 95 % conformal quantile; infinite with fewer than 19 networks
  double coverage = 0.0;  // share of held-out networks inside an interval calibrated without them
  Evaluation evaluation;  // the held-out predictions ("kfold:K" of time_ms)
};

struct KernelModel {
  static constexpr int kFormatVersion = 1;
  std::string name;
  Platform platform;
  std::map<std::string, std::string> libraries;
  std::string synergy_version;
  std::string data_source;
  std::vector<std::string> training_networks;
  double overhead_ms = 0.0;    // per inference
  double kernel_scale = 1.0;   // end-to-end time per ms of summed kernel time
  double per_kernel_ms = 0.0;  // per kernel run (may be negative: see fit_kernel_model)
  std::vector<KindModel> kinds;
  KernelCalibration calibration;
  std::vector<std::string> notes;

  const KindModel* kind(const std::string& kind_name) const;  // nullptr: not fitted
  // End-to-end time from the summed kernel times and the number of kernels; NaN at or below 0.
  double network_time(double kernels_ms, size_t kernels) const;
};

// Throws bad_input with fewer than 3 networks.
KernelModel fit_kernel_model(const KernelTrainingSet& set, const KernelFitOptions& options = {});

struct KernelPrediction {
  std::string network;
  double time_ms = 0.0;  // NaN when nothing is covered
  double low_ms = 0.0;   // the calibrated 95 % interval (NaN / infinite when uncalibrated)
  double high_ms = 0.0;
  std::vector<std::pair<std::string, double>> kernels;  // name, predicted ms (covered ones)
  size_t kernel_count = 0;
  std::vector<std::string> uncovered;  // kernels of a kind the model has not seen ("name (kind)")
  double covered_kernels = 1.0;        // shares of kernels and of MACs covered
  double covered_macs = 1.0;
  std::vector<std::string> warnings;  // features outside the training ranges
};

KernelPrediction predict_network(const KernelModel& model, const std::string& network,
                                 const std::vector<Kernel>& kernels);

// Predicts every network of `test` (measured elsewhere) and scores it against its measured
// end-to-end time.
struct KernelEvaluation {
  Evaluation evaluation;
  std::vector<KernelPrediction> predictions;  // one per evaluation error, in the same order
  size_t inside_interval = 0;                 // measured times inside their 95 % interval
  std::vector<std::string> not_predicted;     // no kernel of a kind the model knows
};
KernelEvaluation evaluate_kernel_model(const KernelModel& model, const KernelTrainingSet& test);

}  // namespace synergy::predict
