#include "predict/kernel/kernel_model.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <set>

#include "predict/cv.hpp"
#include "predict/least_squares.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy::predict {

namespace {

const std::vector<std::string> kRangeFeatures{"macs", "traffic_bytes", "out_pixels"};

double value_of(const KernelSample& k, Quantity q) {
  return q == Quantity::Time ? k.time_ms : k.energy_mj;
}
double value_of(const NetworkSample& n, Quantity q) {
  return q == Quantity::Time ? n.time_ms : n.energy_mj;
}

struct KindRows {
  FeatureRows x;
  std::vector<double> y;
  std::vector<std::string> network;
};

// The kernels of `networks` whose value was measured, by kind.
std::map<std::string, KindRows> rows_by_kind(const KernelTrainingSet& set,
                                             const std::set<std::string>& networks, Quantity q) {
  std::map<std::string, KindRows> by;
  for (const auto& k : set.kernels) {
    if (!networks.count(k.network) || !std::isfinite(value_of(k, q))) continue;
    KindRows& r = by[k.kind];
    r.x.push_back(k.features);
    r.y.push_back(value_of(k, q));
    r.network.push_back(k.network);
  }
  return by;
}

std::vector<std::string> distinct(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names)
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  return out;
}

// Sum |predicted - measured| / sum measured over held-out networks' kernels of one kind.
double held_out_error(const std::string& method, const KindRows& rows, size_t folds,
                      uint64_t seed) {
  const auto nets = distinct(rows.network);
  double abs_error = 0.0, measured = 0.0;
  for (const Fold& f : grouped_k_fold(nets, std::min(folds, nets.size()), seed, 1)) {
    const std::set<std::string> test(f.test.begin(), f.test.end());
    FeatureRows train_x, test_x;
    std::vector<double> train_y, test_y;
    for (size_t r = 0; r < rows.y.size(); ++r) {
      const bool held = test.count(rows.network[r]) > 0;
      (held ? test_x : train_x).push_back(rows.x[r]);
      (held ? test_y : train_y).push_back(rows.y[r]);
    }
    const auto pred = fit_regressor(method, train_x, train_y)->predict(test_x);
    for (size_t r = 0; r < test_y.size(); ++r) {
      abs_error += std::abs(pred[r] - test_y[r]);
      measured += test_y[r];
    }
  }
  return measured > 0.0 ? abs_error / measured : 0.0;
}

// Networks needed before a kind's regressor is chosen by cross-validation (else: linear).
constexpr size_t kMinNetworksToChoose = 4;

// Each candidate's held-out error on the kind's kernels; empty with too few networks to tell.
std::map<std::string, double> held_out_errors(const KindRows& rows, const KernelFitOptions& o) {
  std::map<std::string, double> errors;
  if (distinct(rows.network).size() < kMinNetworksToChoose) return errors;
  for (const auto& m : o.methods) errors[m] = held_out_error(m, rows, o.folds, o.seed);
  return errors;
}

