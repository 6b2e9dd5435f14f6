// Gradient-boosted regression trees (libxgboost's C API): fit, predict, and the model as JSON.
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
  std::string to_json() const;

 private:
  void* booster_ = nullptr;
  size_t features_ = 0;
};

}  // namespace synergy::predict
