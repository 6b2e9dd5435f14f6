#include "result/json.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "result/sample_record.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

TEST(ResultJson, RoundTripsEveryField) {
  const ResultRecord r = testing::sample_record();
  const std::string text = result_to_json(r);
  const ResultRecord back = result_from_json(text);
  EXPECT_EQ(result_to_json(back), text);
  EXPECT_EQ(back.schema_version, kResultSchemaVersion);
  EXPECT_EQ(back.model, "tinynet");
  EXPECT_EQ(back.context.libraries.at("dnnl"), "3.0.0");
  EXPECT_EQ(back.context.openmp_wait, r.context.openmp_wait);
  EXPECT_DOUBLE_EQ(back.context.others_busy_cores, 1.25);
  EXPECT_EQ(back.context.counters_unavailable.at("cycles"), "hardware events not supported");
  EXPECT_EQ(back.context.counter_provenance.at("dram_bytes"),
            "measured counter (CUPTI range profiler)");
  ASSERT_EQ(back.layers.size(), 2u);
  ASSERT_TRUE(back.layers[0].energy.has_value());
  EXPECT_DOUBLE_EQ(back.layers[0].energy->energy_j, 0.3);
  EXPECT_EQ(back.layers[0].energy->samples, 310);
  EXPECT_FALSE(back.layers[1].energy.has_value());  // not measured stays absent, not zero
  EXPECT_EQ(back.layers[0].algorithm, "winograd");
  EXPECT_EQ(back.layers[1].algorithm, "");
  EXPECT_DOUBLE_EQ(back.layers[0].time_ns.ci95, r.layers[0].time_ns.ci95);
  ASSERT_TRUE(back.network.energy_j.has_value());
  EXPECT_EQ(back.network.energy_j->count, 12);
  EXPECT_EQ(back.network.error_vs_fp32, 3.5e-3);
  ASSERT_TRUE(back.closure.has_value());
  EXPECT_DOUBLE_EQ(back.closure->difference_pct, -28.57);
  ASSERT_TRUE(back.overhead_pct.has_value());
  EXPECT_DOUBLE_EQ(*back.overhead_pct, 0.8);
  EXPECT_TRUE(std::isnan(back.layers[0].energy->power_uncertainty_w));  // NaN travels as null
  EXPECT_TRUE(back.energy_measured());
  ASSERT_EQ(back.cpu_share.size(), 2u);
  EXPECT_EQ(back.cpu_share[0].phase, "network");
  EXPECT_DOUBLE_EQ(*back.cpu_share[0].share.wait_fraction(), 0.25);
  EXPECT_EQ(back.cpu_share[0].share.involuntary_switches, 300);
  EXPECT_FALSE(back.cpu_share[1].share.ran_ns.has_value());  // not reported stays absent
  EXPECT_FALSE(back.cpu_share[1].share.pressure.has_value());
}

TEST(ResultJson, AbsentEnergyRoundTrips) {
  ResultRecord r = testing::sample_record();
  r.network.energy_j.reset();
  r.closure.reset();
  r.context.energy_provenance.reset();
  r.context.energy_unavailable_reason = "no sensor found";
  r.partial = true;
  r.context.others_busy_cores = -1.0;  // the load was not measured
  r.network.error_vs_fp32.reset();     // fp32: no error stated
  const std::string text = result_to_json(r);
  EXPECT_NE(text.find("\"relative_l2_error_vs_fp32\": null"), std::string::npos);
  EXPECT_NE(text.find("\"others_busy_cores\": null"), std::string::npos);
  const ResultRecord back = result_from_json(text);
  EXPECT_LT(back.context.others_busy_cores, 0.0);
  EXPECT_FALSE(back.network.energy_j.has_value());
  EXPECT_FALSE(back.network.error_vs_fp32.has_value());
  EXPECT_FALSE(back.closure.has_value());
  EXPECT_FALSE(back.energy_measured());
  EXPECT_TRUE(back.partial);
  EXPECT_EQ(back.context.energy_unavailable_reason, "no sensor found");
}

TEST(ResultJson, RejectsNewerSchemaAndMalformedText) {
  ResultRecord r = testing::sample_record();
  r.schema_version = kResultSchemaVersion + 1;
  EXPECT_THROW(result_from_json(result_to_json(r)), Error);
  EXPECT_THROW(result_from_json("{\"schema_version\": 1"), Error);
  EXPECT_THROW(result_from_json("{\"schema_version\": 1}"), Error);
}

// Provenance, attribution method and stop reason are read by their one spelling; another is bad
// input naming the value, not a silent default.
TEST(ResultJson, EnumsTravelByTheirOneSpelling) {
  const std::string text = result_to_json(testing::sample_record());
  EXPECT_NE(text.find("\"energy_provenance\": \"energy_counter\""), std::string::npos);
  EXPECT_NE(text.find("\"attribution\": \"trace\""), std::string::npos);
  EXPECT_NE(text.find("\"stop_reason\": \"confidence target reached\""), std::string::npos);
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  struct Misspelt {
    std::string from, to, named;
  };
  for (const auto& m : std::vector<Misspelt>{
           {"energy_counter", "energy-counter", "'energy-counter'"},
           {"\"attribution\": \"trace\"", "\"attribution\": \"magic\"", "'magic'"},
           {"confidence target reached", "tired", "'tired'"}}) {
    try {
      result_from_json(replaced(m.from, m.to));
      ADD_FAILURE() << m.to << " was read";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::BadInput) << e.what();
      EXPECT_NE(std::string(e.what()).find(m.named), std::string::npos) << e.what();
    }
  }
  ResultRecord none = testing::sample_record();
  none.attribution.reset();
  none.context.energy_provenance.reset();
  const ResultRecord back = result_from_json(result_to_json(none));
  EXPECT_FALSE(back.attribution.has_value());
  EXPECT_FALSE(back.context.energy_provenance.has_value());
}

}  // namespace
}  // namespace synergy
