#include "predict/kernel/kernel_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "predict/cv.hpp"
#include "predict/least_squares.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy::predict {

namespace {

const std::vector<std::string> kRangeFeatures{"macs", "traffic_bytes", "out_pixels"};

struct KindRows {
  FeatureRows x;
  std::vector<double> y;
  std::vector<std::string> network;
};

std::map<std::string, KindRows> rows_by_kind(const KernelTrainingSet& set,
                                             const std::set<std::string>& networks) {
  std::map<std::string, KindRows> by;
  for (const auto& k : set.kernels) {
    if (!networks.count(k.network)) continue;
    KindRows& r = by[k.kind];
    r.x.push_back(k.features);
    r.y.push_back(k.time_ms);
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

double sum_of_kernels(const KernelModel& m, const std::vector<Kernel>& kernels,
                      KernelPrediction* p) {
  std::map<std::string, std::vector<size_t>> by_kind;
  for (size_t i = 0; i < kernels.size(); ++i) by_kind[kernels[i].kind].push_back(i);
  std::vector<double> ms(kernels.size(), std::nan(""));
  for (const auto& [kind, idx] : by_kind) {
    const KindModel* km = m.kind(kind);
    if (!km) continue;
    FeatureRows x;
    for (size_t i : idx) x.push_back(kernels[i].features);
    const auto pred = km->regressor->predict(x);
    for (size_t j = 0; j < idx.size(); ++j) ms[idx[j]] = pred[j];
  }
  double sum = 0.0;
  for (size_t i = 0; i < kernels.size(); ++i) {
    if (std::isnan(ms[i])) {
      if (p) p->uncovered.push_back(kernels[i].name + " (" + kernels[i].kind + ")");
      continue;
    }
    sum += ms[i];
    if (p) p->kernels.emplace_back(kernels[i].name, ms[i]);
  }
  return sum;
}

// End-to-end = overhead + scale x summed kernels + per_kernel x kernels, fitted on relative
// error over the training networks (each row divided by its measured time, so that small networks
// count as much as large ones). The per-kernel term is what per-layer timing adds to or misses
// from each kernel (its own timestamps against the engine's dispatch); with under 4 networks it
// is left out and the other two are kept non-negative.
void fit_overhead(KernelModel& m, const KernelTrainingSet& set,
                  const std::set<std::string>& networks) {
  std::vector<double> sums, counts, e2e;
  for (const auto& n : set.networks) {
    if (!networks.count(n.network)) continue;
    double s = 0.0;
    for (size_t i : n.kernels) s += set.kernels[i].time_ms;
    sums.push_back(s);
    counts.push_back(static_cast<double>(n.kernels.size()));
    e2e.push_back(n.time_ms);
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
  std::vector<std::string> names{"overhead_ms", "kernel_scale"};
  if (per_kernel) names.push_back("per_kernel_ms");
  const auto fit = solve_least_squares(x, ones, opt, names);
  m.overhead_ms = fit.coef[0];
  m.kernel_scale = fit.coef[1];
  m.per_kernel_ms = per_kernel ? fit.coef[2] : 0.0;
}

KernelModel fit_parts(const KernelTrainingSet& set, const std::set<std::string>& networks,
                      const std::map<std::string, std::string>& methods) {
  KernelModel m;
  for (auto& [kind, rows] : rows_by_kind(set, networks)) {
    KindModel km;
    km.kind = kind;
    km.kernels = rows.y.size();
    km.networks = distinct(rows.network).size();
    km.regressor = fit_regressor(methods.at(kind), rows.x, rows.y);
    for (const auto& f : kRangeFeatures) {
      const size_t c = kernel_feature_index(f);
      FeatureSpan span{std::numeric_limits<double>::infinity(),
                       -std::numeric_limits<double>::infinity()};
      for (const auto& row : rows.x) {
        span.min = std::min(span.min, row[c]);
        span.max = std::max(span.max, row[c]);
      }
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

void calibrate(KernelModel& model, const KernelTrainingSet& set,
               const std::map<std::string, std::string>& methods, const KernelFitOptions& o) {
  std::vector<std::string> names;
  for (const auto& n : set.networks) names.push_back(n.network);
  std::vector<double> scores;
  KernelCalibration& c = model.calibration;
  for (const Fold& f : grouped_k_fold(names, std::min(o.folds, names.size()), o.seed, 2)) {
    const std::set<std::string> train(f.train.begin(), f.train.end());
    std::map<std::string, std::string> fold_methods;
    for (const auto& [kind, rows] : rows_by_kind(set, train)) fold_methods[kind] = methods.at(kind);
    const KernelModel part = fit_parts(set, train, fold_methods);
    for (const auto& n : set.networks) {
      if (train.count(n.network)) continue;
      const double t = part.network_time(sum_of_kernels(part, kernels_of_sample(set, n), nullptr),
                                         n.kernels.size());
      const double predicted = std::isfinite(t) ? t : 0.0;  // none: scored as a 100 % miss
      c.evaluation.errors.push_back(network_error(n.network, n.time_ms, predicted));
      scores.push_back(std::abs(std::log(std::max(predicted, 1e-9) / n.time_ms)));
    }
  }
  c.networks = scores.size();
  c.log_half_width = conformal_quantile(scores);
  c.evaluation.method = "kfold:" + std::to_string(std::min(o.folds, names.size()));
  c.evaluation.target = "time_ms";
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

}  // namespace

double KernelModel::network_time(double kernels_ms, size_t kernels) const {
  const double t =
      overhead_ms + kernel_scale * kernels_ms + per_kernel_ms * static_cast<double>(kernels);
  return t > 0.0 ? t : std::nan("");
}

const KindModel* KernelModel::kind(const std::string& kind_name) const {
  for (const auto& k : kinds)
    if (k.kind == kind_name) return &k;
  return nullptr;
}

KernelModel fit_kernel_model(const KernelTrainingSet& set, const KernelFitOptions& o) {
  if (set.networks.size() < 3)
    throw bad_input("a kernel model needs at least 3 networks, " + set.source + " has " +
                    std::to_string(set.networks.size()));
  if (o.methods.empty()) throw bad_input("no kernel regressor to choose from");
  std::set<std::string> all;
  for (const auto& n : set.networks) all.insert(n.network);
  std::map<std::string, std::map<std::string, double>> errors;  // per kind
  std::map<std::string, std::string> methods;
  for (const auto& [kind, rows] : rows_by_kind(set, all)) {
    errors[kind] = held_out_errors(rows, o);
    methods[kind] = chosen_method(errors[kind], o);
  }
  KernelModel m = fit_parts(set, all, methods);
  for (auto& k : m.kinds) k.cv_error = errors.at(k.kind);
  calibrate(m, set, methods, o);
  m.platform = set.platform;
  m.libraries = set.libraries;
  m.synergy_version = set.synergy_version;
  m.data_source = set.source;
  for (const auto& n : set.networks) m.training_networks.push_back(n.network);
  m.notes = set.notes;
  return m;
}

KernelPrediction predict_network(const KernelModel& m, const std::string& network,
                                 const std::vector<Kernel>& kernels) {
  KernelPrediction p;
  p.network = network;
  p.kernel_count = kernels.size();
  const double sum = sum_of_kernels(m, kernels, &p);
  double macs = 0.0, covered_macs = 0.0;
  std::vector<std::string> outside;
  for (const auto& k : kernels) {
    const double km_macs = k.features.at(kernel_feature_index("macs"));
    macs += km_macs;
    if (const KindModel* km = m.kind(k.kind)) {
      covered_macs += km_macs;
      check_ranges(*km, k, outside);
    }
  }
  p.covered_kernels =
      kernels.empty() ? 1.0
                      : static_cast<double>(p.kernels.size()) / static_cast<double>(kernels.size());
  p.covered_macs = macs > 0.0 ? covered_macs / macs : 1.0;
  p.time_ms =
      p.kernels.empty() && !kernels.empty() ? std::nan("") : m.network_time(sum, p.kernels.size());
  const double w = m.calibration.log_half_width;
  p.low_ms = p.time_ms * std::exp(-w);
  p.high_ms = p.time_ms * std::exp(w);
  if (!outside.empty())
    p.warnings.push_back(std::to_string(outside.size()) + " of " + std::to_string(kernels.size()) +
                         " kernels lie outside what the model was trained on, e.g. " +
                         outside.front() + ": the model extrapolates");
  return p;
}

KernelEvaluation evaluate_kernel_model(const KernelModel& m, const KernelTrainingSet& test) {
  KernelEvaluation out;
  out.evaluation.method = "test:" + test.source;
  out.evaluation.target = "time_ms";
  for (const auto& n : test.networks) {
    KernelPrediction p = predict_network(m, n.network, kernels_of_sample(test, n));
    if (!std::isfinite(p.time_ms)) {
      out.not_predicted.push_back(n.network);
      continue;
    }
    out.evaluation.errors.push_back(network_error(n.network, n.time_ms, p.time_ms));
    if (!p.uncovered.empty())
      out.evaluation.errors.back().left_out = std::to_string(p.uncovered.size()) +
                                              " kernels of kinds the model has not seen (" +
                                              format_number("%.0f", 100 * (1 - p.covered_macs)) +
                                              " % of MACs), e.g. " + p.uncovered.front();
    if (n.time_ms >= p.low_ms && n.time_ms <= p.high_ms) ++out.inside_interval;
    out.predictions.push_back(std::move(p));
  }
  out.evaluation.summary = summarize(out.evaluation.errors);
  return out;
}

}  // namespace synergy::predict
