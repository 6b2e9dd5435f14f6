// Kernel-level latency and energy models against a known truth: kernels are what the engine runs
// (fused layers inside their host, views none), a synthetic per-kind latency law and per-kind power
// law are learnt from sampled networks and predict networks of another draw within +-10 %, the
// 95 % interval holds the truth about as often as it says, runs with unattributed layers teach
// what they have, and a model file reads back to the same predictions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "graph/builder.hpp"
#include "graph/op.hpp"
#include "io/onnx/onnx.hpp"
#include "predict/kernel/kernel_model.hpp"
#include "predict/kernel/kernel_model_json.hpp"
#include "predict/kernel/kernel_predictor.hpp"
#include "predict/kernel/kernels.hpp"
#include "predict/kernel/training_set.hpp"
#include "util/error.hpp"
#include "util/read_file.hpp"
#include "zoo/spaces/spaces.hpp"

namespace synergy::predict {
namespace {

double feature(const std::vector<double>& f, const std::string& name) {
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
  EXPECT_EQ(feature(f, "algorithm_macs"), feature(f, "macs"));  // computed directly
  // The fully connected kernel knows the traffic of the whole network, to a quarter power of
  // two; the others do not need it.
  double traffic = 0.0;
  for (const auto& k : kernels) traffic += feature(k.features, "traffic_bytes");
  const double network = feature(kernels[2].features, "network_traffic_bytes");
  EXPECT_NEAR(std::log2(network), std::log2(traffic), 0.125);
  EXPECT_EQ(std::fmod(4.0 * std::log2(network), 1.0), 0.0);
  EXPECT_EQ(feature(f, "network_traffic_bytes"), 0.0);
  EXPECT_EQ(feature(kernels[1].features, "network_traffic_bytes"), 0.0);
  // A convolution run with Winograd's algorithm is a kind of its own, whose algorithm_macs are
  // the products of its tiles: F(4x4, 3x3) covers the 16x16 output with 16 tiles of 6x6 products
  // per input and output channel, F(2x2, 3x3) with 64 of 4x4; the other features stay.
  KernelLayout winograd = layout;
  for (const auto& [algorithm, products] : {std::pair{"winograd_4x3", 16.0 * 36},
                                            {"winograd_2x3", 64.0 * 16},
                                            {"winograd", 16.0 * 36}}) {
    winograd.algorithm = {algorithm, "", "", "", "", ""};
    const auto fast = kernels_of(g, cost, winograd);
    EXPECT_EQ(fast[0].kind, "conv_winograd") << algorithm;
    EXPECT_EQ(feature(fast[0].features, "algorithm_macs"), products * 3 * 8) << algorithm;
    for (const auto& name : kernel_feature_names()) {
      if (name == "algorithm_macs") continue;
      EXPECT_EQ(feature(fast[0].features, name), feature(f, name)) << name;
    }
    EXPECT_EQ(fast[1].kind, "pool");
    EXPECT_EQ(fast[1].features, kernels[1].features);
  }
  winograd.algorithm.pop_back();
  EXPECT_THROW(kernels_of(g, cost, winograd), Error);
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

// The power law of this synthetic device (W): convolutions draw more the more they compute per
// byte, depthwise ones and the rest draw less; a static 4 W is drawn throughout.
constexpr double kStaticW = 4.0;
double true_w(const Kernel& k) {
  const double intensity = feature(k.features, "intensity");
  if (k.kind == "conv") return kStaticW + 12.0 * intensity / (intensity + 8.0);
  if (k.kind == "conv_depthwise") return kStaticW + 5.0;
  return kStaticW + 3.0;
}

// Networks of every space drawn with `seed`, timed by the law with multiplicative noise, their
// energy (mJ = ms x W) by the power law with noise of its own. With `unattributed`, every third
// network has one kernel without energy and every seventh no energy measured at all.
KernelTrainingSet synthetic(uint64_t seed, int per_space, double noise, bool unattributed = false) {
  KernelTrainingSet set;
  set.source = "synthetic";
  set.platform = {"synthetic cpu", "onednn", "1", "1", "fp32"};
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> eps(0.0, noise);
  for (const auto& space : {"plain", "residual", "inverted", "shuffle"}) {
    for (int i = 0; i < per_space; ++i) {
      const Graph g = zoo::sample_network(space, seed, i);
      const KernelLayout own{std::vector<int>(g.nodes.size(), -1),
                             std::vector<bool>(g.nodes.size(), false)};
      NetworkSample net{g.name, 0.02, 0.02 * kStaticW, {}};
      for (const Kernel& k : kernels_of(g, analyze(g), own)) {
        const double ms = true_ms(k) * std::exp(eps(rng));
        const double mj = ms * true_w(k) * std::exp(eps(rng));
        net.time_ms += ms;
        net.energy_mj += mj;
        net.kernels.push_back(set.kernels.size());
        set.kernels.push_back({g.name, k.name, k.kind, k.features, ms, mj});
      }
      const size_t n = set.networks.size();
      if (unattributed && n % 3 == 0) set.kernels[net.kernels.front()].energy_mj = std::nan("");
      if (unattributed && n % 7 == 0) net.energy_mj = std::nan("");
      set.networks.push_back(net);
    }
  }
  return set;
}

class KernelModelTruth : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    train_ = new KernelTrainingSet(synthetic(3, 10, 0.05, true));
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
    EXPECT_GT(p.time_ms.value, 0.0);
  }
  // The overhead term is found: 0.02 ms per inference on top of the kernels.
  EXPECT_NEAR(model_->time.overhead, 0.02, 0.02);
  EXPECT_NEAR(model_->time.kernel_scale, 1.0, 0.05);
  EXPECT_NEAR(model_->time.per_kernel, 0.0, 1e-3);
}

TEST_F(KernelModelTruth, EnergyOfUnseenNetworksFollowsThePerKernelPowerTruth) {
  ASSERT_TRUE(model_->energy.has_value());
  const KernelEvaluation e = evaluate_kernel_model(*model_, *test_, Quantity::Energy);
  ASSERT_EQ(e.evaluation.errors.size(), 32u);
  EXPECT_EQ(e.evaluation.target, "energy_mj");
  EXPECT_LT(e.evaluation.summary.mean, 0.05);
  EXPECT_GE(e.evaluation.summary.within_10_percent, 0.95);
  EXPECT_GE(e.inside_interval, 28u);
  for (const auto& p : e.predictions) {
    EXPECT_GT(p.energy_mj.value, 0.0);
    for (const auto& k : p.kernels) EXPECT_GT(k.energy_mj, 0.0) << k.name;
  }
  // Energy is not time in disguise: the power of a kernel is the truth's, within noise.
  const KernelPrediction& p = e.predictions.front();
  double watts_low = 1e300, watts_high = 0.0;
  for (const auto& k : p.kernels) {
    watts_low = std::min(watts_low, k.energy_mj / k.time_ms);
    watts_high = std::max(watts_high, k.energy_mj / k.time_ms);
  }
  EXPECT_GT(watts_low, 0.8 * (kStaticW + 3.0));
  EXPECT_LT(watts_high, 1.2 * (kStaticW + 12.0));
}

TEST_F(KernelModelTruth, RunsWithUnattributedLayersTeachWhatTheyHave) {
  // 40 networks, of which 6 measured no energy (every seventh) and 14 have one kernel without.
  size_t without = 0;
  for (const auto& n : train_->networks) without += std::isnan(n.energy_mj) ? 1 : 0;
  ASSERT_EQ(without, 6u);
  EXPECT_EQ(model_->time.calibration.networks, 40u);
  EXPECT_EQ(model_->energy->calibration.networks, 34u);
  // The kernels without energy are missing from the energy rows only.
  size_t conv_rows = 0, conv_energy_rows = 0;
  for (const auto& k : train_->kernels)
    if (k.kind == "conv") ++conv_rows, conv_energy_rows += std::isfinite(k.energy_mj) ? 1 : 0;
  EXPECT_EQ(model_->time.kind("conv")->kernels, conv_rows);
  EXPECT_EQ(model_->energy->kind("conv")->kernels, conv_energy_rows);
  EXPECT_LT(conv_energy_rows, conv_rows);
}

TEST_F(KernelModelTruth, WholeNetworkEnergyAloneGivesPowerPerKindTimesKernelTime) {
  KernelTrainingSet whole = synthetic(3, 10, 0.05);
  for (auto& k : whole.kernels) k.energy_mj = std::nan("");  // no layer attributed
  const KernelModel m = fit_kernel_model(whole);
  ASSERT_TRUE(m.energy.has_value());
  EXPECT_THAT(m.notes, testing::Contains(testing::HasSubstr("per-kind power x kernel time")));
  const KindModel* dw = m.energy->kind("conv_depthwise");
  ASSERT_NE(dw, nullptr);
  EXPECT_EQ(dw->regressor->method(), "time_x_power");
  // Whole networks' energy cannot tell every kind's power apart (a kind that takes little time
  // is barely seen), but convolutions take most of it: their power is the truth's, between the
  // static and the static + 12 W it approaches at high intensity.
  const double conv_w = m.energy->kind("conv")->regressor->to_json().at("power_w").get<double>();
  EXPECT_GT(conv_w, kStaticW + 6.0);
  EXPECT_LT(conv_w, kStaticW + 12.0);
  const KernelEvaluation e = evaluate_kernel_model(m, *test_, Quantity::Energy);
  ASSERT_EQ(e.evaluation.errors.size(), 32u);
  EXPECT_LT(e.evaluation.summary.mean, 0.08);
  EXPECT_GE(e.inside_interval, 28u);
  // It reads back from its file the same.
  const KernelModel back = kernel_model_from_json(kernel_model_to_json(m), "x");
  const auto b = evaluate_kernel_model(back, *test_, Quantity::Energy);
  EXPECT_NEAR(b.predictions[0].energy_mj.value, e.predictions[0].energy_mj.value,
              1e-6 * e.predictions[0].energy_mj.value);
}

TEST_F(KernelModelTruth, RunsWithoutEnergyGiveATimeModelThatSaysSo) {
  KernelTrainingSet timed = synthetic(5, 2, 0.05);
  for (auto& k : timed.kernels) k.energy_mj = std::nan("");
  for (size_t i = 2; i < timed.networks.size(); ++i) timed.networks[i].energy_mj = std::nan("");
  KernelModel m = fit_kernel_model(timed);  // 2 networks measured energy: too few
  EXPECT_FALSE(m.energy.has_value());
  EXPECT_THAT(m.notes, testing::Contains(testing::HasSubstr("energy: not modelled, 2 networks")));
  EXPECT_THROW(evaluate_kernel_model(m, *test_, Quantity::Energy), Error);
  EXPECT_TRUE(std::isnan(evaluate_kernel_model(m, *test_).predictions[0].energy_mj.value));
  // An energy model that has not seen a kind leaves its kernels out of the energy, and says so.
  for (auto& k : timed.kernels)
    if (k.kind != "pool") k.energy_mj = k.time_ms * 5.0;
  for (auto& n : timed.networks) n.energy_mj = n.time_ms * 5.0;
  m = fit_kernel_model(timed);
  ASSERT_TRUE(m.energy.has_value());
  EXPECT_EQ(m.energy->kind("pool"), nullptr);
  Kernel pool{"p", "pool", {0}, {}};
  for (const auto& k : test_->kernels)
    if (k.kind == "pool") pool.features = k.features;
  const KernelPrediction p = predict_network(m, "x", {pool});
  EXPECT_TRUE(std::isfinite(p.time_ms.value));
  EXPECT_TRUE(std::isnan(p.energy_mj.value));
  EXPECT_THAT(p.warnings, testing::Contains(testing::HasSubstr("left out of the energy")));
}

TEST_F(KernelModelTruth, EachKindGetsTheRegressorWithTheLeastHeldOutError) {
  const KindModel* conv = model_->time.kind("conv");
  ASSERT_NE(conv, nullptr);
  ASSERT_EQ(conv->cv_error.size(), 3u);
  double best = 1e300;
  for (const auto& [method, err] : conv->cv_error) best = std::min(best, err);
  EXPECT_EQ(conv->cv_error.at(conv->regressor->method()), best);
  // The law is not linear in MACs for few channels: the pure linear model is not the best.
  EXPECT_NE(conv->regressor->method(), "linear");
  EXPECT_NE(model_->time.kind("conv_depthwise"), nullptr);
}

TEST_F(KernelModelTruth, TheIntervalHoldsTheTruthAboutAsOftenAsItSays) {
  const KernelCalibration& c = model_->time.calibration;
  EXPECT_EQ(c.networks, 40u);
  EXPECT_GE(c.coverage, 0.85);
  EXPECT_LT(std::exp(c.log_half_width), 1.25);  // a useful interval, not an infinite one
  const KernelEvaluation e = evaluate_kernel_model(*model_, *test_);
  // 32 unseen networks at 95 %: fewer than 28 inside would happen by chance under 1 % of times.
  EXPECT_GE(e.inside_interval, 28u);
  // Louder noise: the interval widens and still holds the truth.
  const KernelModel noisy = fit_kernel_model(synthetic(3, 10, 0.3));
  const KernelEvaluation en = evaluate_kernel_model(noisy, synthetic(4, 8, 0.3));
  EXPECT_GT(noisy.time.calibration.log_half_width, c.log_half_width);
  EXPECT_GE(en.inside_interval, 28u);
}

TEST_F(KernelModelTruth, TooFewNetworksToCalibrateGiveNoInterval) {
  KernelTrainingSet few = synthetic(5, 1, 0.05);  // 4 networks: no 95 % quantile of 4 scores
  const KernelModel m = fit_kernel_model(few);
  EXPECT_TRUE(std::isinf(m.time.calibration.log_half_width));
  const auto p = evaluate_kernel_model(m, *test_).predictions.front();
  EXPECT_TRUE(std::isfinite(p.time_ms.value));
  EXPECT_TRUE(std::isinf(p.time_ms.high));
  few.networks.resize(2);
  EXPECT_THROW(fit_kernel_model(few), Error);
}

// Two folds of four networks train on two each; with one network's energy missing, two folds of
// three would train one on a single network: the energy is held out one network at a time.
TEST_F(KernelModelTruth, FewerMeasuredNetworksTakeMoreFoldsNotAFailure) {
  KernelTrainingSet four = synthetic(5, 1, 0.05);
  four.networks[1].energy_mj = std::nan("");
  KernelFitOptions o;
  o.folds = 2;
  const KernelModel m = fit_kernel_model(four, o);
  EXPECT_EQ(m.time.calibration.evaluation.method, "kfold:2");
  ASSERT_TRUE(m.energy.has_value());
  EXPECT_EQ(m.energy->calibration.evaluation.method, "kfold:3");
  EXPECT_EQ(m.energy->calibration.networks, 3u);
}

TEST_F(KernelModelTruth, KindsTheModelNeverSawAreUncoveredNotGuessed) {
  Kernel lrn{"norm1", "lrn", {0}, test_->kernels.front().features};
  const Kernel conv{"c", "conv", {1}, test_->kernels.front().features};
  const KernelPrediction p = predict_network(*model_, "x", {conv, lrn});
  ASSERT_EQ(p.uncovered.size(), 1u);
  EXPECT_EQ(p.uncovered[0], "norm1 (lrn)");
  EXPECT_DOUBLE_EQ(p.covered_kernels, 0.5);
  const KernelPrediction none = predict_network(*model_, "y", {lrn});
  EXPECT_TRUE(std::isnan(none.time_ms.value));
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
    for (auto q : {Quantity::Time, Quantity::Energy}) {
      const PredictedValue &va = a.predictions[i].of(q), &vb = b.predictions[i].of(q);
      EXPECT_NEAR(va.value, vb.value, 1e-6 * va.value);
      EXPECT_NEAR(va.high, vb.high, 1e-6 * va.high);
    }
  }
  EXPECT_EQ(back.time.calibration.coverage, model_->time.calibration.coverage);
  EXPECT_EQ(back.energy->calibration.coverage, model_->energy->calibration.coverage);
  EXPECT_EQ(back.platform, model_->platform);

