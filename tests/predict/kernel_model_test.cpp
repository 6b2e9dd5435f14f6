// Kernel-level latency models against a known truth: kernels are what the engine runs (fused
// layers inside their host, views none), a synthetic per-kind latency law is learnt from sampled
// networks and predicts networks of another draw within +-10 %, the 95 % interval holds the truth
// about as often as it says, and a model file reads back to the same predictions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "graph/builder.hpp"
#include "graph/op.hpp"
#include "io/onnx/onnx.hpp"
#include "predict/kernel/kernel_model.hpp"
#include "predict/kernel/kernel_model_json.hpp"
#include "predict/kernel/kernels.hpp"
#include "predict/kernel/training_set.hpp"
#include "util/error.hpp"
#include "util/read_file.hpp"
#include "zoo/spaces/spaces.hpp"

namespace synergy::predict {
namespace {

double feature(const std::vector<double>& f, const char* name) {
  return f[kernel_feature_index(name)];
}

// conv -> bn -> relu -> pool -> flatten -> fc
Graph small_net() {
  GraphBuilder b("small", "test");
  ValueId x = b.input("data", Shape{1, 3, 16, 16});
  ConvAttrs c;
  c.out_channels = 8;
  c.kernel = {3, 3};
  c.pads = {1, 1, 1, 1};
  x = b.add1("conv", c, {x});
  x = b.add1("bn", BatchNormAttrs{}, {x});
  x = b.add1("relu", ActivationAttrs{}, {x});
  PoolAttrs p;
  p.kernel = {2, 2};
  p.stride = {2, 2};
  x = b.add1("pool", p, {x});
  x = b.add1("flatten", FlattenAttrs{}, {x});
  FullyConnectedAttrs fc;
  fc.out_features = 10;
  x = b.add1("fc", fc, {x});
  return b.finish({x});
}

TEST(Kernels, FusedLayersJoinTheirHostAndViewsRunNoKernel) {
  const Graph g = small_net();
  const NetworkCost cost = analyze(g);
  const KernelLayout layout{{-1, 0, 0, -1, -1, -1}, {false, false, false, false, true, false}};
  const auto kernels = kernels_of(g, cost, layout);
  ASSERT_EQ(kernels.size(), 3u);  // conv+bn+relu, pool, fc; flatten is a view
  EXPECT_EQ(kernels[0].name, "conv");
  EXPECT_EQ(kernels[0].kind, "conv");
  EXPECT_THAT(kernels[0].layers, testing::ElementsAre(0u, 1u, 2u));
  EXPECT_EQ(kernels[1].kind, "pool");
  EXPECT_EQ(kernels[2].kind, "fullyconnected");
  const auto& f = kernels[0].features;
  EXPECT_EQ(feature(f, "macs"), 16.0 * 16 * 8 * 9 * 3);
  EXPECT_EQ(feature(f, "input_bytes"), 4.0 * 3 * 16 * 16);   // the conv's input
  EXPECT_EQ(feature(f, "output_bytes"), 4.0 * 8 * 16 * 16);  // the relu's output, written once
  EXPECT_EQ(feature(f, "fused_layers"), 2.0);
  EXPECT_EQ(feature(f, "kernel_area"), 9.0);
  EXPECT_EQ(feature(f, "in_channels"), 3.0);
  EXPECT_EQ(feature(f, "out_pixels"), 256.0);
  EXPECT_GT(feature(f, "flops"), 2.0 * feature(f, "macs"));  // bn and relu add theirs
  EXPECT_THROW(kernels_of(g, cost, {{-1}, {false}}), Error);
  // A layer fused into a view runs nowhere: refused.
  EXPECT_THROW(
      kernels_of(g, cost, {{-1, 0, 0, -1, -1, 4}, {false, false, false, false, true, false}}),
      Error);
}

// The latency law of this synthetic device, per kernel kind (ms): convolutions lose efficiency
// at few output channels, depthwise ones are bound by bytes, the rest move bytes.
double true_ms(const Kernel& k) {
  const double macs = feature(k.features, "macs"), bytes = feature(k.features, "traffic_bytes");
  const double ch = feature(k.features, "out_channels");
  if (k.kind == "conv") return 2e-8 * macs * (1.0 + 16.0 / ch) + 2e-9 * bytes + 0.004;
  if (k.kind == "conv_depthwise") return 1.5e-7 * macs + 1e-8 * bytes + 0.003;
  return 4e-9 * bytes + 0.001;
}

// Networks of every space drawn with `seed`, timed by the law with multiplicative noise.
KernelTrainingSet synthetic(uint64_t seed, int per_space, double noise) {
  KernelTrainingSet set;
  set.source = "synthetic";
  set.platform = {"synthetic cpu", "onednn", "1", "1"};
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> eps(0.0, noise);
  for (const auto& space : {"plain", "residual", "inverted", "shuffle"}) {
    for (int i = 0; i < per_space; ++i) {
      const Graph g = zoo::sample_network(space, seed, i);
      const KernelLayout own{std::vector<int>(g.nodes.size(), -1),
                             std::vector<bool>(g.nodes.size(), false)};
      NetworkSample net{g.name, 0.02, {}};
      for (const Kernel& k : kernels_of(g, analyze(g), own)) {
        const double ms = true_ms(k) * std::exp(eps(rng));
        net.time_ms += ms;
        net.kernels.push_back(set.kernels.size());
        set.kernels.push_back({g.name, k.name, k.kind, k.features, ms});
      }
      set.networks.push_back(net);
    }
  }
  return set;
}

class KernelModelTruth : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    train_ = new KernelTrainingSet(synthetic(3, 10, 0.05));
    test_ = new KernelTrainingSet(synthetic(4, 8, 0.05));
    model_ = new KernelModel(fit_kernel_model(*train_));
  }
  static void TearDownTestSuite() {
    delete model_;
    delete test_;
    delete train_;
  }
  static KernelTrainingSet* train_;
  static KernelTrainingSet* test_;
  static KernelModel* model_;
};
KernelTrainingSet* KernelModelTruth::train_ = nullptr;
KernelTrainingSet* KernelModelTruth::test_ = nullptr;
KernelModel* KernelModelTruth::model_ = nullptr;

