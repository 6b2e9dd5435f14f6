// A one-stage linear model flattened for scoring many networks (network search): a network's
// terms are summed per layer type once, after which each prediction is one dot product.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "predict/model.hpp"

namespace synergy::predict {

class LinearPredictor {
 public:
  // Throws unsupported for chained, time-and-power or static-power models.
  explicit LinearPredictor(const Model& model);

  // Length of a network's feature vector: layer types x (intercept + terms).
  size_t width() const { return weights_.size(); }
  // The network's feature vector from its rows (layers of uncovered types are skipped, as in
  // predict_networks). Throws bad_input when the network has no rows.
  std::vector<double> network_vector(const Dataset& rows, const std::string& network) const;
  double predict(std::span<const double> features) const {
    double v = 0.0;
    for (size_t i = 0; i < weights_.size(); ++i) v += weights_[i] * features[i];
    return v;
  }

 private:
  std::vector<std::string> types_;  // one empty entry for pooled and network-level models
  std::vector<Term> terms_;
  bool intercept_ = true;
  std::vector<double> weights_;  // per type: [intercept,] terms
};

}  // namespace synergy::predict
