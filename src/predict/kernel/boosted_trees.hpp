// Gradient-boosted regression trees (libxgboost's C API): fit, predict, and the model as JSON;
// one row at a time also on the trees as flat arrays, without a call into libxgboost.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace synergy::predict {

struct TreeOptions {
  int rounds = 200;
  int max_depth = 4;
  double learning_rate = 0.1;
  double min_child_weight = 2.0;
  double subsample = 0.8;
  uint64_t seed = 1;
};

class BoostedTrees {
 public:
  // Fits y ~ x (rows of equal length). Throws bad_input on empty or ragged data.
  BoostedTrees(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
               const TreeOptions& options);
  // Reads a model written by to_json(). Throws bad_input when the text is not one.
  explicit BoostedTrees(const std::string& json);
  ~BoostedTrees();
  BoostedTrees(const BoostedTrees&) = delete;
  BoostedTrees& operator=(const BoostedTrees&) = delete;

  std::vector<double> predict(const std::vector<std::vector<double>>& x) const;
  // One row of features_count() values on the flat trees: predict()'s value up to float rounding.
  double predict_one(const double* row) const;
  std::string to_json() const;
  size_t features_count() const { return features_; }

 private:
  // A split (go left when the feature is below the threshold; a missing one goes the default
  // way) or a leaf of that value, which is both its children.
  struct Node {
    uint32_t left = 0;
    uint32_t right = 0;
    uint32_t feature = 0;  // its top bit: a missing value goes left
    float value = 0.0f;
  };
  static constexpr uint32_t kDefaultLeft = 1u << 31;
  static constexpr size_t kMaxFeatures = 64;  // a row of predict_one() fits on the stack
  void flatten();                             // the booster's trees into nodes_ and roots_

  void* booster_ = nullptr;
  size_t features_ = 0;
  std::vector<Node> nodes_;
  std::vector<uint32_t> roots_;
  uint32_t depth_ = 0;  // of the deepest tree
  double base_score_ = 0.0;
};

}  // namespace synergy::predict
