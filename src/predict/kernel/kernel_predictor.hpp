// Many candidate networks predicted fast, for architecture search. A network is given by its
// kernels -- each a kind and its features in kernel_feature_names() order, computed by the
// search however it describes its candidates; no graph is built -- and predicted by the kernel
// model's own regressors one kernel at a time (trees walked as flat arrays, no call into
// libxgboost), each distinct kernel of a tree-modelled kind remembered, as a search meets the
// same layer shapes again (a linear kind is cheaper to compute than to look up).
// The value is predict_network()'s (up to float rounding in the trees), without its coverage,
// warnings and interval. One predictor per thread: it is not thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "predict/kernel/kernel_model.hpp"

namespace synergy::predict {

class KernelPredictor {
 public:
  static constexpr size_t kFeatures = 17;  // kernel_feature_names().size()

  struct Row {
    int kind = -1;           // kind_index(); -1: a kind the model has not seen (left out)
    const double* features;  // kFeatures values
  };

  // Throws bad_input when the model has no such quantity. `remember`: the most distinct kernels
  // kept (about 300 bytes each; the memory starts again when full), 0: none.
  explicit KernelPredictor(const KernelModel& model, Quantity quantity = Quantity::Time,
                           size_t remember = size_t{1} << 17);

  int kind_index(const std::string& kind) const;  // -1: not in the model
  // The network's value (ms or mJ per inference); NaN when no kernel is covered.
  double predict(const Row* rows, size_t count);
  double predict(const std::vector<Kernel>& kernels);  // kinds looked up by name

  size_t hits() const { return hits_; }
  size_t misses() const { return misses_; }

 private:
  using Key = std::array<double, kFeatures + 1>;  // kind, then the features
  // The memory: open addressing with linear probing over a power-of-two table at most half full
  // (one probe's key and value share cache lines).
  struct Slot {
    Key key;
    double value = 0.0;
    bool used = false;
  };
  double kernel_value(const Row& row);
  void grow();

  const QuantityModel* model_;
  std::vector<std::string> kinds_;
  std::vector<const KernelRegressor*> regressors_;
  std::vector<bool> remembered_;  // per kind: a lookup is cheaper than its regressor
  size_t remember_;
  std::vector<Slot> slots_;
  size_t used_ = 0;
  size_t hits_ = 0, misses_ = 0;
};

}  // namespace synergy::predict
