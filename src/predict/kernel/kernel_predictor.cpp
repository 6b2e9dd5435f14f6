#include "predict/kernel/kernel_predictor.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "predict/kernel/kernels.hpp"
#include "util/error.hpp"

namespace synergy::predict {

namespace {

// The values' bits folded (a whole number's are in the high bits) and mixed into every bit of
// the result, whose low bits pick the slot.
uint64_t hash_of(const std::array<double, KernelPredictor::kFeatures + 1>& k) {
  uint64_t h = 0;
  for (double v : k) {
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    h = (h ^ bits ^ (bits >> 32)) * 0x9e3779b97f4a7c15ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  return h ^ (h >> 33);
}

}  // namespace

void KernelPredictor::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
  used_ = 0;
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (!s.used) continue;
    size_t i = hash_of(s.key) & mask;
    while (slots_[i].used) i = (i + 1) & mask;
    slots_[i] = s;
    ++used_;
  }
}

KernelPredictor::KernelPredictor(const KernelModel& model, Quantity quantity, size_t remember)
    : remember_(remember) {
  if (kernel_feature_names().size() != kFeatures)
    throw Error(ErrorKind::Runtime, "kernel features and the fast predictor disagree");
  if (quantity == Quantity::Energy && !model.energy) throw bad_input("the model has no energy");
  model_ = quantity == Quantity::Time ? &model.time : &*model.energy;
  for (const auto& k : model_->kinds) {
    kinds_.push_back(k.kind);
    regressors_.push_back(k.regressor.get());
    remembered_.push_back(k.regressor->method() != "linear");
  }
}

int KernelPredictor::kind_index(const std::string& kind) const {
  const auto it = std::find(kinds_.begin(), kinds_.end(), kind);
  return it == kinds_.end() ? -1 : static_cast<int>(it - kinds_.begin());
}

double KernelPredictor::kernel_value(const Row& row) {
  const KernelRegressor& r = *regressors_[static_cast<size_t>(row.kind)];
  if (remember_ == 0 || !remembered_[static_cast<size_t>(row.kind)])
    return r.predict_one(row.features);
  Key key;
  key[0] = row.kind;
  std::copy(row.features, row.features + kFeatures, key.begin() + 1);
  if (2 * (used_ + 1) > slots_.size()) {
    if (used_ >= remember_) slots_.clear();  // a bound, not a policy: start again
    grow();
  }
  const size_t mask = slots_.size() - 1;
  size_t i = hash_of(key) & mask;
  for (; slots_[i].used; i = (i + 1) & mask) {
    if (slots_[i].key == key) {
      ++hits_;
      return slots_[i].value;
    }
  }
  ++misses_;
  const double v = r.predict_one(row.features);
  slots_[i] = {key, v, true};
  ++used_;
  return v;
}

double KernelPredictor::predict(const Row* rows, size_t count) {
  double sum = 0.0;
  size_t covered = 0;
  for (size_t i = 0; i < count; ++i) {
    if (rows[i].kind < 0 || static_cast<size_t>(rows[i].kind) >= regressors_.size()) continue;
    sum += kernel_value(rows[i]);
    ++covered;
  }
  return model_->network_value(sum, covered, count);
}

double KernelPredictor::predict(const std::vector<Kernel>& kernels) {
  std::vector<Row> rows;
  rows.reserve(kernels.size());
  for (const auto& k : kernels) {
    if (k.features.size() != kFeatures)
      throw bad_input("kernel '" + k.name + "' has " + std::to_string(k.features.size()) +
                      " features, not " + std::to_string(kFeatures));
    rows.push_back({kind_index(k.kind), k.features.data()});
  }
  return predict(rows.data(), rows.size());
}

}  // namespace synergy::predict