  std::string text = kernel_model_to_json(*model_);
  EXPECT_THROW(kernel_model_from_json("{", "x"), Error);
  EXPECT_THROW(kernel_model_from_json(R"({"format": "synergy-model"})", "x"), Error);
  const auto at = text.find("\"version\": 3");
  ASSERT_NE(at, std::string::npos);
  std::string newer = text;
  newer.replace(at, 12, "\"version\": 4");
  EXPECT_THROW(kernel_model_from_json(newer, "x"), Error);
  std::string broken = text;
  broken.replace(broken.find("\"regressor\""), 11, "\"regressr\"");
  EXPECT_THROW(kernel_model_from_json(broken, "x"), Error);
  std::string unknown_feature = text;
  unknown_feature.replace(unknown_feature.find("\"out_pixels\""), 12, "\"out_pixelz\"");
  EXPECT_THROW(kernel_model_from_json(unknown_feature, "x"), Error);

  // A version-2 file, whose linear terms name "macs" (algorithm_macs came after), reads and
  // predicts as before: no kernel here runs Winograd, so the two features agree.
  std::string v2 = text;
  v2.replace(v2.find("\"version\": 3"), 12, "\"version\": 2");
  size_t renamed = 0;
  for (size_t p = v2.find("\"algorithm_macs\""); p != std::string::npos;
       p = v2.find("\"algorithm_macs\"", p)) {
    v2.replace(p, 16, "\"macs\"");
    ++renamed;
  }
  EXPECT_GT(renamed, 0u);
  const KernelModel older = kernel_model_from_json(v2, "v2");
  const auto from_v2 = evaluate_kernel_model(older, *test_);
  ASSERT_EQ(from_v2.predictions.size(), a.predictions.size());
  for (size_t i = 0; i < a.predictions.size(); ++i) {
    const double expected = a.predictions[i].of(Quantity::Time).value;
    EXPECT_NEAR(from_v2.predictions[i].of(Quantity::Time).value, expected, 1e-6 * expected);
  }

