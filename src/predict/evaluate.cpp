#include "predict/evaluate.hpp"

#include <algorithm>
#include <cmath>

#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy::predict {

namespace {

void check_training_clean(const Dataset& train, const Fold& fold) {
  check_no_leak(fold);
  for (const auto& n : train.network)
    if (std::find(fold.test.begin(), fold.test.end(), n) != fold.test.end())
      throw Error(ErrorKind::Runtime, "a row of test network '" + n + "' reached the training set");
}

std::string count_of(size_t n, const std::string& what) {
  return std::to_string(n) + " " + what;
}

// A per-layer model against a held-out network: the layers that have both a measured value and
// a prediction, summed on both sides. Layers without a measured value (not attributed, fused)
// and layers of a type the training folds lacked are left out of both, and said.
void score_layers(const Dataset& test, const std::string& target, const NetworkPrediction& p,
                  std::vector<NetworkError>& errors) {
  const auto& y = test.column(target);
  double measured = 0.0, predicted = 0.0, uncovered_value = 0.0, all_value = 0.0;
  size_t unmeasured = 0, uncovered = 0, next = 0;
  for (size_t r = 0; r < test.size(); ++r) {
    if (test.network[r] != p.network) continue;
    // p.layers holds the covered rows in row order.
    const bool covered = next < p.layers.size() && p.layers[next].layer == test.layer[r];
    const double layer = covered ? p.layers[next++].value : 0.0;
    if (!std::isfinite(y[r])) {
      ++unmeasured;
      continue;
    }
    all_value += y[r];
    if (!covered) {
      ++uncovered;
      uncovered_value += y[r];
      continue;
    }
    measured += y[r];
    predicted += layer;
  }
  if (measured == 0.0) return;  // nothing to compare: no layer both measured and predicted
  NetworkError e = network_error(p.network, measured, predicted);
  std::vector<std::string> parts;
  if (unmeasured > 0) parts.push_back(count_of(unmeasured, "layers without a measured value"));
  if (uncovered > 0)
    parts.push_back(count_of(uncovered, "layers of types not in training (") +
                    format_percent(uncovered_value / all_value) + " of the measured value)");
  for (const auto& part : parts) e.left_out += (e.left_out.empty() ? "" : "; ") + part;
  errors.push_back(e);
}

void score_fold(const ModelSpec& spec, const Dataset& data, const Fold& fold,
                std::vector<NetworkError>& errors) {
  Dataset train = data.select_networks(fold.train);
  Dataset test = data.select_networks(fold.test);
  check_training_clean(train, fold);
  Model model = fit_model(spec, train, false);
  std::vector<NetworkPrediction> predicted = predict_networks(model, test);
  if (spec.granularity == Granularity::Layer) {
    for (const auto& p : predicted) score_layers(test, spec.target(), p, errors);
    return;
  }
  std::vector<std::string> nets = test.networks();
  std::vector<double> measured = network_totals(test, spec.target());
  for (size_t i = 0; i < nets.size(); ++i) {
    if (std::isnan(measured[i])) continue;
    auto it = std::find_if(predicted.begin(), predicted.end(),
                           [&](const NetworkPrediction& p) { return p.network == nets[i]; });
    errors.push_back(network_error(nets[i], measured[i], it->value));
  }
}

// Networks that can be scored: per layer, any layer with a measured value; per network, a value
// in every row (a total with a blank is no total).
std::vector<std::string> scorable_networks(const ModelSpec& spec, const Dataset& data) {
  std::vector<std::string> nets;
  const std::vector<std::string> all = data.networks();
  const std::vector<double> totals = network_totals(data, spec.target());
  const auto& y = data.column(spec.target());
  for (size_t i = 0; i < all.size(); ++i) {
    bool any = false;
    for (size_t r = 0; r < data.size() && !any; ++r)
      any = data.network[r] == all[i] && std::isfinite(y[r]);
    if (spec.granularity == Granularity::Layer ? any : !std::isnan(totals[i]))
      nets.push_back(all[i]);
  }
  return nets;
}

}  // namespace

Evaluation cross_validate_folds(const ModelSpec& spec, const Dataset& data,
                                const std::vector<Fold>& folds, const std::string& method) {
  Evaluation e;
  e.method = method;
  e.target = spec.target();
  for (const auto& fold : folds) score_fold(spec, data, fold, e.errors);
  e.summary = summarize(e.errors);
  return e;
}

Evaluation cross_validate(const ModelSpec& spec, const Dataset& data, const std::string& method,
                          uint64_t seed) {
  std::vector<std::string> nets = scorable_networks(spec, data);
  size_t min_train = 2;
  if (spec.granularity == Granularity::Network)
    min_train = std::max(min_train, spec.max_coefficients());
  std::vector<Fold> folds = make_folds(method, nets, min_train, seed);
  Dataset scored = data.select_networks(nets);
  check_features(spec, scored);
  return cross_validate_folds(spec, scored, folds, method);
}

}  // namespace synergy::predict