// The candidate with the least held-out error; linear (else the first) when none was measured.
std::string chosen_method(const std::map<std::string, double>& errors, const KernelFitOptions& o) {
  if (errors.empty())
    return std::find(o.methods.begin(), o.methods.end(), "linear") != o.methods.end()
               ? "linear"
               : o.methods.front();
  return std::min_element(errors.begin(), errors.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

std::vector<Kernel> kernels_of_sample(const KernelTrainingSet& set, const NetworkSample& n) {
  std::vector<Kernel> out;
  for (size_t i : n.kernels)
    out.push_back({set.kernels[i].kernel, set.kernels[i].kind, {}, set.kernels[i].features});
  return out;
}

// Each kernel's predicted value; NaN where the model has no regressor of its kind.
std::vector<double> kernel_values(const QuantityModel& m, const std::vector<Kernel>& kernels) {
  std::map<std::string, std::vector<size_t>> by_kind;
  for (size_t i = 0; i < kernels.size(); ++i) by_kind[kernels[i].kind].push_back(i);
  std::vector<double> out(kernels.size(), std::nan(""));
  for (const auto& [kind, idx] : by_kind) {
    const KindModel* km = m.kind(kind);
    if (!km) continue;
    FeatureRows x;
    for (size_t i : idx) x.push_back(kernels[i].features);
    const auto pred = km->regressor->predict(x);
    for (size_t j = 0; j < idx.size(); ++j) out[idx[j]] = pred[j];
  }
  return out;
}

// The network's value from its covered kernels; NaN when none is covered.
double network_value(const QuantityModel& m, const std::vector<double>& values) {
  double sum = 0.0;
  size_t covered = 0;
  for (double v : values)
    if (std::isfinite(v)) sum += v, ++covered;
  return m.network_value(sum, covered, values.size());
}

// End-to-end = overhead + scale x summed kernels + per_kernel x kernels, fitted on relative
// error over the training networks (each row divided by its measured time, so that small networks
// count as much as large ones). The per-kernel term is what per-layer timing adds to or misses
// from each kernel (its own timestamps against the engine's dispatch); with under 4 networks it
// is left out and the other two are kept non-negative.
//
// A kernel whose value was not measured (a layer without attributed energy) counts with its
// predicted value, so that a network with one such layer still teaches the network-level terms;
// a kernel of a kind no regressor covers counts as a prediction counts it: not at all.
void fit_overhead(QuantityModel& m, const KernelTrainingSet& set,
                  const std::set<std::string>& networks) {
  std::vector<double> sums, counts, e2e;
  for (const auto& n : set.networks) {
    if (!networks.count(n.network) || !std::isfinite(value_of(n, m.quantity))) continue;
    double s = 0.0, covered = 0.0;
    for (size_t i : n.kernels) {
      const KernelSample& k = set.kernels[i];
      double v = value_of(k, m.quantity);
      if (!std::isfinite(v))
        if (const KindModel* km = m.kind(k.kind)) v = km->regressor->predict_one(k.features.data());
      if (std::isfinite(v)) s += v, covered += 1.0;
    }
    sums.push_back(s);
    counts.push_back(covered);
    e2e.push_back(value_of(n, m.quantity));
  }
  const bool per_kernel = sums.size() >= 4;
  Matrix x(sums.size(), per_kernel ? 3 : 2);
  std::vector<double> ones(sums.size(), 1.0);
  for (size_t r = 0; r < sums.size(); ++r) {
    x(r, 0) = 1.0 / e2e[r];
    x(r, 1) = sums[r] / e2e[r];
    if (per_kernel) x(r, 2) = counts[r] / e2e[r];
  }
  SolveOptions opt;
  opt.solver = per_kernel ? Solver::Ols : Solver::Nnls;
  std::vector<std::string> names{"overhead", "kernel_scale"};
  if (per_kernel) names.push_back("per_kernel");
  const auto fit = solve_least_squares(x, ones, opt, names);
  m.overhead = fit.coef[0];
  m.kernel_scale = fit.coef[1];
  m.per_kernel = per_kernel ? fit.coef[2] : 0.0;
}

QuantityModel fit_parts(const KernelTrainingSet& set, const std::set<std::string>& networks,
                        const std::map<std::string, std::string>& methods, Quantity q) {
  QuantityModel m;
  m.quantity = q;
  for (auto& [kind, rows] : rows_by_kind(set, networks, q)) {
    KindModel km;
    km.kind = kind;
    km.kernels = rows.y.size();
    km.networks = distinct(rows.network).size();
    km.regressor = fit_regressor(methods.at(kind), rows.x, rows.y);
    for (const auto& f : kRangeFeatures) {
      const size_t c = kernel_feature_index(f);
      FeatureSpan span{std::numeric_limits<double>::infinity(),
                       -std::numeric_limits<double>::infinity()};
      for (const auto& row : rows.x) span.include(row[c]);
      km.ranges[f] = span;
    }
    m.kinds.push_back(std::move(km));
  }
  fit_overhead(m, set, networks);
  return m;
}

// The 95 % split-conformal quantile of `scores`: the ceil((n + 1) 0.95)-th smallest.
double conformal_quantile(std::vector<double> scores) {
  const size_t n = scores.size();
  const auto k = static_cast<size_t>(std::ceil(0.95 * static_cast<double>(n + 1)));
  if (k > n || n == 0) return std::numeric_limits<double>::infinity();
  std::sort(scores.begin(), scores.end());
  return scores[k - 1];
}

std::vector<std::string> measured_networks(const KernelTrainingSet& set, Quantity q) {
  std::vector<std::string> names;
  for (const auto& n : set.networks)
    if (std::isfinite(value_of(n, q))) names.push_back(n.network);
  return names;
}

using FitOn = std::function<QuantityModel(const std::set<std::string>& train)>;

// The folds asked for, or more (one network each at most) where fewer networks measured the
// value: every fold still trains on two measured networks or more.
size_t folds_keeping_two(size_t networks, size_t asked) {
  size_t k = std::min(asked, networks);
  while (k < networks && networks - (networks + k - 1) / k < 2) ++k;
  return k;
}

void calibrate(QuantityModel& model, const KernelTrainingSet& set, const FitOn& fit_on,
               const KernelFitOptions& o) {
  const Quantity q = model.quantity;
  const std::vector<std::string> names = measured_networks(set, q);
  std::vector<double> scores;
  KernelCalibration& c = model.calibration;
  const size_t folds = folds_keeping_two(names.size(), o.folds);
  for (const Fold& f : grouped_k_fold(names, folds, o.seed, 2)) {
    // Networks that did not measure the network's value still teach their kernels.
    std::set<std::string> train(f.train.begin(), f.train.end());
    for (const auto& n : set.networks)
      if (std::find(f.test.begin(), f.test.end(), n.network) == f.test.end())
        train.insert(n.network);
    const QuantityModel part = fit_on(train);
    for (const auto& n : set.networks) {
      const double measured = value_of(n, q);
      if (train.count(n.network) || !std::isfinite(measured)) continue;
      const double v = network_value(part, kernel_values(part, kernels_of_sample(set, n)));
      const double predicted = std::isfinite(v) ? v : 0.0;  // none: scored as a 100 % miss
      c.evaluation.errors.push_back(network_error(n.network, measured, predicted));
      scores.push_back(std::abs(std::log(std::max(predicted, 1e-9) / measured)));
    }
  }
  c.networks = scores.size();
  c.log_half_width = conformal_quantile(scores);
  c.evaluation.method = "kfold:" + std::to_string(folds);
  c.evaluation.target = quantity_key(q);
  c.evaluation.summary = summarize(c.evaluation.errors);
  size_t covered = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    std::vector<double> others = scores;
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(i));
    covered += scores[i] <= conformal_quantile(others) ? 1 : 0;
  }
  c.coverage =
      scores.empty() ? 0.0 : static_cast<double>(covered) / static_cast<double>(scores.size());
}