TEST_F(KernelModelTruth, UnseenNetworksArePredictedWithinTenPercent) {
  const KernelEvaluation e = evaluate_kernel_model(*model_, *test_);
  ASSERT_EQ(e.evaluation.errors.size(), 32u);
  EXPECT_LT(e.evaluation.summary.mean, 0.05);
  EXPECT_GE(e.evaluation.summary.within_10_percent, 0.95);
  for (const auto& p : e.predictions) {
    EXPECT_DOUBLE_EQ(p.covered_macs, 1.0);
    EXPECT_TRUE(p.uncovered.empty());
    EXPECT_GT(p.time_ms, 0.0);
  }
  // The overhead term is found: 0.02 ms per inference on top of the kernels.
  EXPECT_NEAR(model_->overhead_ms, 0.02, 0.02);
  EXPECT_NEAR(model_->kernel_scale, 1.0, 0.05);
  EXPECT_NEAR(model_->per_kernel_ms, 0.0, 1e-3);
}

TEST_F(KernelModelTruth, EachKindGetsTheRegressorWithTheLeastHeldOutError) {
  const KindModel* conv = model_->kind("conv");
  ASSERT_NE(conv, nullptr);
  ASSERT_EQ(conv->cv_error.size(), 3u);
  double best = 1e300;
  for (const auto& [method, err] : conv->cv_error) best = std::min(best, err);
  EXPECT_EQ(conv->cv_error.at(conv->regressor->method()), best);
  // The law is not linear in MACs for few channels: the pure linear model is not the best.
  EXPECT_NE(conv->regressor->method(), "linear");
  EXPECT_NE(model_->kind("conv_depthwise"), nullptr);
}

TEST_F(KernelModelTruth, TheIntervalHoldsTheTruthAboutAsOftenAsItSays) {
  const KernelCalibration& c = model_->calibration;
  EXPECT_EQ(c.networks, 40u);
  EXPECT_GE(c.coverage, 0.85);
  EXPECT_LT(std::exp(c.log_half_width), 1.25);  // a useful interval, not an infinite one
  const KernelEvaluation e = evaluate_kernel_model(*model_, *test_);
  // 32 unseen networks at 95 %: fewer than 28 inside would happen by chance under 1 % of times.
  EXPECT_GE(e.inside_interval, 28u);
  // Louder noise: the interval widens and still holds the truth.
  const KernelModel noisy = fit_kernel_model(synthetic(3, 10, 0.3));
  const KernelEvaluation en = evaluate_kernel_model(noisy, synthetic(4, 8, 0.3));
  EXPECT_GT(noisy.calibration.log_half_width, c.log_half_width);
  EXPECT_GE(en.inside_interval, 28u);
}

