#include "predict/linear_predictor.hpp"

#include <algorithm>

#include "predict/design.hpp"
#include "util/error.hpp"

namespace synergy::predict {

LinearPredictor::LinearPredictor(const Model& model) {
  if (model.stages.size() != 1 || model.spec.static_power)
    throw unsupported("the fast predictor handles one-stage linear models only");
  const FittedStage& s = model.stages[0];
  terms_ = s.spec.terms;
  intercept_ = s.spec.intercept;
  for (const auto& part : s.parts) {
    types_.push_back(part.layer_type);
    for (const auto& c : part.coefficients) weights_.push_back(c.value);
  }
  // A pooled layer-level model only covers the types it was trained on; record them as its
  // parts would (same coefficients for every type).
  if (model.spec.granularity == Granularity::Layer && !s.spec.per_layer_type &&
      !model.layer_types.empty()) {
    std::vector<double> one = weights_;
    types_ = model.layer_types;
    weights_.clear();
    for (size_t t = 0; t < types_.size(); ++t)
      weights_.insert(weights_.end(), one.begin(), one.end());
  }
}

std::vector<double> LinearPredictor::network_vector(const Dataset& rows,
                                                    const std::string& network) const {
  const size_t k = terms_.size() + (intercept_ ? 1 : 0);
  std::vector<double> v(weights_.size(), 0.0);
  TermColumns tc(rows, terms_);
  bool any = false;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (rows.network[r] != network) continue;
    any = true;
    size_t t = 0;
    if (!(types_.size() == 1 && types_[0].empty())) {
      auto it = std::find(types_.begin(), types_.end(), rows.layer_type[r]);
      if (it == types_.end()) continue;
      t = static_cast<size_t>(it - types_.begin());
    }
    double* out = &v[t * k];
    if (intercept_) *out++ += 1.0;
    for (size_t j = 0; j < tc.size(); ++j) out[j] += tc.value(j, r);
  }
  if (!any) throw bad_input("no rows for network '" + network + "'");
  return v;
}

}  // namespace synergy::predict