  // A version-1 file (time alone, its terms at the top level) still reads, as a time model.
  nlohmann::json v1 = nlohmann::json::parse(text);
  const nlohmann::json time = v1.at("time_ms");
  v1.erase("time_ms");
  v1.erase("energy_mj");
  v1.erase("power_w");
  v1["version"] = 1;
  v1["overhead_ms"] = time.at("overhead");
  v1["kernel_scale"] = time.at("kernel_scale");
  v1["per_kernel_ms"] = time.at("per_kernel");
  v1["kinds"] = time.at("kinds");
  v1["calibration"] = time.at("calibration");
  const KernelModel old = kernel_model_from_json(v1.dump(), "v1");
  EXPECT_FALSE(old.energy.has_value());
  const auto c = evaluate_kernel_model(old, *test_);
  ASSERT_EQ(c.predictions.size(), a.predictions.size());
  EXPECT_NEAR(c.predictions[0].time_ms.value, a.predictions[0].time_ms.value,
              1e-6 * a.predictions[0].time_ms.value);
}

// Energy and time are predicted apart: a prediction whose ratio lies far outside the powers the
// training networks drew is said to be doubtful, one that does not is not.
TEST_F(KernelModelTruth, AnImpliedPowerOutsideTheTrainingPowersIsSaid) {
  ASSERT_TRUE(model_->power_w.has_value());
  // The synthetic device draws its static 4 W plus at most 12 W more.
  EXPECT_GT(model_->power_w->min, kStaticW);
  EXPECT_LT(model_->power_w->max, kStaticW + 12.0);
  EXPECT_LT(model_->power_w->min, model_->power_w->max);
  const auto said = [](const KernelPrediction& p) {
    return std::any_of(p.warnings.begin(), p.warnings.end(), [](const std::string& w) {
      return w.find(" W the training networks drew") != std::string::npos;
    });
  };
  const KernelEvaluation e = evaluate_kernel_model(*model_, *test_);
  for (const auto& p : e.predictions) EXPECT_FALSE(said(p)) << p.network;

  // The same model believing its networks drew 10 times more: every prediction is doubted.
  KernelModel hot = kernel_model_from_json(kernel_model_to_json(*model_), "hot");
  ASSERT_TRUE(hot.power_w.has_value());
  EXPECT_DOUBLE_EQ(hot.power_w->max, model_->power_w->max);  // it reads back
  hot.power_w = FeatureSpan{10 * model_->power_w->min, 10 * model_->power_w->max};
  const KernelEvaluation h = evaluate_kernel_model(hot, *test_);
  ASSERT_FALSE(h.predictions.empty());
  for (const auto& p : h.predictions) EXPECT_TRUE(said(p)) << p.network;
  // A model without energy has no power to compare with.
  KernelTrainingSet timed = synthetic(5, 2, 0.05);
  for (auto& n : timed.networks) n.energy_mj = std::nan("");
  EXPECT_FALSE(fit_kernel_model(timed).power_w.has_value());
}