// The first feature of `k` outside its kind's training range, said once per kernel.
void check_ranges(const KindModel& km, const Kernel& k, std::vector<std::string>& out) {
  for (const auto& [feature, span] : km.ranges) {
    const double v = k.features.at(kernel_feature_index(feature));
    if (v <= span.max * 1.0000001 && v >= span.min * 0.9999999) continue;
    return out.push_back(k.kind + " '" + k.name + "': " + feature + " " + format_number("%.3g", v) +
                         " outside the training range " + format_number("%.3g", span.min) + "-" +
                         format_number("%.3g", span.max));
  }
}

std::set<std::string> all_networks(const KernelTrainingSet& set) {
  std::set<std::string> all;
  for (const auto& n : set.networks) all.insert(n.network);
  return all;
}

// Fewer networks than this that measured a quantity: no model of it.
constexpr size_t kMinNetworks = 3;

QuantityModel fit_quantity(const KernelTrainingSet& set, Quantity q, const KernelFitOptions& o) {
  const std::set<std::string> all = all_networks(set);
  std::map<std::string, std::map<std::string, double>> errors;  // per kind
  std::map<std::string, std::string> methods;
  for (const auto& [kind, rows] : rows_by_kind(set, all, q)) {
    errors[kind] = held_out_errors(rows, o);
    methods[kind] = chosen_method(errors[kind], o);
  }
  QuantityModel m = fit_parts(set, all, methods, q);
  for (auto& k : m.kinds) k.cv_error = errors.at(k.kind);
  calibrate(
      m, set,
      [&](const std::set<std::string>& train) {
        std::map<std::string, std::string> fold_methods;
        for (const auto& [kind, rows] : rows_by_kind(set, train, q))
          fold_methods[kind] = methods.at(kind);
        return fit_parts(set, train, fold_methods, q);
      },
      o);
  return m;
}

