#include "predict/evaluate.hpp"

#include <algorithm>
#include <cmath>

#include "util/error.hpp"

namespace synergy::predict {

namespace {

void check_training_clean(const Dataset& train, const Fold& fold) {
  check_no_leak(fold);
  for (const auto& n : train.network)
    if (std::find(fold.test.begin(), fold.test.end(), n) != fold.test.end())
      throw Error(ErrorKind::Runtime, "a row of test network '" + n + "' reached the training set");
}

void score_fold(const ModelSpec& spec, const Dataset& data, const Fold& fold,
                std::vector<NetworkError>& errors) {
  Dataset train = data.select_networks(fold.train);
  Dataset test = data.select_networks(fold.test);
  check_training_clean(train, fold);
  Model model = fit_model(spec, train, false);
  std::vector<NetworkPrediction> predicted = predict_networks(model, test);
  std::vector<std::string> nets = test.networks();
  std::vector<double> measured = network_totals(test, spec.target());
  for (size_t i = 0; i < nets.size(); ++i) {
    if (std::isnan(measured[i])) continue;
    auto it = std::find_if(predicted.begin(), predicted.end(),
                           [&](const NetworkPrediction& p) { return p.network == nets[i]; });
    errors.push_back(network_error(nets[i], measured[i], it->value));
  }
}

}  // namespace

Evaluation cross_validate_folds(const ModelSpec& spec, const Dataset& data,
                                const std::vector<Fold>& folds, const std::string& method) {
  Evaluation e;
  e.method = method;
  for (const auto& fold : folds) score_fold(spec, data, fold, e.errors);
  e.summary = summarize(e.errors);
  return e;
}

Evaluation cross_validate(const ModelSpec& spec, const Dataset& data, const std::string& method,
                          uint64_t seed) {
  std::vector<std::string> nets;
  std::vector<double> measured = network_totals(data, spec.target());
  std::vector<std::string> all = data.networks();
  for (size_t i = 0; i < all.size(); ++i)
    if (!std::isnan(measured[i])) nets.push_back(all[i]);
  size_t min_train = 2;
  if (spec.granularity == Granularity::Network)
    min_train = std::max(min_train, spec.max_coefficients());
  std::vector<Fold> folds = make_folds(method, nets, min_train, seed);
  Dataset scored = data.select_networks(nets);
  check_features(spec, scored);
  return cross_validate_folds(spec, scored, folds, method);
}

}  // namespace synergy::predict