TEST_F(KernelModelTruth, TheFastPredictorGivesTheModelsValueFromKernelsAlone) {
  KernelPredictor time(*model_), energy(*model_, Quantity::Energy);
  KernelPredictor forgetful(*model_, Quantity::Time, 0);
  const KernelEvaluation e = evaluate_kernel_model(*model_, *test_);
  for (size_t i = 0; i < test_->networks.size(); ++i) {
    std::vector<Kernel> kernels;
    for (size_t k : test_->networks[i].kernels)
      kernels.push_back(
          {test_->kernels[k].kernel, test_->kernels[k].kind, {}, test_->kernels[k].features});
    const KernelPrediction p = predict_network(*model_, "n", kernels);
    EXPECT_NEAR(time.predict(kernels), p.time_ms.value, 1e-5 * p.time_ms.value);
    EXPECT_NEAR(forgetful.predict(kernels), p.time_ms.value, 1e-5 * p.time_ms.value);
    EXPECT_NEAR(energy.predict(kernels), p.energy_mj.value, 1e-5 * p.energy_mj.value);
  }
  // The second time round every kernel is remembered.
  const size_t misses = time.misses();
  EXPECT_GT(misses, 100u);
  std::vector<Kernel> first;
  for (size_t k : test_->networks[0].kernels)
    first.push_back({"", test_->kernels[k].kind, {}, test_->kernels[k].features});
  const double again = time.predict(first);
  EXPECT_EQ(time.misses(), misses);
  EXPECT_NEAR(again, e.predictions[0].time_ms.value, 1e-5 * again);
  EXPECT_EQ(forgetful.hits(), 0u);
  // A kind the model never saw is left out, as predict_network leaves it out; alone, no value.
  Kernel lrn{"norm1", "lrn", {0}, first.front().features};
  EXPECT_EQ(time.kind_index("lrn"), -1);
  EXPECT_NEAR(time.predict({first.front(), lrn}),
              predict_network(*model_, "x", {first.front(), lrn}).time_ms.value, 1e-5 * again);
  EXPECT_TRUE(std::isnan(time.predict({lrn})));
  Kernel short_row{"short", "conv", {0}, {1.0, 2.0}};
  EXPECT_THROW(time.predict({short_row}), Error);
  KernelModel no_energy = fit_kernel_model(synthetic(5, 1, 0.05));
  no_energy.energy.reset();
  EXPECT_THROW(KernelPredictor(no_energy, Quantity::Energy), Error);
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

TEST(KernelTrainingSet, MeasuredEnergyJoinsItsKernelAndAnEstimateIsNoTruth) {
  const Graph a = zoo::sample_network("plain", 1, 0);
  ResultRecord r = record_of(a, 0.0);
  r.context.energy_provenance = Provenance::IntegratedPower;
  Summary e;
  e.count = 5;
  e.median = 0.05;  // J per inference
  r.network.energy_j = e;
  // As the profiler attributes: to each kernel's host; a fused layer's is counted there.
  for (auto& l : r.layers)
    if (l.fused_into.empty())
      l.energy = EnergyEstimate{AttributionMethod::Trace, 2e-4, 1e-5, 20.0, 1.0, 50};
  r.layers.back().energy.reset();  // the last layer (the classifier) was not attributed
  KernelTrainingSet set = kernel_training_set({r}, "runs");
  ASSERT_EQ(set.networks.size(), 1u);
  EXPECT_DOUBLE_EQ(set.networks[0].energy_mj, 50.0);
  const auto& ks = set.networks[0].kernels;
  for (size_t i = 0; i + 1 < ks.size(); ++i) {
    const auto& k = set.kernels[ks[i]];
    EXPECT_NEAR(k.energy_mj, 0.2, 1e-12) << k.kernel;
  }
  EXPECT_TRUE(std::isnan(set.kernels[ks.back()].energy_mj));
  // A network energy of zero is no measurement (a sensor that did not move).
  r.network.energy_j->median = 0.0;
  EXPECT_TRUE(std::isnan(kernel_training_set({r}, "runs").networks[0].energy_mj));
  // Energy a model estimated (no sensor) teaches nothing.
  r.context.energy_provenance = Provenance::ModelEstimate;
  set = kernel_training_set({r}, "runs");
  EXPECT_TRUE(std::isnan(set.networks[0].energy_mj));
  for (const auto& k : set.kernels) EXPECT_TRUE(std::isnan(k.energy_mj));
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

// Runs of one network in two precisions are two platforms: never fitted together, and the
// filter picks one; the model's platform names it.
TEST(KernelTrainingSet, PrecisionsAreDifferentPlatforms) {
  const Graph a = zoo::sample_network("plain", 1, 0);
  const Graph b = zoo::sample_network("plain", 1, 1);
  ResultRecord reduced = record_of(b, 0.0);
  reduced.context.precision = "bf16";
  const std::vector<ResultRecord> runs{record_of(a, 0.0), reduced};
  try {
    kernel_training_set(runs, "runs");
    ADD_FAILURE() << "fp32 and bf16 runs were mixed";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), testing::HasSubstr("precision=bf16"));
    EXPECT_THAT(e.what(), testing::HasSubstr("--precision"));
  }
  TrainingSetOptions only_bf16;
  only_bf16.filter.precision = "bf16";
  const KernelTrainingSet set = kernel_training_set(runs, "runs", only_bf16);
  ASSERT_EQ(set.networks.size(), 1u);
  EXPECT_EQ(set.networks[0].network, b.name);
  EXPECT_EQ(set.platform.precision, "bf16");
  // bf16 kernels move 2-byte values: half the bytes of the same kernels in fp32.
  const KernelTrainingSet full = kernel_training_set({record_of(b, 0.0)}, "runs");
  ASSERT_EQ(full.kernels.size(), set.kernels.size());
  for (size_t i = 0; i < set.kernels.size(); ++i)
    for (const char* f : {"input_bytes", "output_bytes", "weight_bytes", "traffic_bytes"})
      EXPECT_DOUBLE_EQ(2 * feature(set.kernels[i].features, f),
                       feature(full.kernels[i].features, f))
          << set.kernels[i].kernel << " " << f;
}

}  // namespace
}  // namespace synergy::predict
