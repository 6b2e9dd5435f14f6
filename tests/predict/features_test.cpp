#include "predict/features.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "graph/builder.hpp"
#include "predict/model.hpp"
#include "util/error.hpp"

namespace synergy::predict {
namespace {

// 1x3x8x8 -> conv 3x3 (3->4, pad 1) -> depthwise 3x3 (4 groups) -> fully connected 256->10.
Graph small_net() {
  GraphBuilder b("small", "test");
  ValueId x = b.input("data", Shape{1, 3, 8, 8});
  ConvAttrs conv;
  conv.out_channels = 4;
  conv.kernel = {3, 3};
  conv.pads = Pads::same(1);
  x = b.add1("conv1", conv, {x});
  ConvAttrs dw = conv;
  dw.groups = 4;
  x = b.add1("conv2_dw", dw, {x});
  FullyConnectedAttrs fc;
  fc.out_features = 10;
  x = b.add1("fc", fc, {x});
  return b.finish({x});
}

double value(const Dataset& d, const std::string& column, size_t row = 0) {
  return d.column(column).at(row);
}

TEST(Features, LayerRowsFollowThePaperMacDefinition) {
  Graph g = small_net();
  Dataset d = layer_features(g, analyze(g), "small");
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d.layer_type[0], "Conv");
  EXPECT_EQ(value(d, "macs", 0), 8 * 8 * 4 * 3 * 3 * 3);
  EXPECT_EQ(value(d, "macs", 1), 8 * 8 * 4 * 3 * 3 * 1);
  EXPECT_EQ(value(d, "depthwise", 0), 0.0);
  EXPECT_EQ(value(d, "depthwise", 1), 1.0);
  EXPECT_EQ(value(d, "depthwise_macs", 1), value(d, "macs", 1));
  EXPECT_EQ(value(d, "kernel_area", 0), 9.0);
  EXPECT_EQ(value(d, "groups", 1), 4.0);
  EXPECT_EQ(value(d, "macs", 2), 256 * 10);
  EXPECT_EQ(value(d, "batch", 2), 1.0);
}

TEST(Features, NetworkRowSumsPerType) {
  Graph g = small_net();
  Dataset d = network_features(g, analyze(g), "small");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(value(d, "conv_macs"), 6912 + 2304);
  EXPECT_EQ(value(d, "fullyconnected_macs"), 2560);
  EXPECT_EQ(value(d, "macs"), 6912 + 2304 + 2560);
  EXPECT_EQ(value(d, "depthwise_macs"), 2304);
  EXPECT_EQ(value(d, "conv_layers"), 2);
  EXPECT_EQ(value(d, "pool_macs"), 0);  // absent types are present as zero
  EXPECT_EQ(value(d, "layers"), 3);
}

TEST(Features, LinearModelOnAnalyticFeaturesPredictsALoadedGraph) {
  // energy = 2e-6 conv_macs, fitted on three synthetic rows, applied to the graph's features.
  Dataset train =
      make_dataset(parse_csv("network,conv_macs,energy\na,1e6,2\nb,2e6,4\nc,5e6,10\n", "t.csv"));
  ModelSpec spec;
  spec.name = "conv-macs";
  spec.stages = {{"energy", parse_terms("conv_macs"), false, false, {}}};
  Model m = fit_model(spec, train);
  Graph g = small_net();
  auto p = predict_networks(m, network_features(g, analyze(g), "small"));
  EXPECT_NEAR(p[0].value, 2e-6 * 9216, 1e-12);
}

}  // namespace
}  // namespace synergy::predict

namespace synergy::predict {
namespace {

TEST(Features, PerLayerRowsJoinAnalyticFeaturesByLayerName) {
  Dataset d =
      make_dataset(parse_csv("network,layer,layer_type,energy_mj\n"
                             "squeezenet,conv1,Conv,265\nsqueezenet,not_a_layer,Conv,1\n",
                             "l.csv"));
  join_network_features(d, 1);
  // SqueezeNet v1.0 conv1: 96 filters 7x7, stride 2, on 3x227x227 -> 111x111.
  EXPECT_EQ(d.column("macs")[0], 111.0 * 111 * 96 * 7 * 7 * 3);
  EXPECT_TRUE(std::isnan(d.column("macs")[1]));
  EXPECT_EQ(d.column("energy_mj")[0], 265.0);
}

TEST(Features, UnknownNetworkIsBadInput) {
  Dataset d = make_dataset(parse_csv("network,energy\nno_such_net,1\n", "n.csv"));
  try {
    join_network_features(d, 1);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
  }
}

}  // namespace
}  // namespace synergy::predict
