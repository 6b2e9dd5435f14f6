// Prediction intervals hold the truth at their stated rate: over many synthetic calibrations
// with known coefficients and noise, the 95 % interval of an unseen network's prediction covers
// its measured value in 95 % of draws, within the binomial tolerance.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <sstream>

#include "predict/model.hpp"

namespace synergy::predict {
namespace {

constexpr int kDraws = 2000;
constexpr double kLevel = 0.95;

// 3.5 binomial standard deviations of a coverage count over kDraws: fails by chance about once
// in 2,000 runs of a correct product (the draws are seeded, so a given build passes or fails).
double tolerance() {
  return 3.5 * std::sqrt(kLevel * (1 - kLevel) / kDraws);
}

struct Coverage {
  double stated = 0;  // with the product's interval
  double normal = 0;  // with +-1.96 standard errors, ignoring how few residuals estimated them
  int dof = 0;
};

// Energy = 3 + 2 macs + 1.5 bytes + N(0, sigma) per row, one row per network (or per layer).
// Each draw fits on `train` networks and predicts one more whose measured energy has its own
// noise, as a new network's profile does.
Coverage coverage(int train, int layers_per_network) {
  const double sigma = 1.0;
  int stated = 0, normal = 0, dof = 0;
  for (int draw = 0; draw < kDraws; ++draw) {
    std::mt19937 rng(static_cast<unsigned>(1000 + draw));
    std::uniform_real_distribution<double> macs(1.0, 10.0), bytes(0.0, 4.0);
    std::normal_distribution<double> noise(0.0, sigma);
    std::ostringstream csv;
    csv.precision(17);
    const bool per_layer = layers_per_network > 1;
    csv << "network," << (per_layer ? "layer,layer_type," : "") << "macs,bytes,energy\n";
    double held_out_truth = 0;
    for (int n = 0; n <= train; ++n) {
      for (int l = 0; l < layers_per_network; ++l) {
        const double m = macs(rng), b = bytes(rng);
        const double e = 3 + 2 * m + 1.5 * b + noise(rng);
        if (n == train) held_out_truth += e;
        csv << "net" << n << ",";
        if (per_layer) csv << "l" << l << ",Conv,";
        csv << m << "," << b << "," << e << "\n";
      }
    }
    const Dataset all = make_dataset(parse_csv(csv.str(), "draw.csv"));
    const std::string unseen = "net" + std::to_string(train);
    ModelSpec spec;
    spec.name = "coverage";
    spec.granularity = per_layer ? Granularity::Layer : Granularity::Network;
    spec.stages = {{"energy", parse_terms("macs,bytes"), true, per_layer, {}}};
    const Model model = fit_model(spec, all.select_networks({unseen}, false));
    const NetworkPrediction p = predict_networks(model, all.select_networks({unseen}))[0];
    const double miss = std::abs(p.value - held_out_truth);
    stated += miss <= p.interval_95_half_width();
    normal += miss <= 1.96 * p.std_error;
    dof = p.residual_dof;
  }
  const Coverage c{static_cast<double>(stated) / kDraws, static_cast<double>(normal) / kDraws, dof};
  std::printf("coverage over %d draws, %d dof: stated interval %.3f, +-1.96 SE %.3f\n", kDraws, dof,
              c.stated, c.normal);
  return c;
}

TEST(PredictionInterval, CoversAtItsStatedRateFromFewNetworks) {
  // Six networks and three coefficients leave 3 residual degrees of freedom: the normal
  // quantile would claim 95 % and deliver about 85 %.
  const Coverage c = coverage(6, 1);
  EXPECT_EQ(c.dof, 3);
  EXPECT_NEAR(c.stated, kLevel, tolerance()) << "normal quantile: " << c.normal;
  EXPECT_LT(c.normal, kLevel - tolerance()) << "the test tells the quantiles apart";
}

TEST(PredictionInterval, CoversAtItsStatedRateFromManyNetworks) {
  const Coverage c = coverage(40, 1);
  EXPECT_EQ(c.dof, 37);
  EXPECT_NEAR(c.stated, kLevel, tolerance()) << "normal quantile: " << c.normal;
}

TEST(PredictionInterval, PerLayerSumsCoverAtTheStatedRate) {
  // Four layers per network, each with its own noise: the sum's interval adds one residual
  // variance per layer. Two training networks give 8 rows, 5 residual degrees of freedom.
  const Coverage c = coverage(2, 4);
  EXPECT_EQ(c.dof, 5);
  EXPECT_NEAR(c.stated, kLevel, tolerance()) << "normal quantile: " << c.normal;
}

}  // namespace
}  // namespace synergy::predict
