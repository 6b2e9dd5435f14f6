#include <gtest/gtest.h>

#include "measure/gpu_counters/range_names.hpp"

namespace synergy {
namespace {

const std::vector<std::string> kLayers = {
    "conv1", "conv1_1", "", "fire2/squeeze1x1", "conv1", "relu", "a", "b", "c", "d", "conv10"};

TEST(RangeNames, EveryLayerMapsBackToItself) {
  for (size_t i = 0; i < kLayers.size(); ++i) {
    const auto layer = layer_of_range(range_name_for(i, kLayers[i]), kLayers);
    ASSERT_TRUE(layer.has_value()) << range_name_for(i, kLayers[i]);
    EXPECT_EQ(*layer, i);
  }
}

TEST(RangeNames, SameNameAndSameNamePrefixStayApart) {
  // "conv1" appears twice and is a prefix of "conv1_1": the index keeps them apart.
  EXPECT_EQ(layer_of_range("0:conv1", kLayers), 0u);
  EXPECT_EQ(layer_of_range("4:conv1", kLayers), 4u);
  EXPECT_EQ(layer_of_range("1:conv1_1", kLayers), 1u);
  // Index 1 and 10 share a prefix in text too.
  EXPECT_EQ(layer_of_range("10:conv10", kLayers), 10u);
  EXPECT_FALSE(layer_of_range("1:conv10", kLayers).has_value());
}

TEST(RangeNames, UnnamedLayerHasANonEmptyRangeName) {
  EXPECT_EQ(range_name_for(2, ""), "2:");
  EXPECT_EQ(layer_of_range("2:", kLayers), 2u);
  EXPECT_FALSE(layer_of_range("2:x", kLayers).has_value());
}

TEST(RangeNames, NestingDelimiterIsReplaced) {
  const std::string name = range_name_for(3, "fire2/squeeze1x1");
  EXPECT_EQ(name.find('/'), std::string::npos);
  EXPECT_EQ(layer_of_range(name, kLayers), 3u);
}

TEST(RangeNames, TruncatedNameStillMatchesItsLayer) {
  EXPECT_EQ(layer_of_range("1:conv1_", kLayers), 1u);
  EXPECT_FALSE(layer_of_range("1:conv2", kLayers).has_value());
}

TEST(RangeNames, RangesThatMatchNoLayer) {
  for (const char* name : {"", "conv1", ":conv1", "11:x", "99:conv1", "x1:conv1", "00:conv1",
                           "-1:conv1", "0", "0 :conv1", "inference", "1234567890:conv1"})
    EXPECT_FALSE(layer_of_range(name, kLayers).has_value()) << name;
}

}  // namespace
}  // namespace synergy
