#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "graph/cost.hpp"
#include "io/caffe/caffe.hpp"
#include "test_util.hpp"

namespace synergy {
namespace {

using testing::caffe_sample_path;
using testing::conv_macs;
using testing::has_node;
using testing::node_named;

Graph alexnet(int64_t batch = 1) {
  return import_caffe_files(caffe_sample_path("alexnet.prototxt"), "", batch);
}

const Shape& out_shape(const Graph& g, const std::string& node) {
  return g.shape(node_named(g, node).outputs.at(0));
}

// A minimal net around one layer: input 1x<c>x<h>x<w>, then `body`.
Graph net(const std::string& body, const std::string& input = "1 3 8 8") {
  std::istringstream in(input);
  std::string dims;
  for (std::string d; in >> d;) dims += " dim: " + d;
  return import_caffe("input: \"data\" input_shape {" + dims + " }\n" + body, "t.prototxt");
}

TEST(CaffeImport, AlexNetShapesFollowThePaper) {
  const Graph g = alexnet();
  EXPECT_EQ(g.shape(g.inputs.at(0)), (Shape{1, 3, 227, 227}));
  EXPECT_EQ(out_shape(g, "conv1"), (Shape{1, 96, 55, 55}));
  EXPECT_EQ(out_shape(g, "pool1"), (Shape{1, 96, 27, 27}));
  EXPECT_EQ(out_shape(g, "conv2"), (Shape{1, 256, 27, 27}));
  EXPECT_EQ(out_shape(g, "pool2"), (Shape{1, 256, 13, 13}));
  EXPECT_EQ(out_shape(g, "conv5"), (Shape{1, 256, 13, 13}));
  EXPECT_EQ(out_shape(g, "pool5"), (Shape{1, 256, 6, 6}));
  EXPECT_EQ(out_shape(g, "fc6"), (Shape{1, 4096}));
  EXPECT_EQ(out_shape(g, "prob"), (Shape{1, 1000}));
  EXPECT_EQ(node_named(g, "conv2").as<ConvAttrs>().groups, 2);
  ASSERT_EQ(g.outputs.size(), 1u);
  EXPECT_EQ(g.values[static_cast<size_t>(g.outputs[0])].name, "prob");
}

TEST(CaffeImport, AlexNetCostsMatchPublishedFigures) {
  const Graph g = alexnet();
  EXPECT_EQ(conv_macs(g), 665'784'864);  // SyNERGY paper: AlexNet's five conv layers
  const NetworkCost c = analyze(g);
  EXPECT_EQ(c.total.params, 60'965'224);  // BVLC AlexNet parameter count
  int64_t fc = 0;
  for (const auto& row : c.layers)
    if (row.type == "FullyConnected") fc += row.cost.macs;
  EXPECT_EQ(fc, 9216 * 4096 + 4096 * 4096 + 4096 * 1000);
}

TEST(CaffeImport, BatchOverridesTheDeclaredBatch) {
  const Graph g = alexnet(4);
  EXPECT_EQ(g.batch(), 4);
  EXPECT_EQ(conv_macs(g), 4 * 665'784'864LL);
}

TEST(CaffeImport, InPlaceLayersBecomeDistinctValues) {
  const Graph g = alexnet();
  std::set<std::string> names;
  for (const auto& v : g.values) EXPECT_TRUE(names.insert(v.name).second) << v.name;
  const Node& relu1 = node_named(g, "relu1");
  EXPECT_EQ(relu1.inputs[0], node_named(g, "conv1").outputs[0]);
  EXPECT_EQ(node_named(g, "norm1").inputs[0], relu1.outputs[0]);
  EXPECT_EQ(node_named(g, "fc7").inputs[0], node_named(g, "drop6").outputs[0]);
}

TEST(CaffeImport, ThreeInputSpellingsGiveTheSameGraph) {
  const std::string body = R"(layer { name: "c" type: "Convolution" bottom: "data" top: "c"
    convolution_param { num_output: 4 kernel_size: 3 } })";
  const Graph a = import_caffe(
      "input: 'data' input_dim: 2 input_dim: 3 input_dim: 9 input_dim: 9\n" + body, "a", {}, 2);
  const Graph b = import_caffe("input: 'data' input_shape { dim: 2 dim: 3 dim: 9 dim: 9 }\n" + body,
                               "b", {}, 2);
  const Graph c = import_caffe(
      "layer { name: 'in' type: 'Input' top: 'data' input_param { shape { dim: 1 dim: 3 dim: 9 "
      "dim: 9 } } }\n" +
          body,
      "c", {}, 2);
  for (const Graph* g : {&a, &b, &c}) {
    EXPECT_EQ(out_shape(*g, "c"), (Shape{2, 4, 7, 7}));
  }
}

TEST(CaffeImport, LegacyV1LayersAndTrainOnlyLayers) {
  const Graph g = import_caffe_files(caffe_sample_path("lenet_v1.prototxt"));
  EXPECT_FALSE(has_node(g, "mnist"));
  EXPECT_EQ(out_shape(g, "conv1"), (Shape{1, 20, 24, 24}));
  EXPECT_EQ(out_shape(g, "pool2"), (Shape{1, 50, 4, 4}));
  EXPECT_EQ(out_shape(g, "ip2"), (Shape{1, 10}));
  EXPECT_EQ(conv_macs(g), 24 * 24 * 20 * 25 + 8 * 8 * 50 * 25 * 20);
}

