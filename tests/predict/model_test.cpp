#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <sstream>

#include "predict/evaluate.hpp"
#include "predict/linear_predictor.hpp"
#include "predict/model.hpp"
#include "predict/model_json.hpp"
#include "util/error.hpp"

namespace synergy::predict {
namespace {

using testing::HasSubstr;

Dataset from_csv(const std::string& text) {
  return make_dataset(parse_csv(text, "test.csv"));
}

StageSpec stage(const std::string& target, const std::string& terms, bool intercept,
                bool per_type = false) {
  return {target, parse_terms(terms), intercept, per_type, {}};
}

// Conv layers: E = 2 macs + 1 bytes + 5; pool layers: E = 4 bytes + 1 (macs always 0).
double conv_energy(double macs, double bytes) {
  return 2 * macs + bytes + 5;
}
double pool_energy(double bytes) {
  return 4 * bytes + 1;
}

std::string layer_csv(int networks, double noise, unsigned seed = 3) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> eps(0.0, noise > 0 ? noise : 1.0);
  std::ostringstream s;
  s << "network,layer,layer_type,macs,bytes,energy\n";
  for (int n = 0; n < networks; ++n) {
    for (int l = 0; l < 4; ++l) {
      double macs = 10 + 7 * n + 3 * l * l, bytes = 4 + ((n * 5 + l * 3) % 9);
      s << "net" << n << ",conv" << l << ",Conv," << macs << "," << bytes << ","
        << conv_energy(macs, bytes) + (noise > 0 ? eps(rng) : 0) << "\n";
    }
    double pb = 3 + (n % 4);
    s << "net" << n << ",pool,Pool,0," << pb << "," << pool_energy(pb) + (noise > 0 ? eps(rng) : 0)
      << "\n";
  }
  return s.str();
}

ModelSpec per_type_spec_of(const std::string& terms) {
  ModelSpec spec;
  spec.name = "per-type";
  spec.granularity = Granularity::Layer;
  spec.stages = {stage("energy", terms, true, true)};
  return spec;
}

ModelSpec per_type_spec() {
  return per_type_spec_of("macs,bytes");
}

TEST(Model, PerLayerTypeRecoversExactCoefficientsAndSumsLayers) {
  Model m = fit_model(per_type_spec(), from_csv(layer_csv(6, 0.0)));
  ASSERT_EQ(m.stages[0].parts.size(), 2u);
  const FittedPart* conv = m.stages[0].part_for("Conv");
  ASSERT_NE(conv, nullptr);
  EXPECT_NEAR(conv->coefficients[0].value, 5.0, 1e-9);
  EXPECT_NEAR(conv->coefficients[1].value, 2.0, 1e-10);
  EXPECT_NEAR(conv->coefficients[2].value, 1.0, 1e-10);
  const FittedPart* pool = m.stages[0].part_for("Pool");
  EXPECT_EQ(pool->coefficients[1].value, 0.0);  // macs is zero for every pool layer
  EXPECT_NEAR(pool->coefficients[2].value, 4.0, 1e-10);
  EXPECT_THAT(m.warnings(), testing::Contains(HasSubstr("'macs' is zero in every row")));

  Dataset fresh = from_csv(
      "network,layer,layer_type,macs,bytes\nnew,c,Conv,100,10\nnew,p,Pool,0,2\n"
      "new,r,Relu,0,3\n");
  auto p = predict_networks(m, fresh);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NEAR(p[0].value, conv_energy(100, 10) + pool_energy(2), 1e-8);
  ASSERT_EQ(p[0].layers.size(), 2u);
  EXPECT_EQ(p[0].uncovered_layers, (std::vector<std::string>{"r (Relu)"}));
}

TEST(Model, NoisyFitStaysWithinStandardErrors) {
  Model m = fit_model(per_type_spec(), from_csv(layer_csv(60, 0.2)));
  const FittedPart* conv = m.stages[0].part_for("Conv");
  const double truth[] = {5.0, 2.0, 1.0};
  for (size_t j = 0; j < 3; ++j) {
    EXPECT_GT(conv->coefficients[j].std_error, 0.0);
    EXPECT_LT(std::abs(conv->coefficients[j].value - truth[j]),
              4 * conv->coefficients[j].std_error);
  }
  EXPECT_NEAR(conv->residual_std, 0.2, 0.05);
}

TEST(Model, ChainedStagesUsePredictedIntermediates) {
  // simd = 0.25 mac, bus = 0.07 simd, energy = 3 bus + 2 simd (all through the origin).
  std::ostringstream s;
  s.precision(17);
  s << "network,mac,simd,bus,energy\n";
  for (int n = 1; n <= 5; ++n) {
    double mac = 1e8 * n * n + 3e7 * n, simd = 0.25 * mac * (1 + 0.01 * (n % 2)),
           bus = 0.07 * simd * (1 + 0.02 * (n % 3));
    s << "n" << n << "," << mac << "," << simd << "," << bus << "," << 3 * bus + 2 * simd << "\n";
  }
  ModelSpec spec;
  spec.name = "chained";
  spec.stages = {stage("simd", "mac", false), stage("bus", "simd", false),
                 stage("energy", "bus,simd", false)};
  Model m = fit_model(spec, from_csv(s.str()));
  EXPECT_NEAR(m.stages[2].parts[0].coefficients[0].value, 3.0, 1e-9);
  EXPECT_NEAR(m.stages[2].parts[0].coefficients[1].value, 2.0, 1e-9);
  double a = m.stages[0].parts[0].coefficients[0].value,
         b = m.stages[1].parts[0].coefficients[0].value;
  auto p = predict_networks(m, from_csv("network,mac\nx,1e9\n"));  // counters absent: predicted
  EXPECT_NEAR(p[0].value, (3 * b * a + 2 * a) * 1e9, 1e-6);
}

TEST(Model, TimeAndPowerAddsStaticPowerTimesPredictedTime) {
  // time_ms = 0.01 macs + 1 (conv), 0.5 bytes (pool); dynamic power 2 W (conv), 1 W (pool);
  // static 10 W: energy_mj = (10 + p_type) * time_ms.
  std::ostringstream s;
  s << "network,layer,layer_type,macs,bytes,time_ms,energy_mj\n";
  for (int n = 0; n < 5; ++n) {
    for (int l = 0; l < 3; ++l) {
      double macs = 100 * (n + 1) + 40 * l, t = 0.01 * macs + 1;
      s << "n" << n << ",c" << l << ",Conv," << macs << ",8," << t << "," << 12 * t << "\n";
    }
    double bytes = 10 + 3 * n, t = 0.5 * bytes;
    s << "n" << n << ",p,Pool,0," << bytes << "," << t << "," << 11 * t << "\n";
  }
  ModelSpec spec;
  spec.name = "time-power";
  spec.granularity = Granularity::Layer;
  spec.stages = {stage("time_ms", "macs,bytes", true, true),
                 stage("energy_mj", "time_ms", false, true)};
  spec.static_power = StaticPower{10.0, "time_ms"};
  Model m = fit_model(spec, from_csv(s.str()));
  EXPECT_NEAR(m.stages[1].part_for("Conv")->coefficients[0].value, 2.0, 1e-9);
  EXPECT_NEAR(m.stages[1].part_for("Pool")->coefficients[0].value, 1.0, 1e-9);
  auto p = predict_networks(
      m, from_csv("network,layer,layer_type,macs,bytes\nx,c,Conv,1000,8\nx,p,Pool,0,40\n"));
  EXPECT_NEAR(p[0].value, 12 * (0.01 * 1000 + 1) + 11 * (0.5 * 40), 1e-6);
  // Each layer's prediction holds its static share too.
  ASSERT_EQ(p[0].layers.size(), 2u);
  EXPECT_NEAR(p[0].layers[0].value, 12 * (0.01 * 1000 + 1), 1e-6);
  EXPECT_NEAR(p[0].layers[1].value, 11 * (0.5 * 40), 1e-6);
}

// Profiles leave some layers without a measured value (too short to attribute, fused) and some
// networks have a layer type no other has. A per-layer model is still cross-validated on every
// network, over the layers measured and predicted, and says what was left out.
TEST(Evaluate, PerLayerModelsCompareTheLayersMeasuredAndSayWhatWasLeftOut) {
  std::ostringstream s;
  s << "network,layer,layer_type,macs,energy\n";
  for (int n = 1; n <= 5; ++n) {
    for (int l = 1; l <= 2; ++l)
      s << "n" << n << ",c" << l << ",Conv," << n * l << "," << 2 * n * l + 1 << "\n";
    s << "n" << n << ",prob,Softmax,0,\n";  // not attributed: no energy
  }
  s << "n5,shuffle,Transpose,0,11\n";  // a type of one network only
  Evaluation e = cross_validate(per_type_spec_of("macs"), from_csv(s.str()), "loo");
  ASSERT_EQ(e.errors.size(), 5u);
  for (const auto& x : e.errors) {
    EXPECT_NEAR(x.relative_error, 0.0, 1e-9) << x.network;
    EXPECT_THAT(x.left_out, HasSubstr("1 layers without a measured value")) << x.network;
  }
  // n5: conv energies 11 + 21, Transpose 11 of the 43 measured.
  EXPECT_NEAR(e.errors[4].measured, 32.0, 1e-9);
  EXPECT_THAT(e.errors[4].left_out, HasSubstr("1 layers of types not in training (25.6 %"));
  EXPECT_THAT(e.errors[0].left_out, testing::Not(HasSubstr("types not in training")));
}

TEST(Model, DataErrorsAreClear) {
  ModelSpec spec;
  spec.name = "m";
  spec.stages = {stage("energy", "macs", true)};
  auto message = [&](const std::string& csv) {
    try {
      fit_model(spec, from_csv(csv));
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::BadInput);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_THAT(message("network,flops,energy\na,1,2\nb,2,3\nc,3,5\n"),
              HasSubstr("no numeric column 'macs'"));
  EXPECT_THAT(message("network,macs,energy\na,1,2\nb,nan,3\nc,3,5\n"), HasSubstr("blank or NaN"));
  EXPECT_THAT(message("network,macs,energy\na,1,2\nb,inf,3\nc,3,5\n"), HasSubstr("infinite"));
  EXPECT_THAT(message("network,macs,energy\na,1,2\nb,2,-inf\nc,3,5\n"), HasSubstr("infinite"));
  EXPECT_THAT(message("network,macs,energy\na,4,2\nb,4,3\nc,4,5\n"),
              HasSubstr("'macs' is constant"));
  EXPECT_THAT(message("network,macs,energy\na,1,2\na,2,3\n"), HasSubstr("several rows"));
  EXPECT_THAT(message("network,macs,energy\na,1,2\n"), HasSubstr("1 rows cannot determine 2"));
}

TEST(Evaluate, LeaveOneOutMatchesHandComputedFitsWithoutTheTestNetwork) {
  // Per-layer rows; the pooled through-origin layer model's slope for test network i is
  // sum(x y) / sum(x^2) over the other networks' layers only.
  std::string csv =
      "network,layer,layer_type,x,y\n"
      "a,l1,Conv,1,2.0\na,l2,Conv,2,4.4\n"
      "b,l1,Conv,3,5.7\nb,l2,Conv,1,2.1\n"
      "c,l1,Conv,2,4.2\nc,l2,Conv,4,7.6\n";
  Dataset d = from_csv(csv);
  ModelSpec spec;
  spec.name = "origin";
  spec.granularity = Granularity::Layer;
  spec.stages = {stage("y", "x", false)};
  Evaluation e = cross_validate(spec, d, "loo");
  ASSERT_EQ(e.errors.size(), 3u);
  struct L {
    const char* net;
    double x, y;
  };
  const L layers[] = {{"a", 1, 2.0}, {"a", 2, 4.4}, {"b", 3, 5.7},
                      {"b", 1, 2.1}, {"c", 2, 4.2}, {"c", 4, 7.6}};
  for (const auto& err : e.errors) {
    double sxy = 0, sxx = 0, xt = 0, yt = 0;
    for (const auto& l : layers) {
      if (err.network == l.net) {
        xt += l.x, yt += l.y;
      } else {
        sxy += l.x * l.y, sxx += l.x * l.x;
      }
    }
    EXPECT_NEAR(err.measured, yt, 1e-12) << err.network;
    EXPECT_NEAR(err.predicted, sxy / sxx * xt, 1e-12) << err.network;
  }
}

TEST(Evaluate, TooFewNetworksForTheModel) {
  ModelSpec spec;
  spec.name = "quad";
  spec.stages = {stage("e", "poly2(m)", true)};
  Dataset d = from_csv("network,m,e\na,1,1\nb,2,4\nc,3,9\n");
  try {
    cross_validate(spec, d, "loo");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_THAT(e.what(), HasSubstr("at least 4 networks"));
  }
}

TEST(ModelJson, RoundTripKeepsCoefficientsAndPredictions) {
  Dataset d = from_csv(layer_csv(6, 0.1));
  Model m = fit_model(per_type_spec(), d);
  m.evaluation = cross_validate(per_type_spec(), d, "loo");
  std::string text = model_to_json(m);
  Model back = model_from_json(text, "m.json");
  EXPECT_EQ(model_to_json(back), text);
  ASSERT_EQ(back.stages[0].parts.size(), m.stages[0].parts.size());
  for (size_t i = 0; i < m.stages[0].parts.size(); ++i)
    for (size_t j = 0; j < 3; ++j)
      EXPECT_EQ(back.stages[0].parts[i].coefficients[j].value,
                m.stages[0].parts[i].coefficients[j].value);
  auto p1 = predict_networks(m, d), p2 = predict_networks(back, d);
  for (size_t i = 0; i < p1.size(); ++i) EXPECT_EQ(p1[i].value, p2[i].value);
  EXPECT_EQ(back.evaluation->summary.mean, m.evaluation->summary.mean);
  EXPECT_EQ(back.training_networks, m.training_networks);
  ASSERT_EQ(back.feature_ranges.size(), 2u);
  EXPECT_EQ(back.feature_ranges[1].max, m.feature_ranges[1].max);
}

// The training networks' per-network totals bound what the model knows; a network outside
// them is predicted with a warning that names the feature, its value and the bound.
TEST(Model, KeepsTheTrainingRangeAndWarnsOutsideIt) {
  Model m = fit_model(per_type_spec(), from_csv(layer_csv(6, 0.0)));
  ASSERT_EQ(m.feature_ranges.size(), 2u);
  // layer_csv: network n has macs 10+7n, 13+7n, 22+7n, 37+7n (sum 82 + 28n) and a pool of 0;
  // its bytes total 28 to 40.
  EXPECT_EQ(m.feature_ranges[0].column, "macs");
  EXPECT_EQ(m.feature_ranges[0].min, 82.0);
  EXPECT_EQ(m.feature_ranges[0].max, 82.0 + 28 * 5);
  auto inside = predict_networks(
      m, from_csv("network,layer,layer_type,macs,bytes\nin,c,Conv,150,30\nin,p,Pool,0,4\n"));
  EXPECT_TRUE(inside[0].warnings.empty()) << inside[0].warnings[0];
  auto big = predict_networks(
      m, from_csv("network,layer,layer_type,macs,bytes\nbig,c,Conv,900,30\nbig,p,Pool,0,4\n"));
  ASSERT_EQ(big[0].warnings.size(), 1u);
  EXPECT_THAT(big[0].warnings[0], HasSubstr("'macs' is 900, above the largest of the 6 training "
                                            "networks (222): the model extrapolates"));
  EXPECT_NEAR(big[0].value, conv_energy(900, 30) + pool_energy(4), 1e-7);  // still predicted
}

// Energy and time are not negative: a model that extrapolates below zero gives no number.
TEST(Model, ANegativePredictionIsNoPrediction) {
  ModelSpec spec;
  spec.name = "line";
  spec.stages = {stage("e", "m", true)};
  Model m = fit_model(spec, from_csv("network,m,e\na,10,5\nb,20,15\nc,30,25\n"));  // e = m - 5
  auto p = predict_networks(m, from_csv("network,m\nsmall,2\nok,12\n"));
  EXPECT_NEAR(p[0].value, -3.0, 1e-9);  // what cross-validation scores
  EXPECT_TRUE(std::isnan(p[0].shown_value()));
  EXPECT_TRUE(std::isnan(p[0].interval_95_low()));
  EXPECT_TRUE(std::isnan(p[0].interval_95_high()));
  EXPECT_THAT(p[0].warnings.back(), HasSubstr("below zero: no prediction"));
  EXPECT_NEAR(p[1].value, 7.0, 1e-9);
  EXPECT_GE(p[1].interval_95_low(), 0.0);
}

// Layers of a type the model never saw are counted, with the share of MACs they hold.
TEST(Model, CoverageCountsLayersAndMacs) {
  Model m = fit_model(per_type_spec(), from_csv(layer_csv(6, 0.0)));
  auto p = predict_networks(
      m, from_csv("network,layer,layer_type,macs,bytes\nn,c,Conv,150,10\nn,p,Pool,0,4\n"
                  "n,g,Gemm,50,3\nn,r,Relu,0,3\n"));
  EXPECT_DOUBLE_EQ(p[0].covered_layers, 0.5);
  EXPECT_DOUBLE_EQ(p[0].covered_macs, 0.75);
}

TEST(ModelJson, RejectsForeignFormatsAndNewerVersions) {
  EXPECT_THROW(model_from_json("{not json", "a.json"), Error);
  EXPECT_THROW(model_from_json("{\"format\": \"other\"}", "b.json"), Error);
  try {
    model_from_json("{\"format\": \"synergy-model\", \"version\": 99}", "c.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_THAT(e.what(), HasSubstr("version 99"));
  }
  EXPECT_THROW(model_from_json("{\"format\": \"synergy-model\", \"version\": 1}", "d.json"), Error);
}

}  // namespace
}  // namespace synergy::predict

namespace synergy::predict {
namespace {

TEST(LinearPredictor, DotProductEqualsTheGeneralPredictionPath) {
  Dataset d = from_csv(layer_csv(6, 0.3));
  for (bool per_type : {true, false}) {
    ModelSpec spec = per_type_spec();
    spec.stages[0].per_layer_type = per_type;
    spec.stages[0].terms = parse_terms("macs,bytes^2");
    Model m = fit_model(spec, d);
    LinearPredictor fast(m);
    auto slow = predict_networks(m, d);
    for (const auto& p : slow) {
      std::vector<double> v = fast.network_vector(d, p.network);
      EXPECT_NEAR(fast.predict(v), p.value, 1e-9 * std::abs(p.value)) << p.network;
    }
  }
}

TEST(LinearPredictor, RefusesChainedModels) {
  ModelSpec spec;
  spec.name = "c";
  spec.stages = {stage("b", "a", false), stage("c", "b", false)};
  Model m = fit_model(spec, from_csv("network,a,b,c\nx,1,2,3\ny,2,4,7\nz,3,5,9\n"));
  EXPECT_THROW(LinearPredictor{m}, Error);
}

}  // namespace
}  // namespace synergy::predict

namespace synergy::predict {
namespace {

TEST(Evaluate, FoldWithoutTheOnlyDepthwiseNetworkStillEvaluates) {
  // Only "dw" has depthwise MACs; holding it out leaves the column all zero in that fold,
  // which must not abort the evaluation (the whole dataset is checked for constancy once).
  Dataset d = from_csv("network,macs,dw_macs,e\na,1,0,2\nb,2,0,4.1\nc,3,0,5.9\ndw,1,1,5\n");
  ModelSpec spec;
  spec.name = "dw";
  spec.stages = {stage("e", "macs,dw_macs", false)};
  Evaluation e = cross_validate(spec, d, "loo");
  ASSERT_EQ(e.errors.size(), 4u);
  // Held out, "dw" is predicted from MACs alone: slope sum(xy)/sum(x^2) over a, b, c.
  double slope = (2 + 8.2 + 17.7) / 14.0;
  EXPECT_NEAR(e.errors[3].predicted, slope * 1, 1e-12);
  ModelSpec constant = spec;
  constant.stages = {stage("e", "macs,zero", false)};
  Dataset z = from_csv("network,macs,zero,e\na,1,0,2\nb,2,0,4\nc,3,0,6\n");
  EXPECT_THROW(cross_validate(constant, z, "loo"), Error);
}

}  // namespace
}  // namespace synergy::predict
