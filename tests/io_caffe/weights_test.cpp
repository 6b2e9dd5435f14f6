#include <gtest/gtest.h>
#include <fstream>

#include "io/caffe/caffe.hpp"
#include "test_util.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

namespace pb = testing::pb;
using testing::node_named;

const std::string kNet = R"(
input: "data" input_shape { dim: 1 dim: 2 dim: 3 dim: 3 }
layer { name: "conv" type: "Convolution" bottom: "data" top: "conv"
        convolution_param { num_output: 2 kernel_size: 2 } }
layer { name: "bn" type: "BatchNorm" bottom: "conv" top: "conv" }
layer { name: "sc" type: "Scale" bottom: "conv" top: "conv" scale_param { bias_term: true } }
layer { name: "fc" type: "InnerProduct" bottom: "conv" top: "fc"
        inner_product_param { num_output: 3 transpose: true bias_term: false } }
)";

std::vector<float> iota(size_t n, float start) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = start + static_cast<float>(i);
  return v;
}

std::string model() {
  return pb::layer("conv", {pb::blob({2, 2, 2, 2}, iota(16, 0)), pb::blob({2}, {0.5f, -0.5f})}) +
         pb::layer("bn", {pb::blob({2}, {4, 8}), pb::blob({2}, {2, 6}), pb::blob({1}, {2})}) +
         pb::layer("sc", {pb::blob({2}, {3, 5}), pb::blob({2}, {7, 9})}) +
         pb::layer("fc", {pb::blob({8, 3}, iota(24, 100))}) +  // stored [in, out]
         pb::layer("loss", {pb::blob({1}, {1})});              // not in the deploy net
}

TEST(CaffeWeights, BlobsRoundTripIntoParams) {
  Graph g = import_caffe(kNet, "w.prototxt", model());
  const Node& conv = node_named(g, "conv");
  EXPECT_EQ(conv.param("weight")->data, iota(16, 0));
  EXPECT_EQ(conv.param("bias")->data, (std::vector<float>{0.5f, -0.5f}));
  const Node& bn = node_named(g, "bn");                           // BatchNorm with its folded Scale
  EXPECT_EQ(bn.param("mean")->data, (std::vector<float>{2, 4}));  // divided by 2
  EXPECT_EQ(bn.param("variance")->data, (std::vector<float>{1, 3}));  // divided by 2
  EXPECT_EQ(bn.param("scale")->data, (std::vector<float>{3, 5}));
  EXPECT_EQ(bn.param("bias")->data, (std::vector<float>{7, 9}));
  // transpose: true stores W^T; our weight is [out=3, in=8]: weight[o][i] = stored[i][o].
  const auto& w = node_named(g, "fc").param("weight")->data;
  ASSERT_EQ(w.size(), 24u);
  for (int o = 0; o < 3; ++o)
    for (int i = 0; i < 8; ++i) EXPECT_EQ(w[static_cast<size_t>(o * 8 + i)], 100.0f + i * 3 + o);
  EXPECT_EQ(node_named(g, "fc").param("bias"), nullptr);
  EXPECT_TRUE(g.params_loaded());
}

TEST(CaffeWeights, ZeroScaleFactorZeroesTheStatistics) {
  const std::string m =
      pb::layer("bn", {pb::blob({2}, {4, 8}), pb::blob({2}, {2, 6}), pb::blob({1}, {0})});
  Graph g = import_caffe(kNet, "w.prototxt", m);
  EXPECT_EQ(node_named(g, "bn").param("mean")->data, (std::vector<float>{0, 0}));
}

TEST(CaffeWeights, LegacyShapesAndV1Layers) {
  const std::string net = R"(input: "data" input_dim: 1 input_dim: 4 input_dim: 1 input_dim: 1
    layers { name: "ip" type: INNER_PRODUCT bottom: "data" top: "ip"
             inner_product_param { num_output: 2 } })";
  const std::string m = pb::v1_layer(
      "ip", {pb::legacy_blob({1, 1, 2, 4}, iota(8, 1)), pb::legacy_blob({1, 1, 1, 2}, {9, 10})});
  Graph g = import_caffe(net, "v1.prototxt", m);
  EXPECT_EQ(node_named(g, "ip").param("weight")->data, iota(8, 1));
  EXPECT_EQ(node_named(g, "ip").param("bias")->data, (std::vector<float>{9, 10}));
  EXPECT_TRUE(g.params_loaded());
}

TEST(CaffeWeights, MismatchesNameTheLayerAndTheWeightsOrigin) {
  auto error_for = [](const std::string& m) -> std::string {
    try {
      import_caffe(kNet, "w.prototxt", m);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::BadInput);
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(
      error_for(pb::layer("conv", {pb::blob({2, 2, 3, 3}, iota(36, 0)), pb::blob({2}, {0, 0})})),
      "w.prototxt weights: layer 'conv' (Convolution): blob 0 (weight) has shape 2x2x3x3, "
      "expected 2x2x2x2");
  EXPECT_EQ(error_for(pb::layer("conv", {pb::blob({2, 2, 2, 2}, iota(16, 0))})),
            "w.prototxt weights: layer 'conv' (Convolution): weights have 1 blobs, expected 2");
  const std::string good = model();
  for (size_t n = 1; n < good.size(); n += 5) {
    const std::string r = error_for(good.substr(0, n));
    EXPECT_EQ(r.rfind("w.prototxt weights", 0) == 0 || r == "no error", true) << r;
  }
}

TEST(CaffeWeights, WeightsFromFiles) {
  const std::string dir = ::testing::TempDir();
  const std::string proto = dir + "/w.prototxt", weights = dir + "/w.caffemodel";
  {
    std::ofstream(proto) << kNet;
    std::ofstream(weights, std::ios::binary) << model();
  }
  Graph g = import_caffe_files(proto, weights);
  EXPECT_EQ(node_named(g, "conv").param("weight")->data, iota(16, 0));
  EXPECT_THROW(import_caffe_files(dir + "/missing.prototxt"), Error);
  EXPECT_THROW(import_caffe_files(proto, dir + "/missing.caffemodel"), Error);
}

}  // namespace
}  // namespace synergy