TEST_F(KernelModelTruth, TooFewNetworksToCalibrateGiveNoInterval) {
  KernelTrainingSet few = synthetic(5, 1, 0.05);  // 4 networks: no 95 % quantile of 4 scores
  const KernelModel m = fit_kernel_model(few);
  EXPECT_TRUE(std::isinf(m.calibration.log_half_width));
  const auto p = evaluate_kernel_model(m, *test_).predictions.front();
  EXPECT_TRUE(std::isfinite(p.time_ms));
  EXPECT_TRUE(std::isinf(p.high_ms));
  few.networks.resize(2);
  EXPECT_THROW(fit_kernel_model(few), Error);
}

TEST_F(KernelModelTruth, KindsTheModelNeverSawAreUncoveredNotGuessed) {
  Kernel lrn{"norm1", "lrn", {0}, test_->kernels.front().features};
  const Kernel conv{"c", "conv", {1}, test_->kernels.front().features};
  const KernelPrediction p = predict_network(*model_, "x", {conv, lrn});
  ASSERT_EQ(p.uncovered.size(), 1u);
  EXPECT_EQ(p.uncovered[0], "norm1 (lrn)");
  EXPECT_DOUBLE_EQ(p.covered_kernels, 0.5);
  const KernelPrediction none = predict_network(*model_, "y", {lrn});
  EXPECT_TRUE(std::isnan(none.time_ms));
}

TEST_F(KernelModelTruth, AKernelBeyondTheTrainingRangeIsSaid) {
  Kernel big{"huge", "conv", {0}, {}};
  for (const auto& k : test_->kernels)
    if (k.kind == "conv") big.features = k.features;
  big.features[kernel_feature_index("macs")] = 1e13;
  const KernelPrediction p = predict_network(*model_, "big", {big});
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_THAT(p.warnings[0], testing::HasSubstr("1 of 1 kernels lie outside"));
  EXPECT_THAT(p.warnings[0], testing::HasSubstr("macs"));
}

TEST_F(KernelModelTruth, AModelFileReadsBackToTheSamePredictions) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "synergy_kernel_model_test.json").string();
  save_kernel_model(*model_, path);
  EXPECT_TRUE(is_kernel_model_json(read_file(path)));
  EXPECT_FALSE(is_kernel_model_json("{"));
  EXPECT_FALSE(is_kernel_model_json(R"({"format": "synergy-model"})"));
  const KernelModel back = load_kernel_model(path);
  std::filesystem::remove(path);
  const auto a = evaluate_kernel_model(*model_, *test_);
  const auto b = evaluate_kernel_model(back, *test_);
  ASSERT_EQ(a.predictions.size(), b.predictions.size());
  for (size_t i = 0; i < a.predictions.size(); ++i) {
    EXPECT_NEAR(a.predictions[i].time_ms, b.predictions[i].time_ms,
                1e-6 * a.predictions[i].time_ms);
    EXPECT_NEAR(a.predictions[i].high_ms, b.predictions[i].high_ms,
                1e-6 * a.predictions[i].high_ms);
  }
  EXPECT_EQ(back.calibration.coverage, model_->calibration.coverage);
  EXPECT_EQ(back.platform, model_->platform);

  std::string text = kernel_model_to_json(*model_);
  EXPECT_THROW(kernel_model_from_json("{", "x"), Error);
  EXPECT_THROW(kernel_model_from_json(R"({"format": "synergy-model"})", "x"), Error);
  const auto at = text.find("\"version\": 1");
  ASSERT_NE(at, std::string::npos);
  std::string newer = text;
  newer.replace(at, 12, "\"version\": 2");
  EXPECT_THROW(kernel_model_from_json(newer, "x"), Error);
  std::string broken = text;
  broken.replace(broken.find("\"regressor\""), 11, "\"regressr\"");
  EXPECT_THROW(kernel_model_from_json(broken, "x"), Error);
}

