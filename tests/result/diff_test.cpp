#include "result/diff.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "profile/statistics.hpp"
#include "result/sample_record.hpp"

namespace synergy {
namespace {

using testing::sample_record;

TEST(RunDiff, TheSameRunDiffersInNothing) {
  const ResultRecord r = sample_record();
  const RunDiff d = diff_runs(r, r);
  EXPECT_TRUE(d.context_changes.empty());
  ASSERT_EQ(d.layers.size(), 2u);
  for (const auto& l : d.layers) {
    EXPECT_TRUE(l.in_a && l.in_b);
    ASSERT_TRUE(l.time_ns.has_value());
    EXPECT_EQ(l.time_ns->delta(), 0.0);
    EXPECT_FALSE(l.time_ns->significant());
  }
  EXPECT_FALSE(d.network_time_ns.significant());
  ASSERT_TRUE(d.network_energy_j.has_value());
  EXPECT_EQ(d.network_energy_j->delta(), 0.0);
}

// B's conv is 10 % slower, well outside both runs' 1 % intervals; its energy moves by less than
// their combined half-width.
TEST(RunDiff, DifferencesCarryTheCombinedIntervalOfBothRuns) {
  const ResultRecord a = sample_record();
  ResultRecord b = a;
  b.layers[0].time_ns = testing::summary(1.65e6, 30);
  b.layers[0].energy->energy_j = 0.302;
  const RunDiff d = diff_runs(a, b);
  const LayerDiff& conv = d.layers[0];
  ASSERT_TRUE(conv.time_ns && conv.energy_j);
  EXPECT_DOUBLE_EQ(conv.time_ns->delta(), 0.15e6);
  EXPECT_DOUBLE_EQ(conv.time_ns->half_width, std::hypot(1.5e4, 1.65e4));
  EXPECT_NEAR(conv.time_ns->relative_pct(), 10.0, 1e-9);
  EXPECT_TRUE(conv.time_ns->significant());
  // Each side: the power's 0.004 J and the time's 1 % of the energy.
  const double ha = std::hypot(0.004, 0.3 * 0.01);
  const double hb = std::hypot(0.004, 0.302 * 0.01);
  EXPECT_NEAR(conv.energy_j->half_width, std::hypot(ha, hb), 1e-12);
  EXPECT_FALSE(conv.energy_j->significant());
  EXPECT_FALSE(d.layers[1].energy_j.has_value()) << "relu has no energy in either run";
}

TEST(RunDiff, UnmatchedLayersAndChangedSettingsAreNamed) {
  const ResultRecord a = sample_record();
  ResultRecord b = a;
  b.layers[1].name = "relu1_new";
  b.layers[0].type = "FusedConv";
  b.layers[0].energy.reset();
  b.context.backend = "reference";
  b.context.libraries.erase("dnnl");
  b.context.libraries["cudnn"] = "9.1";
  b.network.energy_j.reset();
  const RunDiff d = diff_runs(a, b);
  ASSERT_EQ(d.layers.size(), 3u);
  EXPECT_EQ(d.layers[0].note, "type Conv -> FusedConv");
  // The same layer run with another kernel algorithm (sample_record's conv: Winograd).
  ResultRecord direct = a;
  direct.layers[0].algorithm.clear();
  EXPECT_EQ(diff_runs(a, direct).layers[0].note, "algorithm winograd -> direct");
  EXPECT_EQ(diff_runs(a, a).layers[0].note, "");
  EXPECT_FALSE(d.layers[0].energy_j.has_value()) << "B did not measure it";
  EXPECT_TRUE(d.layers[1].in_a && !d.layers[1].in_b);
  EXPECT_FALSE(d.layers[1].time_ns.has_value());
  EXPECT_EQ(d.layers[2].name, "relu1_new");
  EXPECT_TRUE(!d.layers[2].in_a && d.layers[2].in_b);
  EXPECT_FALSE(d.network_energy_j.has_value());
  const std::vector<std::string> expected = {"backend: onednn -> reference",
                                             "dnnl: 3.0.0 -> (none)", "cudnn: (none) -> 9.1"};
  EXPECT_EQ(d.context_changes, expected);
}

TEST(RunDiff, AnUnknownSpreadIsNeverSignificant) {
  const ResultRecord a = sample_record();
  ResultRecord b = a;
  b.layers[0].time_ns = testing::summary(3e6, 1);
  b.layers[0].time_ns.ci95 = INFINITY;  // one sample
  const RunDiff d = diff_runs(a, b);
  EXPECT_FALSE(d.layers[0].time_ns->significant());
  EXPECT_TRUE(std::isinf(d.layers[0].time_ns->half_width));
}

// Two runs of the same layer (10 and 25 timed samples, the same true mean): a difference is
// called significant in about 5 % of pairs, as its 95 % interval says; a true 6 % change, in most.
TEST(RunDiff, SignificanceHoldsItsStatedRate) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> noise(0.0, 0.05e6);
  auto run_of = [&](double mean, int n) {
    std::vector<double> t;
    for (int i = 0; i < n; ++i) t.push_back(mean + noise(rng));
    ResultRecord r = testing::sample_record();
    r.layers.resize(1);
    r.layers[0].time_ns = summarize(t);
    return r;
  };
  constexpr int kPairs = 4000;
  int same = 0, changed = 0;
  for (int i = 0; i < kPairs; ++i) {
    same += diff_runs(run_of(1e6, 10), run_of(1e6, 25)).layers[0].time_ns->significant();
    changed += diff_runs(run_of(1e6, 10), run_of(1.06e6, 25)).layers[0].time_ns->significant();
  }
  // The combined half-width is exact for equal sample counts and slightly wide otherwise.
  const double rate = static_cast<double>(same) / kPairs;
  std::printf("same-mean pairs called different: %.3f; 6 %% apart: %.3f\n", rate,
              static_cast<double>(changed) / kPairs);
  EXPECT_GT(rate, 0.02) << same;
  EXPECT_LT(rate, 0.065);
  EXPECT_GT(static_cast<double>(changed) / kPairs, 0.5);
}

TEST(RunDiff, JsonSpeaksMillisecondsAndMillijoules) {
  const ResultRecord a = sample_record();
  ResultRecord b = a;
  b.layers[0].time_ns = testing::summary(1.65e6, 30);
  const auto j = nlohmann::json::parse(diff_to_json(diff_runs(a, b)));
  EXPECT_EQ(j.at("schema_version"), 1);
  EXPECT_EQ(j.at("units").at("time"), "ms per inference");
  const auto& conv = j.at("layers").at(0);
  EXPECT_DOUBLE_EQ(conv.at("time_ms").at("a").get<double>(), 1.5);
  EXPECT_NEAR(conv.at("time_ms").at("delta").get<double>(), 0.15, 1e-12);
  EXPECT_EQ(conv.at("time_ms").at("significant"), true);
  EXPECT_DOUBLE_EQ(conv.at("energy_mj").at("a").get<double>(), 300.0);
  EXPECT_TRUE(j.at("layers").at(1).at("energy_mj").is_null());
  EXPECT_DOUBLE_EQ(j.at("network").at("energy_mj").at("b").get<double>(), 420.0);
}

}  // namespace
}  // namespace synergy
