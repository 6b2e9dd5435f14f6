// Expects two analyses of the same network (e.g. before and after an export round trip) to agree
// layer by layer, in totals and per layer type.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "graph/cost.hpp"

namespace synergy::testing {

inline void expect_same_cost(const LayerCost& a, const LayerCost& b, const std::string& where) {
  EXPECT_EQ(a.macs, b.macs) << where;
  EXPECT_EQ(a.flops, b.flops) << where;
  EXPECT_EQ(a.params, b.params) << where;
  EXPECT_EQ(a.weight_bytes, b.weight_bytes) << where;
  EXPECT_EQ(a.input_bytes, b.input_bytes) << where;
  EXPECT_EQ(a.output_bytes, b.output_bytes) << where;
}

// `label` names the network in failure messages.
inline void expect_same_costs(const NetworkCost& expected, const NetworkCost& actual,
                              const std::string& label = "") {
  ASSERT_EQ(expected.layers.size(), actual.layers.size()) << label;
  for (size_t i = 0; i < expected.layers.size(); ++i) {
    const auto& e = expected.layers[i];
    const auto& a = actual.layers[i];
    const std::string where = label + " layer " + std::to_string(i) + " '" + e.name + "'";
    EXPECT_EQ(e.name, a.name) << where;
    EXPECT_EQ(e.type, a.type) << where;
    EXPECT_EQ(e.detail, a.detail) << where;
    EXPECT_EQ(e.out_shape, a.out_shape) << where;
    expect_same_cost(e.cost, a.cost, where);
  }
  expect_same_cost(expected.total, actual.total, label + " total");
  ASSERT_EQ(expected.by_type.size(), actual.by_type.size()) << label;
  for (size_t i = 0; i < expected.by_type.size(); ++i) {
    EXPECT_EQ(expected.by_type[i].type, actual.by_type[i].type) << label;
    EXPECT_EQ(expected.by_type[i].layers, actual.by_type[i].layers) << label;
  }
}

}  // namespace synergy::testing
