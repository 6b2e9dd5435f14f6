#include "predict/kernel/boosted_trees.hpp"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace synergy::predict {

namespace {

void check(int rc, const char* what) {
  if (rc != 0) throw Error(ErrorKind::Runtime, std::string(what) + ": " + XGBGetLastError());
}

// A DMatrix of the rows, freed on scope exit.
class Rows {
 public:
  Rows(const std::vector<std::vector<double>>& x, size_t features) {
    std::vector<float> flat;
    flat.reserve(x.size() * features);
    for (const auto& row : x) {
      // A model of fewer features (written before one was appended) reads the leading ones.
      if (row.size() < features) throw bad_input("a tree row of too few features");
      for (size_t i = 0; i < features; ++i) flat.push_back(static_cast<float>(row[i]));
    }
    check(XGDMatrixCreateFromMat(flat.data(), x.size(), features, std::nanf(""), &handle_),
          "xgboost matrix");
  }
  ~Rows() { XGDMatrixFree(handle_); }
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;
  DMatrixHandle get() const { return handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

void set(BoosterHandle b, const char* name, const std::string& value) {
  check(XGBoosterSetParam(b, name, value.c_str()), name);
}

}  // namespace

BoostedTrees::BoostedTrees(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
                           const TreeOptions& o) {
  if (x.empty() || x.size() != y.size()) throw bad_input("trees need as many targets as rows");
  features_ = x.front().size();
  Rows rows(x, features_);
  std::vector<float> labels(y.begin(), y.end());
  check(XGDMatrixSetFloatInfo(rows.get(), "label", labels.data(), labels.size()), "labels");
  DMatrixHandle train = rows.get();
  check(XGBoosterCreate(&train, 1, &booster_), "xgboost booster");
  set(booster_, "objective", "reg:squarederror");
  set(booster_, "tree_method", "hist");
  set(booster_, "nthread", "1");  // one thread: the same trees on every machine
  set(booster_, "max_depth", std::to_string(o.max_depth));
  set(booster_, "eta", std::to_string(o.learning_rate));
  set(booster_, "min_child_weight", std::to_string(o.min_child_weight));
  set(booster_, "subsample", std::to_string(o.subsample));
  set(booster_, "seed", std::to_string(o.seed));
  set(booster_, "verbosity", "0");
  for (int i = 0; i < o.rounds; ++i)
    check(XGBoosterUpdateOneIter(booster_, i, train), "xgboost round");
  flatten();
}

BoostedTrees::BoostedTrees(const std::string& json) {
  check(XGBoosterCreate(nullptr, 0, &booster_), "xgboost booster");
  if (XGBoosterLoadModelFromBuffer(booster_, json.data(), json.size()) != 0)
    throw bad_input(std::string("not a tree model: ") + XGBGetLastError());
  bst_ulong n = 0;
  check(XGBoosterGetNumFeature(booster_, &n), "xgboost features");
  features_ = static_cast<size_t>(n);
  set(booster_, "nthread", "1");
  flatten();
}

// libxgboost's JSON model: learner.learner_model_param.base_score (a number in a string, in
// brackets in newer versions) and learner.gradient_booster.model.trees, each as parallel arrays
// of its nodes (a leaf's value is in split_conditions).
void BoostedTrees::flatten() {
  if (features_ > kMaxFeatures) throw bad_input("trees of more than 64 features");
  try {
    const auto j = nlohmann::json::parse(to_json()).at("learner");
    std::string base = j.at("learner_model_param").at("base_score").get<std::string>();
    base.erase(
        std::remove_if(base.begin(), base.end(), [](char c) { return c == '[' || c == ']'; }),
        base.end());
    base_score_ = std::stod(base);
    const auto& model = j.at("gradient_booster").at("model");
    for (const auto& tree : model.at("trees")) {
      const auto left = tree.at("left_children").get<std::vector<int32_t>>();
      const auto right = tree.at("right_children").get<std::vector<int32_t>>();
      const auto feature = tree.at("split_indices").get<std::vector<uint32_t>>();
      const auto value = tree.at("split_conditions").get<std::vector<float>>();
      const auto default_left = tree.at("default_left").get<std::vector<int>>();
      const size_t n = left.size();
      if (right.size() != n || feature.size() != n || value.size() != n ||
          default_left.size() != n || n == 0)
        throw bad_input("a tree of ragged arrays");
      const auto offset = static_cast<int32_t>(nodes_.size());
      roots_.push_back(static_cast<uint32_t>(offset));
      for (size_t i = 0; i < n; ++i) {
        const bool leaf = left[i] < 0;
        // Children after their parent (as libxgboost writes them): every walk ends at a leaf.
        const auto at = static_cast<int32_t>(i), size = static_cast<int32_t>(n);
        if (!leaf && (left[i] <= at || left[i] >= size || right[i] <= at || right[i] >= size ||
                      feature[i] >= features_ || feature[i] >= kDefaultLeft))
          throw bad_input("a tree node out of range");
        const auto self = static_cast<uint32_t>(offset + at);
        nodes_.push_back({leaf ? self : static_cast<uint32_t>(offset + left[i]),
                          leaf ? self : static_cast<uint32_t>(offset + right[i]),
                          leaf ? 0u : feature[i] | (default_left[i] != 0 ? kDefaultLeft : 0u),
                          value[i]});
      }
      // Depths: a child comes after its parent.
      std::vector<uint32_t> depth(n, 0);
      for (size_t i = 0; i < n; ++i) {
        if (left[i] < 0) continue;
        depth[static_cast<size_t>(left[i])] = depth[static_cast<size_t>(right[i])] = depth[i] + 1;
        depth_ = std::max(depth_, depth[i] + 1);
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw bad_input(std::string("a tree model libxgboost wrote in another form: ") + e.what());
  } catch (const std::logic_error& e) {  // stod
    throw bad_input(std::string("a tree model without a base score: ") + e.what());
  }
}

double BoostedTrees::predict_one(const double* row) const {
  // The row as libxgboost sees it (floats); a missing value (NaN) takes the node's default way.
  float f[kMaxFeatures];  // features_ <= kMaxFeatures: checked by flatten()
  bool missing = false;
  for (size_t i = 0; i < features_; ++i) {
    f[i] = static_cast<float>(row[i]);
    missing = missing || std::isnan(f[i]);
  }
  // Every tree walked depth_ steps (a leaf is its own child), a group of trees in lockstep, with
  // no branch on the data: the walks' loads overlap.
  constexpr size_t kGroup = 8;
  double sum = base_score_;
  for (size_t t = 0; t < roots_.size(); t += kGroup) {
    const size_t m = std::min(kGroup, roots_.size() - t);
    uint32_t at[kGroup];
    for (size_t j = 0; j < m; ++j) at[j] = roots_[t + j];
    for (uint32_t d = 0; d < depth_; ++d) {
      for (size_t j = 0; j < m; ++j) {
        const Node& node = nodes_[at[j]];
        const float v = f[node.feature & ~kDefaultLeft];
        const bool left =
            missing && std::isnan(v) ? (node.feature & kDefaultLeft) != 0 : v < node.value;
        at[j] = left ? node.left : node.right;
      }
    }
    for (size_t j = 0; j < m; ++j) sum += nodes_[at[j]].value;
  }
  return sum;
}

BoostedTrees::~BoostedTrees() {
  if (booster_) XGBoosterFree(booster_);
}

std::vector<double> BoostedTrees::predict(const std::vector<std::vector<double>>& x) const {
  if (x.empty()) return {};
  Rows rows(x, features_);
  const char* config =
      R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0,
          "strict_shape": false})";
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* out = nullptr;
  check(XGBoosterPredictFromDMatrix(booster_, rows.get(), config, &shape, &dims, &out),
        "xgboost prediction");
  return std::vector<double>(out, out + x.size());
}

std::string BoostedTrees::to_json() const {
  bst_ulong len = 0;
  const char* raw = nullptr;
  check(XGBoosterSaveModelToBuffer(booster_, R"({"format": "json"})", &len, &raw), "xgboost save");
  return std::string(raw, len);
}

}  // namespace synergy::predict
