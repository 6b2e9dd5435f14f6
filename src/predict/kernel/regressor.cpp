#include "predict/kernel/regressor.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "predict/kernel/boosted_trees.hpp"
#include "predict/kernel/kernels.hpp"
#include "predict/least_squares.hpp"
#include "util/error.hpp"

namespace synergy::predict {

namespace {

// The smallest time (ms) or energy (mJ) a kernel is taken to need (log targets need a positive
// value).
constexpr double kFloor = 1e-5;

// The products the kernel's algorithm computes stand for its arithmetic; a model written before
// that feature existed keeps its "macs".
const std::vector<std::string>& linear_terms() {
  static const std::vector<std::string> t{"algorithm_macs", "input_bytes", "output_bytes",
                                          "weight_bytes"};
  return t;
}

std::vector<size_t> columns_of(const std::vector<std::string>& terms) {
  std::vector<size_t> c;
  for (const auto& t : terms) c.push_back(kernel_feature_index(t));
  return c;
}

class Linear : public KernelRegressor {
 public:
  Linear(std::vector<std::string> terms, std::vector<double> coef)
      : terms_(std::move(terms)), columns_(columns_of(terms_)), coef_(std::move(coef)) {}
  Linear(const FeatureRows& x, const std::vector<double>& y)
      : terms_(linear_terms()), columns_(columns_of(terms_)) {
    Matrix m(x.size(), terms_.size() + 1);
    for (size_t r = 0; r < x.size(); ++r) {
      m(r, 0) = 1.0;
      for (size_t t = 0; t < columns_.size(); ++t) m(r, t + 1) = x[r][columns_[t]];
    }
    std::vector<std::string> names{"(intercept)"};
    names.insert(names.end(), terms_.begin(), terms_.end());
    SolveOptions opt;
    opt.solver = Solver::Nnls;
    // Fewer rows than columns: the mean alone.
    if (x.size() < m.cols) {
      coef_.assign(m.cols, 0.0);
      for (double v : y) coef_[0] += v / static_cast<double>(y.size());
      return;
    }
    coef_ = solve_least_squares(m, y, opt, names).coef;
  }
  std::string method() const override { return "linear"; }
  std::vector<double> predict(const FeatureRows& x) const override {
    std::vector<double> out;
    for (const auto& row : x) out.push_back(predict_one(row.data()));
    return out;
  }
  double predict_one(const double* features) const override {
    double v = coef_[0];
    for (size_t t = 0; t < columns_.size(); ++t) v += coef_[t + 1] * features[columns_[t]];
    return std::max(v, 0.0);
  }
  nlohmann::json to_json() const override {
    return {{"method", method()}, {"terms", terms_}, {"coefficients", coef_}};
  }

 private:
  std::vector<std::string> terms_;
  std::vector<size_t> columns_;  // of terms_ in the features
  std::vector<double> coef_;     // intercept, then terms_
};

// exp(trees(x)) x base(x), base = 1 without a linear part.
class Trees : public KernelRegressor {
 public:
  Trees(const FeatureRows& x, const std::vector<double>& y, bool with_linear) {
    if (with_linear) linear_ = std::make_unique<Linear>(x, y);
    const std::vector<double> base = bases(x);
    std::vector<double> target;
    for (size_t r = 0; r < y.size(); ++r)
      target.push_back(std::log(std::max(y[r], kFloor) / base[r]));
    trees_ = std::make_unique<BoostedTrees>(x, target, TreeOptions{});
  }
  Trees(std::unique_ptr<Linear> linear, std::unique_ptr<BoostedTrees> trees)
      : linear_(std::move(linear)), trees_(std::move(trees)) {}
  std::string method() const override { return linear_ ? "linear+trees" : "trees"; }
  std::vector<double> predict(const FeatureRows& x) const override {
    std::vector<double> out = bases(x);
    const std::vector<double> t = trees_->predict(x);
    for (size_t r = 0; r < out.size(); ++r) out[r] *= std::exp(t[r]);
    return out;
  }
  double predict_one(const double* features) const override {
    const double base = linear_ ? std::max(linear_->predict_one(features), kFloor) : 1.0;
    return base * std::exp(trees_->predict_one(features));
  }
  nlohmann::json to_json() const override {
    nlohmann::json j{{"method", method()}, {"trees", nlohmann::json::parse(trees_->to_json())}};
    if (linear_) j["linear"] = linear_->to_json();
    return j;
  }