// Energy from whole networks' readings alone: static energy per inference + each kind's power
// (W) x its kernels' time (ms; measured in training, predicted by `time` in prediction), fitted
// by NNLS on relative error. A kind's power is held near the common power (one power for every
// kind, fitted first) by a ridge row, so that kinds that take little of any network's time, and
// so are barely seen in its energy, keep the common power rather than a wild one.
QuantityModel fit_time_power(const KernelTrainingSet& set, const std::set<std::string>& networks,
                             const QuantityModel& time) {
  std::vector<std::string> kinds;
  for (const auto& k : time.kinds) kinds.push_back(k.kind);
  std::vector<std::vector<double>> per_kind;  // per network: ms of each kind
  std::vector<double> energy;
  for (const auto& n : set.networks) {
    if (!networks.count(n.network) || !std::isfinite(n.energy_mj)) continue;
    std::vector<double> ms(kinds.size(), 0.0);
    for (size_t i : n.kernels) {
      const auto at = std::find(kinds.begin(), kinds.end(), set.kernels[i].kind);
      if (at != kinds.end()) ms[static_cast<size_t>(at - kinds.begin())] += set.kernels[i].time_ms;
    }
    per_kind.push_back(ms);
    energy.push_back(n.energy_mj);
  }
  if (energy.empty()) throw bad_input("no network measured energy");
  SolveOptions opt;
  opt.solver = Solver::Nnls;
  const size_t n = energy.size();
  Matrix common(n, 2);
  for (size_t r = 0; r < n; ++r) {
    common(r, 0) = 1.0 / energy[r];
    for (double ms : per_kind[r]) common(r, 1) += ms / energy[r];
  }
  const auto pooled =
      solve_least_squares(common, std::vector<double>(n, 1.0), opt, {"static_mj", "power_w"});
  std::vector<double> coef = pooled.coef;
  coef.resize(kinds.size() + 1, coef[1]);  // static, then each kind's power
  if (n >= 3 && coef[1] > 0.0) {
    constexpr double kRidge = 0.1;  // a kind's relative departure from the common power costs
                                    // as much as this share of one network's relative error
    Matrix x(n + kinds.size(), kinds.size() + 1);
    std::vector<double> y(n + kinds.size(), 1.0);
    for (size_t r = 0; r < n; ++r) {
      x(r, 0) = 1.0 / energy[r];
      for (size_t k = 0; k < kinds.size(); ++k) x(r, k + 1) = per_kind[r][k] / energy[r];
    }
    for (size_t k = 0; k < kinds.size(); ++k) {
      x(n + k, k + 1) = kRidge / pooled.coef[1];
      y[n + k] = kRidge;
    }
    std::vector<std::string> names{"static_mj"};
    for (const auto& k : kinds) names.push_back(k + "_w");
    coef = solve_least_squares(x, y, opt, names).coef;
  }
  QuantityModel m;
  m.quantity = Quantity::Energy;
  m.overhead = coef[0];
  for (size_t k = 0; k < kinds.size(); ++k) {
    const KindModel& t = time.kinds[k];
    m.kinds.push_back(
        {t.kind, times_power(*t.regressor, coef[k + 1]), t.kernels, t.networks, {}, t.ranges});
  }
  return m;
}