TEST(CaffeImport, ConvolutionParameterSpellings) {
  const Graph g = net(R"(layer { name: "c" type: "Convolution" bottom: "data" top: "c"
    convolution_param { num_output: 6 kernel_h: 3 kernel_w: 5 stride_h: 2 stride_w: 1
      pad_h: 1 pad_w: 2 group: 3 dilation: 2 bias_term: false } })",
                      "1 3 9 9");
  const auto& a = node_named(g, "c").as<ConvAttrs>();
  EXPECT_EQ(a.kernel, (Hw{3, 5}));
  EXPECT_EQ(a.stride, (Hw{2, 1}));
  EXPECT_EQ(a.pads, (Pads{1, 2, 1, 2}));
  EXPECT_EQ(a.dilation, (Hw{2, 2}));
  EXPECT_EQ(a.groups, 3);
  EXPECT_FALSE(a.has_bias);
  // h: (9 + 2 - 5) / 2 + 1 = 4; w: (9 + 4 - 9) / 1 + 1 = 5
  EXPECT_EQ(out_shape(g, "c"), (Shape{1, 6, 4, 5}));
  const Graph two = net(R"(layer { name: "c" type: "Convolution" bottom: "data" top: "c"
    convolution_param { num_output: 2 kernel_size: 3 kernel_size: 1 pad: 1 pad: 0 } })");
  EXPECT_EQ(node_named(two, "c").as<ConvAttrs>().kernel, (Hw{3, 1}));
  EXPECT_EQ(out_shape(two, "c"), (Shape{1, 2, 8, 8}));
}

TEST(CaffeImport, PoolingRoundsUpLikeCaffe) {
  const std::string layer = R"(layer { name: "p" type: "Pooling" bottom: "data" top: "p"
    pooling_param { pool: MAX kernel_size: 3 stride: 2 )";
  EXPECT_EQ(out_shape(net(layer + "} }", "1 64 112 112"), "p"), (Shape{1, 64, 56, 56}));
  EXPECT_EQ(out_shape(net(layer + "round_mode: FLOOR } }", "1 64 112 112"), "p"),
            (Shape{1, 64, 55, 55}));
  const Graph avg = net(R"(layer { name: "p" type: "Pooling" bottom: "data" top: "p"
    pooling_param { pool: AVE kernel_size: 3 stride: 1 pad: 1 } })");
  EXPECT_TRUE(node_named(avg, "p").as<PoolAttrs>().count_include_pad);
  EXPECT_EQ(node_named(avg, "p").as<PoolAttrs>().kind, PoolKind::Average);
  const Graph global = net(R"(layer { name: "p" type: "Pooling" bottom: "data" top: "p"
    pooling_param { pool: 1 global_pooling: true } })");
  EXPECT_TRUE(node_named(global, "p").as<PoolAttrs>().global);
  EXPECT_EQ(out_shape(global, "p"), (Shape{1, 3, 1, 1}));
}

TEST(CaffeImport, ActivationsAndLrn) {
  const Graph g = net(R"(
    layer { name: "leaky" type: "ReLU" bottom: "data" top: "data" relu_param { negative_slope: 0.1 } }
    layer { name: "sig" type: "Sigmoid" bottom: "data" top: "data" }
    layer { name: "th" type: "TanH" bottom: "data" top: "data" }
    layer { name: "clip" type: "Clip" bottom: "data" top: "data" clip_param { min: 0 max: 6 } }
    layer { name: "sw" type: "Swish" bottom: "data" top: "data" }
    layer { name: "lrn" type: "LRN" bottom: "data" top: "lrn"
      lrn_param { local_size: 3 alpha: 0.5 beta: 0.25 k: 2 norm_region: WITHIN_CHANNEL } })");
  const auto& leaky = node_named(g, "leaky").as<ActivationAttrs>();
  EXPECT_EQ(leaky.kind, ActivationKind::LeakyRelu);
  EXPECT_FLOAT_EQ(leaky.alpha, 0.1f);
  EXPECT_EQ(node_named(g, "sig").as<ActivationAttrs>().kind, ActivationKind::Sigmoid);
  EXPECT_EQ(node_named(g, "th").as<ActivationAttrs>().kind, ActivationKind::Tanh);
  EXPECT_EQ(node_named(g, "clip").as<ActivationAttrs>().kind, ActivationKind::Clip);
  EXPECT_FLOAT_EQ(node_named(g, "clip").as<ActivationAttrs>().beta, 6.0f);
  EXPECT_EQ(node_named(g, "sw").as<ActivationAttrs>().kind, ActivationKind::Silu);
  const auto& lrn = node_named(g, "lrn").as<LrnAttrs>();
  EXPECT_EQ(lrn.size, 3);
  EXPECT_FLOAT_EQ(lrn.alpha, 0.5f);
  EXPECT_FLOAT_EQ(lrn.beta, 0.25f);
  EXPECT_FLOAT_EQ(lrn.bias, 1.0f);  // Caffe ignores k within a channel
  EXPECT_FALSE(lrn.across_channels);
}

