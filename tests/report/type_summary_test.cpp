// The per-layer-type summary: sums, kernels, energy coverage, order and top-K, and where it shows.
#include "result/type_summary.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "report/table.hpp"
#include "result/json.hpp"
#include "result/sample_record.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

std::vector<TypedLayer> layers() {
  return {
      {"Conv", 2.0, 0.50, 0.02, true},          // conv1
      {"Relu", 0.0, std::nullopt, 0.0, false},  // fused into conv1
      {"Conv", 3.0, std::nullopt, 0.0, true},   // not attributed
      {"Pool", 1.0, 0.10, 0.01, true},
      {"Reshape", 0.0, std::nullopt, 0.0, false},  // a view
      {"Conv", 4.0, 1.00, 0.03, true},
  };
}

TEST(TypeSummary, SumsTimeAndEnergyPerTypeAndCountsWhatHasNone) {
  const auto types = summarize_by_type(layers(), TypeOrder::Time);
  ASSERT_EQ(types.size(), 4u);
  const TypeSummary& conv = types[0];
  EXPECT_EQ(conv.type, "Conv");
  EXPECT_EQ(conv.layers, 3);
  EXPECT_EQ(conv.kernels, 3);
  EXPECT_DOUBLE_EQ(conv.time_ms, 9.0);
  EXPECT_DOUBLE_EQ(conv.time_share, 0.9);
  ASSERT_TRUE(conv.energy_mj.has_value());
  EXPECT_DOUBLE_EQ(*conv.energy_mj, 1.5);
  EXPECT_DOUBLE_EQ(conv.energy_uncertainty_mj, 0.05);
  EXPECT_EQ(conv.without_energy, 1);
  const TypeSummary& relu = types[2].type == "Relu" ? types[2] : types[3];
  EXPECT_EQ(relu.kernels, 0);
  EXPECT_FALSE(relu.energy_mj.has_value());  // absent, never a zero
  EXPECT_EQ(relu.without_energy, 0);         // fused: its energy is its host's
}

TEST(TypeSummary, OrdersByTheAskedKeyAndKeepsTheTopK) {
  auto by_energy = summarize_by_type(layers(), TypeOrder::Energy, 2);
  ASSERT_EQ(by_energy.size(), 2u);
  EXPECT_EQ(by_energy[0].type, "Conv");
  EXPECT_EQ(by_energy[1].type, "Pool");
  auto by_layers = summarize_by_type(layers(), TypeOrder::Layers, 1);
  ASSERT_EQ(by_layers.size(), 1u);
  EXPECT_EQ(by_layers[0].type, "Conv");
  EXPECT_EQ(summarize_by_type(layers(), TypeOrder::Time, 0).size(), 4u);
  EXPECT_EQ(summarize_by_type(layers(), TypeOrder::Time, 99).size(), 4u);
  EXPECT_EQ(parse_type_order("energy"), TypeOrder::Energy);
  EXPECT_THROW(parse_type_order("power"), Error);
}

TEST(TypeSummary, RecordLayersCountFusedAndViewsAsNoKernel) {
  ResultRecord r = testing::sample_record();
  r.layers[1].fused_into = r.layers[0].name;
  const auto t = typed_layers(r);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_TRUE(t[0].own_kernel);
  EXPECT_DOUBLE_EQ(t[0].time_ms, 1.5);
  ASSERT_TRUE(t[0].energy_mj.has_value());
  EXPECT_DOUBLE_EQ(*t[0].energy_mj, 300.0);
  EXPECT_FALSE(t[1].own_kernel);
  EXPECT_EQ(t[1].time_ms, 0.0);
}

TEST(TypeSummary, TheTableListsTheTopTypesAndJsonAllOfThem) {
  const ResultRecord r = testing::sample_record();
  std::ostringstream table;
  write_table(table, r, {1, TypeOrder::Time});
  const std::string text = table.str();
  EXPECT_NE(text.find("by layer type (1 of 2 types, by time"), std::string::npos) << text;
  const auto section = text.substr(text.find("by layer type"));
  EXPECT_NE(section.find("Conv"), std::string::npos);
  EXPECT_EQ(section.find("Relu "), std::string::npos) << section;
  const auto j = nlohmann::json::parse(result_to_json(r));
  ASSERT_EQ(j.at("by_type").size(), 2u);
  EXPECT_EQ(j["by_type"][0]["type"], "Conv");
  EXPECT_DOUBLE_EQ(j["by_type"][0]["energy_j"].get<double>(), 0.3);
  EXPECT_TRUE(j["by_type"][1]["energy_j"].is_null());  // Relu: no energy
  EXPECT_EQ(j["by_type"][1]["kernels_without_energy"], 1);
}

}  // namespace
}  // namespace synergy