QuantityModel fit_time_power_quantity(const KernelTrainingSet& set, const QuantityModel& time,
                                      const KernelFitOptions& o) {
  const std::set<std::string> all = all_networks(set);
  QuantityModel m = fit_time_power(set, all, time);
  calibrate(
      m, set,
      [&](const std::set<std::string>& train) {
        std::map<std::string, std::string> methods;
        for (const auto& [kind, rows] : rows_by_kind(set, train, Quantity::Time))
          methods[kind] = time.kind(kind)->regressor->method();
        return fit_time_power(set, train, fit_parts(set, train, methods, Quantity::Time));
      },
      o);
  return m;
}

}  // namespace

const char* quantity_key(Quantity q) {
  return q == Quantity::Time ? "time_ms" : "energy_mj";
}
const char* quantity_unit(Quantity q) {
  return q == Quantity::Time ? "ms" : "mJ";
}

double QuantityModel::network_value(double kernels_sum, size_t covered, size_t kernels) const {
  if (covered == 0 && kernels > 0) return std::nan("");
  const double v =
      overhead + kernel_scale * kernels_sum + per_kernel * static_cast<double>(covered);
  return v > 0.0 ? v : std::nan("");
}

const KindModel* QuantityModel::kind(const std::string& kind_name) const {
  for (const auto& k : kinds)
    if (k.kind == kind_name) return &k;
  return nullptr;
}

namespace {

std::optional<FeatureSpan> training_power(const KernelTrainingSet& set) {
  std::optional<FeatureSpan> span;
  for (const auto& n : set.networks) {
    const double w = n.energy_mj / n.time_ms;  // mJ per ms: W
    if (!std::isfinite(w) || !(n.time_ms > 0.0)) continue;
    if (!span) span = FeatureSpan{w, w};
    span->include(w);
  }
  return span;
}

}  // namespace

KernelModel fit_kernel_model(const KernelTrainingSet& set, const KernelFitOptions& o) {
  if (set.networks.size() < kMinNetworks)
    throw bad_input("a kernel model needs at least 3 networks, " + set.source + " has " +
                    std::to_string(set.networks.size()));
  if (o.methods.empty()) throw bad_input("no kernel regressor to choose from");
  KernelModel m;
  m.time = fit_quantity(set, Quantity::Time, o);
  m.notes = set.notes;
  const size_t with_energy = measured_networks(set, Quantity::Energy).size();
  const bool attributed = std::any_of(set.kernels.begin(), set.kernels.end(),
                                      [](const auto& k) { return std::isfinite(k.energy_mj); });
  if (with_energy >= kMinNetworks) {
    m.energy = attributed ? fit_quantity(set, Quantity::Energy, o)
                          : fit_time_power_quantity(set, m.time, o);
    if (!attributed)
      m.notes.push_back(
          "energy: no layer had energy attributed; modelled as static energy + "
          "per-kind power x kernel time, from " +
          std::to_string(with_energy) + " networks' measured energy");
  } else if (with_energy > 0) {
    m.notes.push_back("energy: not modelled, " + std::to_string(with_energy) +
                      " networks measured it (a model needs 3)");
  }
  if (m.energy) m.power_w = training_power(set);
  m.platform = set.platform;
  m.libraries = set.libraries;
  m.synergy_version = set.synergy_version;
  m.data_source = set.source;
  for (const auto& n : set.networks) m.training_networks.push_back(n.network);
  return m;
}