TEST(CaffeImport, BatchNormFoldsItsScale) {
  const Graph g = import_caffe_files(caffe_sample_path("resnet_block.prototxt"));
  EXPECT_TRUE(has_node(g, "bn_branch2a"));
  EXPECT_FALSE(has_node(g, "scale_branch2a"));
  int scales = 0;
  for (const auto& n : g.nodes) scales += n.kind() == OpKind::Scale;
  EXPECT_EQ(scales, 0);
  EXPECT_EQ(out_shape(g, "branch2a"), (Shape{1, 64, 28, 28}));
  EXPECT_EQ(out_shape(g, "res"), (Shape{1, 256, 28, 28}));
  EXPECT_EQ(node_named(g, "res").as<BinaryAttrs>().kind, BinaryKind::Add);
  EXPECT_EQ(conv_macs(g), 28 * 28 * (256 * 64 + 64 * 64 + 64 * 9 * 64 + 256 * 64));
  // The folded Scale's affine params stay unloaded (seeded later); the statistics too.
  EXPECT_TRUE(node_named(g, "bn_branch2a").param("scale")->data.empty());
}

TEST(CaffeImport, LoneBatchNormHasIdentityAffine) {
  const Graph g = net(R"(layer { name: "bn" type: "BatchNorm" bottom: "data" top: "data"
    batch_norm_param { eps: 0.001 } })");
  const Node& bn = node_named(g, "bn");
  EXPECT_FLOAT_EQ(bn.as<BatchNormAttrs>().epsilon, 0.001f);
  EXPECT_EQ(bn.param("scale")->data, std::vector<float>(3, 1.0f));
  EXPECT_EQ(bn.param("bias")->data, std::vector<float>(3, 0.0f));
  EXPECT_TRUE(bn.param("mean")->data.empty());
}

TEST(CaffeImport, SplitAliasesAndSliceSplits) {
  const Graph g = net(R"(
    layer { name: "split" type: "Split" bottom: "data" top: "a" top: "b" }
    layer { name: "sum" type: "Eltwise" bottom: "a" bottom: "b" bottom: "a" top: "sum"
            eltwise_param { operation: PROD } }
    layer { name: "slice" type: "Slice" bottom: "data" top: "s1" top: "s2" top: "s3"
            slice_param { axis: 1 slice_point: 1 slice_point: 2 } }
    layer { name: "halves" type: "Slice" bottom: "data" top: "h1" top: "h2"
            slice_param { axis: 2 } }
    layer { name: "cat" type: "Concat" bottom: "s3" bottom: "s1" top: "cat"
            concat_param { concat_dim: 1 } })");
  EXPECT_FALSE(has_node(g, "split"));
  const Node& last = node_named(g, "sum");
  EXPECT_EQ(last.as<BinaryAttrs>().kind, BinaryKind::Mul);
  EXPECT_EQ(node_named(g, "sum/1").inputs, (std::vector<ValueId>{g.inputs[0], g.inputs[0]}));
  EXPECT_EQ(node_named(g, "slice").as<SplitAttrs>().sizes, (Dims{1, 1, 1}));
  EXPECT_EQ(node_named(g, "halves").as<SplitAttrs>().sizes, (Dims{4, 4}));
  EXPECT_EQ(out_shape(g, "cat"), (Shape{1, 2, 8, 8}));
}

TEST(CaffeImport, FlattenReshapeSoftmaxDropout) {
  const Graph g = net(R"(
    layer { name: "flat" type: "Flatten" bottom: "data" top: "flat" }
    layer { name: "drop" type: "Dropout" bottom: "flat" top: "flat" dropout_param { dropout_ratio: 0.3 } }
    layer { name: "re" type: "Reshape" bottom: "flat" top: "re" reshape_param { shape { dim: 0 dim: -1 dim: 4 } } }
    layer { name: "sm" type: "Softmax" bottom: "re" top: "sm" softmax_param { axis: 2 } })");
  EXPECT_EQ(out_shape(g, "flat"), (Shape{1, 192}));
  EXPECT_FLOAT_EQ(node_named(g, "drop").as<DropoutAttrs>().ratio, 0.3f);
  EXPECT_EQ(out_shape(g, "re"), (Shape{1, 48, 4}));
  EXPECT_EQ(node_named(g, "sm").as<SoftmaxAttrs>().axis, 2);
}

TEST(CaffeImport, UnconsumedValuesAreTheOutputs) {
  const Graph g = net(R"(
    layer { name: "a" type: "ReLU" bottom: "data" top: "a" }
    layer { name: "b" type: "Sigmoid" bottom: "data" top: "b" })");
  ASSERT_EQ(g.outputs.size(), 2u);
  EXPECT_EQ(g.values[static_cast<size_t>(g.outputs[0])].name, "a");
  EXPECT_EQ(g.values[static_cast<size_t>(g.outputs[1])].name, "b");
}

}  // namespace
}  // namespace synergy
