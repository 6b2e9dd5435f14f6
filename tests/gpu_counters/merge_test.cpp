#include <gtest/gtest.h>

#include <cmath>

#include "profile/layer_counter_merge.hpp"
#include "profile/result_record.hpp"

namespace synergy {
namespace {

ProfileOutcome outcome_with_cpu_counters() {
  ProfileOutcome o;
  o.layer_names = {"conv1", "relu1", "fc"};
  o.layer_types = {"Conv", "Relu", "Gemm"};
  o.fused_into = {-1, 0, -1};
  o.layer_time_ns.resize(3);
  o.counter_events = {"task-clock"};
  o.layer_counters = {{10.0}, {1.0}, {5.0}};
  return o;
}

TEST(LayerCounterMerge, GpuColumnsFollowTheCpuOnes) {
  ProfileOutcome o = outcome_with_cpu_counters();
  add_layer_counters(o, {"fp32_flops", "dram_bytes"}, {},
                     {{{"fp32_flops", 200.0}, {"dram_bytes", 64.0}},
                      {{"fp32_flops", 3.0}},
                      {{"dram_bytes", 32.0}}},
                     "gpu");
  ASSERT_EQ(o.counter_events, (std::vector<std::string>{"task-clock", "fp32_flops", "dram_bytes"}));
  EXPECT_DOUBLE_EQ(o.layer_counters[0][0], 10.0);
  EXPECT_DOUBLE_EQ(o.layer_counters[0][1], 200.0);
  EXPECT_DOUBLE_EQ(o.layer_counters[0][2], 64.0);
  EXPECT_TRUE(std::isnan(o.layer_counters[1][1]));  // fused: counted in conv1
  EXPECT_TRUE(std::isnan(o.layer_counters[2][1]));  // not measured there
  EXPECT_DOUBLE_EQ(o.layer_counters[2][2], 32.0);
}

TEST(LayerCounterMerge, RecordShowsValuesAndLeavesMissingOnesAbsent) {
  ProfileOutcome o = outcome_with_cpu_counters();
  add_layer_counters(o, {"fp32_flops", "fp16_flops"}, {{"fp16_flops", "not on this chip"}},
                     {{{"fp32_flops", 200.0}}, {}, {{"fp32_flops", 0.0}}}, "CUPTI");
  const ResultRecord r = make_record("net", o, RunContext{});
  EXPECT_DOUBLE_EQ(r.layers[0].counters.at("fp32_flops"), 200.0);
  EXPECT_EQ(r.layers[1].counters.count("fp32_flops"), 0u);
  EXPECT_DOUBLE_EQ(r.layers[2].counters.at("fp32_flops"), 0.0);  // a measured zero stays
  EXPECT_EQ(r.layers[0].counters.count("fp16_flops"), 0u);
  EXPECT_EQ(r.context.counters_unavailable.at("fp16_flops"), "not on this chip");
  EXPECT_DOUBLE_EQ(r.network.counters.at("fp32_flops"), 200.0);
  EXPECT_EQ(r.context.counter_provenance.at("fp32_flops"), "CUPTI");
  EXPECT_EQ(r.context.counter_provenance.count("fp16_flops"), 0u) << "unavailable: no provenance";
}

TEST(LayerCounterMerge, WorksWithoutCpuCountersAndKeepsExistingColumns) {
  ProfileOutcome o;
  o.layer_names = {"a", "b"};
  add_layer_counters(o, {"x", "x"}, {}, {{{"x", 1.0}}, {{"x", 2.0}}}, "first");
  ASSERT_EQ(o.counter_events, std::vector<std::string>{"x"});
  ASSERT_EQ(o.layer_counters.size(), 2u);
  EXPECT_DOUBLE_EQ(o.layer_counters[1][0], 2.0);
  add_layer_counters(o, {"x"}, {}, {{{"x", 9.0}}, {{"x", 9.0}}}, "second");
  EXPECT_DOUBLE_EQ(o.layer_counters[0][0], 1.0);
  EXPECT_EQ(o.counter_provenance.at("x"), "first");
}

}  // namespace
}  // namespace synergy