namespace {

PredictedValue predicted_value(const QuantityModel& m, const std::vector<double>& kernel_values) {
  const double v = network_value(m, kernel_values);
  const double w = m.calibration.log_half_width;
  return {v, v * std::exp(-w), v * std::exp(w)};
}

// Energy and time are predicted apart; their ratio is the network's mean power. Far outside
// the powers the training networks drew (a quarter below the least or above the most), one of
// the two is off.
void check_power(const KernelModel& m, KernelPrediction& p) {
  const double w = p.energy_mj.value / p.time_ms.value;
  if (!m.power_w || !std::isfinite(w)) return;
  if (w >= 0.75 * m.power_w->min && w <= 1.25 * m.power_w->max) return;
  p.warnings.push_back("the predicted energy and time imply " + format_number("%.3g", w) +
                       " W, outside the " + format_number("%.3g", m.power_w->min) + "-" +
                       format_number("%.3g", m.power_w->max) +
                       " W the training networks drew: one of the two is doubtful");
}

}  // namespace

KernelPrediction predict_network(const KernelModel& m, const std::string& network,
                                 const std::vector<Kernel>& kernels) {
  KernelPrediction p;
  p.network = network;
  p.kernel_count = kernels.size();
  const std::vector<double> ms = kernel_values(m.time, kernels);
  std::vector<double> mj(kernels.size(), std::nan(""));
  if (m.energy) mj = kernel_values(*m.energy, kernels);
  double macs = 0.0, covered_macs = 0.0;
  std::vector<std::string> outside, no_energy;
  for (size_t i = 0; i < kernels.size(); ++i) {
    const Kernel& k = kernels[i];
    const double kernel_macs = k.features.at(kernel_feature_index("macs"));
    macs += kernel_macs;
    if (std::isnan(ms[i])) {
      p.uncovered.push_back(k.name + " (" + k.kind + ")");
      continue;
    }
    covered_macs += kernel_macs;
    check_ranges(*m.time.kind(k.kind), k, outside);
    if (m.energy && std::isnan(mj[i])) no_energy.push_back(k.name + " (" + k.kind + ")");
    p.kernels.push_back({k.name, ms[i], mj[i]});
  }
  p.covered_kernels =
      kernels.empty() ? 1.0
                      : static_cast<double>(p.kernels.size()) / static_cast<double>(kernels.size());
  p.covered_macs = macs > 0.0 ? covered_macs / macs : 1.0;
  p.time_ms = predicted_value(m.time, ms);
  if (m.energy) p.energy_mj = predicted_value(*m.energy, mj);
  if (!outside.empty())
    p.warnings.push_back(std::to_string(outside.size()) + " of " + std::to_string(kernels.size()) +
                         " kernels lie outside what the model was trained on, e.g. " +
                         outside.front() + ": the model extrapolates");
  check_power(m, p);
  if (!no_energy.empty())
    p.warnings.push_back(std::to_string(no_energy.size()) +
                         " kernels are of kinds whose energy the model has not seen, e.g. " +
                         no_energy.front() + ": left out of the energy");
  return p;
}

KernelEvaluation evaluate_kernel_model(const KernelModel& m, const KernelTrainingSet& test,
                                       Quantity q) {
  if (q == Quantity::Energy && !m.energy) throw bad_input("the model has no energy to evaluate");
  KernelEvaluation out;
  out.evaluation.method = "test:" + test.source;
  out.evaluation.target = quantity_key(q);
  for (const auto& n : test.networks) {
    const double measured = value_of(n, q);
    if (!std::isfinite(measured)) continue;
    KernelPrediction p = predict_network(m, n.network, kernels_of_sample(test, n));
    const PredictedValue& v = p.of(q);
    if (!std::isfinite(v.value)) {
      out.not_predicted.push_back(n.network);
      continue;
    }
    out.evaluation.errors.push_back(network_error(n.network, measured, v.value));
    if (!p.uncovered.empty())
      out.evaluation.errors.back().left_out = std::to_string(p.uncovered.size()) +
                                              " kernels of kinds the model has not seen (" +
                                              format_number("%.0f", 100 * (1 - p.covered_macs)) +
                                              " % of MACs), e.g. " + p.uncovered.front();
    if (v.inside(measured)) ++out.inside_interval;
    out.predictions.push_back(std::move(p));
  }
  out.evaluation.summary = summarize(out.evaluation.errors);
  return out;
}

}  // namespace synergy::predict