 private:
  std::vector<double> bases(const FeatureRows& x) const {
    if (!linear_) return std::vector<double>(x.size(), 1.0);
    std::vector<double> b = linear_->predict(x);
    for (double& v : b) v = std::max(v, kFloor);
    return b;
  }
  std::unique_ptr<Linear> linear_;
  std::unique_ptr<BoostedTrees> trees_;
};

// A kind's energy (mJ) as its time regressor's ms times a power (W).
class TimesPower : public KernelRegressor {
 public:
  TimesPower(std::unique_ptr<KernelRegressor> time, double watts)
      : time_(std::move(time)), watts_(watts) {}
  std::string method() const override { return "time_x_power"; }
  std::vector<double> predict(const FeatureRows& x) const override {
    std::vector<double> out = time_->predict(x);
    for (double& v : out) v *= watts_;
    return out;
  }
  double predict_one(const double* features) const override {
    return time_->predict_one(features) * watts_;
  }
  nlohmann::json to_json() const override {
    return {{"method", method()}, {"power_w", watts_}, {"time", time_->to_json()}};
  }

 private:
  std::unique_ptr<KernelRegressor> time_;
  double watts_;
};

std::unique_ptr<Linear> linear_from_json(const nlohmann::json& j) {
  auto terms = j.at("terms").get<std::vector<std::string>>();
  const auto& known = kernel_feature_names();
  for (const auto& t : terms) {
    if (std::find(known.begin(), known.end(), t) == known.end())
      throw bad_input("a linear kernel model on an unknown feature '" + t + "'");
  }
  auto coef = j.at("coefficients").get<std::vector<double>>();
  if (coef.size() != terms.size() + 1) throw bad_input("linear coefficients miscounted");
  return std::make_unique<Linear>(std::move(terms), std::move(coef));
}

}  // namespace

const std::vector<std::string>& regressor_methods() {
  static const std::vector<std::string> m{"linear", "trees", "linear+trees"};
  return m;
}

std::unique_ptr<KernelRegressor> fit_regressor(const std::string& method, const FeatureRows& x,
                                               const std::vector<double>& y) {
  if (x.empty()) throw bad_input("no kernels to fit");
  if (method == "linear") return std::make_unique<Linear>(x, y);
  if (method == "trees") return std::make_unique<Trees>(x, y, false);
  if (method == "linear+trees") return std::make_unique<Trees>(x, y, true);
  throw bad_input("unknown kernel regressor '" + method + "' (linear, trees, linear+trees)");
}

std::unique_ptr<KernelRegressor> times_power(const KernelRegressor& time, double watts) {
  return std::make_unique<TimesPower>(regressor_from_json(time.to_json()), watts);
}

std::unique_ptr<KernelRegressor> regressor_from_json(const nlohmann::json& j) {
  try {
    const std::string method = j.at("method").get<std::string>();
    if (method == "linear") return linear_from_json(j);
    if (method == "time_x_power") {
      const double watts = j.at("power_w").get<double>();
      if (!(watts >= 0.0)) throw bad_input("a negative power");
      if (j.at("time").at("method") == "time_x_power") throw bad_input("a power of a power");
      return std::make_unique<TimesPower>(regressor_from_json(j.at("time")), watts);
    }
    if (method != "trees" && method != "linear+trees")
      throw bad_input("unknown kernel regressor '" + method + "'");
    auto trees = std::make_unique<BoostedTrees>(j.at("trees").dump());
    // Features are only ever appended: trees of an older model read the leading ones.
    if (trees->features_count() > kernel_feature_names().size())
      throw bad_input("trees of " + std::to_string(trees->features_count()) +
                      " features, more than the " + std::to_string(kernel_feature_names().size()) +
                      " known");
    return std::make_unique<Trees>(method == "trees" ? nullptr : linear_from_json(j.at("linear")),
                                   std::move(trees));
  } catch (const nlohmann::json::exception& e) {
    throw bad_input(std::string("malformed kernel regressor: ") + e.what());
  }
}

}  // namespace synergy::predict
