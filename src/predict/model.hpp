// Regression models of energy and time: linear, polynomial, per-layer-type, chained and
// time-and-power, all built from stages of linear least squares.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "predict/dataset.hpp"
#include "predict/least_squares.hpp"
#include "predict/metrics.hpp"
#include "predict/terms.hpp"

namespace synergy::predict {

// Network: one row per network (per-layer rows are summed first). Layer: one prediction per
// layer, summed over the network's layers.
enum class Granularity { Network, Layer };

// One linear regression: target ~ terms. A term may read an earlier stage's target, which is
// then predicted, not measured, when the model is applied (the study's model B chains
// MACs -> SIMD -> bus accesses -> energy this way).
struct StageSpec {
  std::string target;
  std::vector<Term> terms;
  bool intercept = true;
  bool per_layer_type = false;  // one fit per layer type (Layer granularity only)
  SolveOptions solve;
};

// Energy = static power x predicted time + the final stage (which then fits dynamic energy:
// target - watts x time). Watts x milliseconds gives millijoules.
struct StaticPower {
  double watts = 0.0;
  std::string time_column;
};

struct ModelSpec {
  std::string name;
  Granularity granularity = Granularity::Network;
  std::vector<StageSpec> stages;  // the last stage predicts the model's target
  std::optional<StaticPower> static_power;

  const std::string& target() const { return stages.back().target; }
  // Largest number of coefficients of any stage (bounds how few networks can train it).
  size_t max_coefficients() const;
};

struct Coefficient {
  std::string term;  // "(intercept)" for the intercept
  double value = 0.0;
  double std_error = 0.0;  // NaN when not available
};

struct FittedPart {
  std::string layer_type;  // empty: fitted on all rows
  std::vector<Coefficient> coefficients;
  std::vector<double> covariance;  // coefficients x coefficients, row-major
  double condition_number = 0.0;
  size_t rows = 0;
  double residual_std = 0.0;  // NaN with no residual degrees of freedom
  int residual_dof = 0;
  std::vector<std::string> warnings;
};

struct FittedStage {
  StageSpec spec;
  std::vector<FittedPart> parts;
  const FittedPart* part_for(const std::string& layer_type) const;  // nullptr: not covered
};

struct Evaluation {
  std::string method;  // "loo", "kfold:5", "split:a+b"
  std::string target;  // the column predicted ("" in model files written before it was kept)
  std::vector<NetworkError> errors;
  ErrorSummary summary;
};

// A feature column's range over the training networks (per-network totals): a prediction for a
// network outside it is an extrapolation and says so.
struct FeatureRange {
  std::string column;
  double min = 0.0;
  double max = 0.0;
};

struct Model {
  static constexpr int kFormatVersion = 1;
  ModelSpec spec;
  std::vector<FittedStage> stages;
  std::vector<std::string> layer_types;  // types seen in training (Layer granularity)
  std::vector<std::string> training_networks;
  Platform platform;
  std::string data_source;
  std::vector<std::string> notes;            // rows left out, skipped layer types
  std::vector<FeatureRange> feature_ranges;  // empty in model files written before they were kept
  std::optional<Evaluation> evaluation;

  std::vector<std::string> warnings() const;  // every part's warnings, prefixed by stage/type
};

// Fits every stage on `training`. Throws bad_input on missing columns, blank or non-finite
// features, constant features, too few rows, or a dataset that mixes platforms. Cross-validation
// checks constancy once on the whole dataset and passes reject_constant = false for its folds:
// a fold may legitimately lack, say, every depthwise network (the column is then all zero and
// gets coefficient 0 with a warning).
Model fit_model(const ModelSpec& spec, const Dataset& training, bool reject_constant = true);

// The feature checks of fit_model alone (cross-validation runs them on the whole dataset).
void check_features(const ModelSpec& spec, const Dataset& data);

struct LayerPrediction {
  std::string layer;
  std::string layer_type;
  double value = 0.0;
};

struct NetworkPrediction {
  std::string network;
  // The model's output. Energy, time and counts are not negative: below zero it is no prediction
  // (said in `warnings`, shown as none); cross-validation still scores it.
  double value = 0.0;
  // Standard error of the final stage's prediction (coefficient uncertainty plus residual
  // scatter); earlier stages' uncertainty is not propagated. NaN when unavailable.
  double std_error = 0.0;
  // Residual degrees of freedom behind std_error: the fewest of the final-stage parts used.
  int residual_dof = 0;
  std::vector<LayerPrediction> layers;        // Layer granularity only
  std::vector<std::string> uncovered_layers;  // layers of a type the model was not fitted on
  // Shares of the network's layers, and of its MACs (NaN without a macs column), the model covers.
  double covered_layers = 1.0;
  double covered_macs = 1.0;
  std::vector<std::string> warnings;  // extrapolation beyond the training range, a negative value

  // Half the width of the 95 % prediction interval: Student's t quantile for residual_dof times
  // std_error, as the residual scatter is itself estimated. Infinite without residual dof.
  double interval_95_half_width() const;
  double shown_value() const;  // value, NaN below zero
  // The interval, its lower end at zero; NaN below zero.
  double interval_95_low() const;
  double interval_95_high() const;
};

// Predicts every network of `data` (features only; targets are not read).
std::vector<NetworkPrediction> predict_networks(const Model& model, const Dataset& data);

// Sum of `column` over each network's rows, in data.networks() order; NaN when any is blank.
std::vector<double> network_totals(const Dataset& data, const std::string& column);

// One row per network and platform, numeric columns summed over its rows.
Dataset aggregate_networks(const Dataset& data);

}  // namespace synergy::predict
