#include "predict/kernel/boosted_trees.hpp"

#include <xgboost/c_api.h>

#include <cmath>

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
      if (row.size() != features) throw bad_input("tree rows of different lengths");
      for (double v : row) flat.push_back(static_cast<float>(v));
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
}

BoostedTrees::BoostedTrees(const std::string& json) {
  check(XGBoosterCreate(nullptr, 0, &booster_), "xgboost booster");
  if (XGBoosterLoadModelFromBuffer(booster_, json.data(), json.size()) != 0)
    throw bad_input(std::string("not a tree model: ") + XGBGetLastError());
  bst_ulong n = 0;
  check(XGBoosterGetNumFeature(booster_, &n), "xgboost features");
  features_ = static_cast<size_t>(n);
  set(booster_, "nthread", "1");
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
