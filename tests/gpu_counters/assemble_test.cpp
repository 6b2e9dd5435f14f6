#include <gtest/gtest.h>

#include <cmath>

#include "measure/gpu_counters/gpu_counter_session.hpp"
#include "measure/gpu_counters/range_names.hpp"

namespace synergy {
namespace {

const std::vector<std::string> kLayers = {"conv1", "relu1", "conv1_1", ""};
const std::vector<std::string> kMeasured = {"ffma.sum", "fadd.sum", "fmul.sum", "dram.sum"};

DerivedMetric flops() {
  return DerivedMetric{"flops", parse_formula("2*ffma.sum + fadd.sum + fmul.sum")};
}

TEST(AssembleGpuCounters, RangesLandOnTheirLayersWithDerivedFlops) {
  const std::vector<RangeValues> ranges = {
      {range_name_for(2, "conv1_1"), {100, 10, 1, 4096}},
      {range_name_for(0, "conv1"), {50, 0, 0, 2048}},
      {range_name_for(3, ""), {0, 0, 0, 64}},
  };
  const GpuCounterResult r = assemble_gpu_counters(kLayers, kMeasured, {}, {flops()}, ranges);
  ASSERT_EQ(r.layers.size(), kLayers.size());
  EXPECT_DOUBLE_EQ(r.layers[2].at("flops"), 211.0);
  EXPECT_DOUBLE_EQ(r.layers[2].at("dram.sum"), 4096.0);
  EXPECT_DOUBLE_EQ(r.layers[0].at("flops"), 100.0);
  EXPECT_DOUBLE_EQ(r.layers[3].at("dram.sum"), 64.0);
  EXPECT_TRUE(r.layers[1].empty());  // no range: nothing measured, not zeros
  EXPECT_EQ(r.metrics.back(), "flops");
  EXPECT_TRUE(r.unmatched_ranges.empty());
}

TEST(AssembleGpuCounters, UnmatchedRangesAreReportedNotDropped) {
  const std::vector<RangeValues> ranges = {{"7:ghost", {1, 1, 1, 1}}, {"inference", {1, 1, 1, 1}}};
  const GpuCounterResult r = assemble_gpu_counters(kLayers, kMeasured, {}, {flops()}, ranges);
  EXPECT_EQ(r.unmatched_ranges, (std::vector<std::string>{"7:ghost", "inference"}));
  for (const auto& layer : r.layers) EXPECT_TRUE(layer.empty());
}

TEST(AssembleGpuCounters, UnavailableMetricIsAbsentAndSpoilsItsDerivedOnes) {
  const std::vector<std::string> measured = {"ffma.sum", "fadd.sum", "dram.sum"};
  const std::map<std::string, std::string> unavailable = {{"fmul.sum", "unknown metric"}};
  const std::vector<RangeValues> ranges = {{range_name_for(0, "conv1"), {5, 5, 5}}};
  const GpuCounterResult r =
      assemble_gpu_counters(kLayers, measured, unavailable, {flops()}, ranges);
  EXPECT_EQ(r.layers[0].count("fmul.sum"), 0u);
  EXPECT_EQ(r.layers[0].count("flops"), 0u);
  EXPECT_DOUBLE_EQ(r.layers[0].at("dram.sum"), 5.0);
  EXPECT_EQ(r.metric_unavailable.at("fmul.sum"), "unknown metric");
  EXPECT_NE(r.metric_unavailable.at("flops").find("fmul.sum"), std::string::npos);
}

TEST(AssembleGpuCounters, NonFiniteValueIsAbsent) {
  const std::vector<RangeValues> ranges = {{range_name_for(0, "conv1"), {std::nan(""), 1, 1, 1}}};
  const GpuCounterResult r = assemble_gpu_counters(kLayers, kMeasured, {}, {flops()}, ranges);
  EXPECT_EQ(r.layers[0].count("ffma.sum"), 0u);
  EXPECT_EQ(r.layers[0].count("flops"), 0u);
  EXPECT_DOUBLE_EQ(r.layers[0].at("fadd.sum"), 1.0);
}

TEST(AssembleGpuCounters, ALayerReportedTwiceAddsUp) {
  const std::vector<RangeValues> ranges = {{range_name_for(0, "conv1"), {1, 2, 3, 4}},
                                           {range_name_for(0, "conv1"), {10, 20, 30, 40}}};
  const GpuCounterResult r = assemble_gpu_counters(kLayers, kMeasured, {}, {}, ranges);
  EXPECT_DOUBLE_EQ(r.layers[0].at("ffma.sum"), 11.0);
  EXPECT_DOUBLE_EQ(r.layers[0].at("dram.sum"), 44.0);
}

TEST(GpuCounterResult, ProvenanceNamesTheReplayPasses) {
  GpuCounterResult r;
  r.passes = 3;
  EXPECT_EQ(r.provenance(), "measured counter (CUPTI range profiler, 3 replay passes)");
  r.passes = 1;
  EXPECT_EQ(r.provenance(), "measured counter (CUPTI range profiler, 1 replay pass)");
}

}  // namespace
}  // namespace synergy
