// Regressors of one kernel kind's time (ms) or energy (mJ) from its features, behind one
// interface:
//   linear        non-negative least squares on MACs and bytes (never below zero);
//   trees         gradient-boosted trees on log time (never below zero, flat outside the data);
//   linear+trees  the linear model times a tree-learnt correction exp(tree) (scales with size
//                 like the linear model, bends like the trees);
//   time_x_power  energy only: a time regressor times a power (not fitted per kernel).
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace synergy::predict {

using FeatureRows = std::vector<std::vector<double>>;  // kernel_feature_names() per row

class KernelRegressor {
 public:
  virtual ~KernelRegressor() = default;
  virtual std::string method() const = 0;
  virtual std::vector<double> predict(const FeatureRows& x) const = 0;  // ms or mJ, >= 0
  // One row (kernel_feature_names() order) without allocating: predict()'s value up to float
  // rounding in the trees.
  virtual double predict_one(const double* features) const = 0;
  virtual nlohmann::json to_json() const = 0;  // {"method": ..., ...}
};

const std::vector<std::string>& regressor_methods();  // linear, trees, linear+trees
// Throws bad_input on an unknown method or no rows.
std::unique_ptr<KernelRegressor> fit_regressor(const std::string& method, const FeatureRows& x,
                                               const std::vector<double>& y);
// Energy (mJ) as a copy of `time`'s prediction (ms) times `watts`: a kind's energy where only
// whole networks' energy was measured.
std::unique_ptr<KernelRegressor> times_power(const KernelRegressor& time, double watts);
// Throws bad_input on a malformed object.
std::unique_ptr<KernelRegressor> regressor_from_json(const nlohmann::json& j);

}  // namespace synergy::predict