// A run of a sampled network as the profiler stores it: conv + bn + act fused, views marked.
ResultRecord record_of(const Graph& g, double wait_fraction) {
  ResultRecord r;
  r.model = g.name;
  r.context.cpu_model = "test cpu";
  r.context.backend = "onednn";
  r.context.threads = 1;
  r.network.time_ns.count = 10;
  r.network.time_ns.median = 3e6;
  std::string host;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    LayerResult l;
    l.index = static_cast<int32_t>(i);
    l.name = g.nodes[i].name;
    l.type = std::string(op_def(g.nodes[i].kind()).name);
    l.time_ns.count = 10;
    l.time_ns.median = 1e4;
    const OpKind k = g.nodes[i].kind();
    if (k == OpKind::Conv) host = l.name;
    if ((k == OpKind::BatchNorm || k == OpKind::Activation) && !host.empty()) l.fused_into = host;
    if (k == OpKind::Flatten || k == OpKind::Reshape) l.view = true;
    if (k != OpKind::Conv && k != OpKind::BatchNorm && k != OpKind::Activation) host.clear();
    r.layers.push_back(l);
  }
  CpuShare share;  // waited / (ran + waited) = wait_fraction
  share.wall_ns = 1'000'000'000;
  share.waited_ns = static_cast<int64_t>(1e9 * wait_fraction);
  share.ran_ns = static_cast<int64_t>(1e9 * (1.0 - wait_fraction));
  r.cpu_share = {{"network", share}};
  return r;
}

TEST(KernelTrainingSet, RunsBecomeKernelsAndSharedOrMismatchedRunsAreLeftOutWithANote) {
  const Graph a = zoo::sample_network("plain", 1, 0);
  const Graph b = zoo::sample_network("plain", 1, 1);
  const Graph c = zoo::sample_network("plain", 1, 2);
  ResultRecord renamed = record_of(c, 0.0);
  renamed.layers[1].name = "not_in_the_network";
  const KernelTrainingSet set =
      kernel_training_set({record_of(a, 0.0), record_of(b, 0.5), renamed}, "runs");
  ASSERT_EQ(set.networks.size(), 1u);
  EXPECT_EQ(set.networks[0].network, a.name);
  EXPECT_DOUBLE_EQ(set.networks[0].time_ms, 3.0);
  ASSERT_EQ(set.notes.size(), 2u);
  EXPECT_THAT(set.notes[0], testing::HasSubstr("shared CPU"));
  EXPECT_THAT(set.notes[1], testing::HasSubstr("not_in_the_network"));
  // Each kernel's time is its host's plus its fused layers'; views and fused layers are no kernel.
  size_t fused = 0, views = 0;
  for (const auto& l : record_of(a, 0.0).layers) {
    fused += l.fused_into.empty() ? 0 : 1;
    views += l.view ? 1 : 0;
  }
  ASSERT_GT(fused, 0u);
  EXPECT_EQ(set.networks[0].kernels.size(), a.nodes.size() - fused - views);
  for (size_t i : set.networks[0].kernels) {
    const auto& k = set.kernels[i];
    EXPECT_NEAR(k.time_ms, 0.01 * (1.0 + feature(k.features, "fused_layers")), 1e-12) << k.kernel;
  }
  // The shared run is kept when the caller allows more waiting.
  TrainingSetOptions tolerant;
  tolerant.max_cpu_wait = 0.6;
  EXPECT_EQ(
      kernel_training_set({record_of(a, 0.0), record_of(b, 0.5)}, "runs", tolerant).networks.size(),
      2u);
  EXPECT_THROW(kernel_training_set({record_of(b, 0.5)}, "runs"), Error);
  // A run of a model file is found in a model folder by its name.
  ResultRecord file_run = record_of(a, 0.0);
  file_run.model = "renamed_net";
  EXPECT_THROW(kernel_training_set({file_run}, "runs"), Error);  // no such network
  const std::string dir = (std::filesystem::temp_directory_path() / "synergy_kernel_dirs").string();
  std::filesystem::create_directories(dir);
  Graph with_weights = zoo::sample_network("plain", 1, 0);
  with_weights.materialize_params(1);
  export_onnx_file(with_weights, dir + "/renamed_net.onnx");
  TrainingSetOptions with_dir;
  with_dir.model_dirs = {dir};
  EXPECT_EQ(kernel_training_set({file_run}, "runs", with_dir).networks.size(), 1u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace synergy::predict
