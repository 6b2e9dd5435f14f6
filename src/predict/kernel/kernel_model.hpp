// Kernel-level models of latency and energy: one regressor per kernel kind (chosen by
// cross-validation on held-out networks), a network's value = overhead + scale x the sum of its
// kernels + a per-kernel term, and a 95 % interval calibrated on held-out networks (split
// conformal on |log(predicted / measured)|).
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
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
  void include(double v) {
    min = std::min(min, v);
    max = std::max(max, v);
  }
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
  Evaluation evaluation;  // the held-out predictions ("kfold:K" of time_ms or energy_mj)
};

// What a kernel model predicts: time always, energy where its training runs measured it.
enum class Quantity { Time, Energy };
const char* quantity_key(Quantity q);   // "time_ms", "energy_mj"
const char* quantity_unit(Quantity q);  // "ms", "mJ"

// One quantity's model: a regressor per kernel kind and the network's value = overhead + scale x
// the sum of its kernels + a per-kernel term (in ms or mJ).
struct QuantityModel {
  Quantity quantity = Quantity::Time;
  double overhead = 0.0;  // per inference
  double kernel_scale = 1.0;
  double per_kernel = 0.0;  // per kernel run (may be negative: see fit_kernel_model)
  std::vector<KindModel> kinds;
  KernelCalibration calibration;

  const KindModel* kind(const std::string& kind_name) const;  // nullptr: not fitted
  // The network's value from the summed values of its `covered` kernels (of `kernels`); NaN at
  // or below 0, and when no kernel of a network that has some is covered.
  double network_value(double kernels_sum, size_t covered, size_t kernels) const;
};

struct KernelModel {
  static constexpr int kFormatVersion = 3;  // 3: algorithm_macs, network_traffic_bytes appended
  std::string name;
  Platform platform;
  std::map<std::string, std::string> libraries;
  std::string synergy_version;
  std::string data_source;
  std::vector<std::string> training_networks;
  QuantityModel time;
  // Energy, where at least 3 training networks had it measured by a sensor: per-kernel
  // regressors fitted on the kernels whose layers had energy attributed, or, where no layer had,
  // static energy + a power per kind x the kind's kernel time (regressors "time_x_power").
  // Absent otherwise (a note says why).
  std::optional<QuantityModel> energy;
  // Mean power (energy / time, W) of the training networks that measured both: a prediction
  // whose energy and time imply a power far outside it is said to be doubtful.
  std::optional<FeatureSpan> power_w;
  std::vector<std::string> notes;
};

// Throws bad_input with fewer than 3 networks.
KernelModel fit_kernel_model(const KernelTrainingSet& set, const KernelFitOptions& options = {});

// One quantity of a network: NaN when nothing is covered (or the model has no such quantity);
// the calibrated 95 % interval is NaN / infinite when uncalibrated.
struct PredictedValue {
  double value = std::nan("");
  double low = std::nan("");
  double high = std::nan("");
  bool inside(double measured) const { return measured >= low && measured <= high; }
};

struct PredictedKernel {
  std::string name;
  double time_ms = std::nan("");
  double energy_mj = std::nan("");  // NaN: the energy model has not seen its kind (or no energy)
};

struct KernelPrediction {
  std::string network;
  PredictedValue time_ms;
  PredictedValue energy_mj;
  std::vector<PredictedKernel> kernels;  // the kernels of kinds the time model covers
  size_t kernel_count = 0;
  std::vector<std::string> uncovered;  // kernels of a kind the model has not seen ("name (kind)")
  double covered_kernels = 1.0;        // shares of kernels and of MACs covered
  double covered_macs = 1.0;
  std::vector<std::string> warnings;  // features outside the training ranges, energy left out
  const PredictedValue& of(Quantity q) const { return q == Quantity::Time ? time_ms : energy_mj; }
};

KernelPrediction predict_network(const KernelModel& model, const std::string& network,
                                 const std::vector<Kernel>& kernels);

// Predicts every network of `test` (measured elsewhere) and scores it against its measured
// end-to-end time or energy (the networks that measured it).
struct KernelEvaluation {
  Evaluation evaluation;
  std::vector<KernelPrediction> predictions;  // one per evaluation error, in the same order
  size_t inside_interval = 0;                 // measured times inside their 95 % interval
  std::vector<std::string> not_predicted;     // no kernel of a kind the model knows
};
KernelEvaluation evaluate_kernel_model(const KernelModel& model, const KernelTrainingSet& test,
                                       Quantity quantity = Quantity::Time);

}  // namespace synergy::predict
