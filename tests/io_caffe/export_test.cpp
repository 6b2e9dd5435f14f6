#include <gtest/gtest.h>

#include "graph/builder.hpp"
#include "graph/cost.hpp"
#include "io/caffe/caffe.hpp"
#include "test_util.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

using testing::expect_same_costs;

Graph reimport(const Graph& g) {
  return import_caffe(export_caffe_prototxt(g), g.name + ".prototxt", {}, g.batch());
}

void expect_round_trip(const Graph& g) {
  const Graph back = reimport(g);
  expect_same_costs(analyze(g), analyze(back));
}

ConvAttrs conv(int64_t out, int64_t k, int64_t stride = 1, int64_t pad = 0, int64_t groups = 1) {
  ConvAttrs a;
  a.out_channels = out;
  a.kernel = {k, k};
  a.stride = {stride, stride};
  a.pads = Pads::same(pad);
  a.groups = groups;
  return a;
}

PoolAttrs pool(PoolKind kind, int64_t k, int64_t stride, int64_t pad = 0) {
  PoolAttrs a;
  a.kind = kind;
  a.kernel = {k, k};
  a.stride = {stride, stride};
  a.pads = Pads::same(pad);
  a.rounding = Rounding::Ceil;
  a.count_include_pad = kind == PoolKind::Average;
  return a;
}

// Every op Caffe can express, with awkward sizes.
Graph every_expressible_op() {
  GraphBuilder b("everything \"quoted\"", "test");
  ValueId x = b.input("in put", {2, 6, 13, 11});
  x = b.add1("conv", conv(12, 3, 2, 1, 3), {x});
  ConvAttrs odd = conv(12, 1);
  odd.kernel = {3, 1};
  odd.stride = {1, 2};
  odd.pads = {1, 0, 1, 0};
  odd.dilation = {2, 1};
  odd.has_bias = false;
  x = b.add1("odd", odd, {x});
  x = b.add1("bn", BatchNormAttrs{1e-3f}, {x});
  x = b.add1("scale", ScaleAttrs{false}, {x});
  x = b.add1("relu", ActivationAttrs{ActivationKind::Relu}, {x});
  x = b.add1("leaky", ActivationAttrs{ActivationKind::LeakyRelu, 0.2f}, {x});
  x = b.add1("relu6", ActivationAttrs{ActivationKind::Clip, 0.0f, 6.0f}, {x});
  x = b.add1("sig", ActivationAttrs{ActivationKind::Sigmoid}, {x});
  x = b.add1("tanh", ActivationAttrs{ActivationKind::Tanh}, {x});
  x = b.add1("silu", ActivationAttrs{ActivationKind::Silu}, {x});
  x = b.add1("lrn", LrnAttrs{3, 2e-4f, 0.5f, 1.0f, false}, {x});  // Caffe: k = 1 within a channel
  const auto parts = b.add("split", SplitAttrs{1, {5, 7}}, {x}, 2);
  const ValueId cat = b.add1("cat", ConcatAttrs{1}, {parts[1], parts[0]});
  const ValueId sum = b.add1("sum", BinaryAttrs{BinaryKind::Add}, {cat, x});
  const ValueId prod = b.add1("prod", BinaryAttrs{BinaryKind::Mul}, {sum, x});
  const ValueId mp = b.add1("maxpool", pool(PoolKind::Max, 3, 2), {prod});
  PoolAttrs floor = pool(PoolKind::Average, 2, 2, 1);
  floor.rounding = Rounding::Floor;
  const ValueId ap = b.add1("avgpool", floor, {mp});
  PoolAttrs global = pool(PoolKind::Average, 1, 1);
  global.global = true;
  const ValueId gp = b.add1("gap", global, {ap});
  ValueId y = b.add1("flat", FlattenAttrs{1}, {gp});
  y = b.add1("drop", DropoutAttrs{0.25f}, {y});
  y = b.add1("fc", FullyConnectedAttrs{10, false}, {y});
  y = b.add1("reshape", ReshapeAttrs{{0, 2, -1}}, {y});
  y = b.add1("softmax", SoftmaxAttrs{2}, {y});
  return b.finish({y});
}

TEST(CaffeExport, EveryExpressibleOpRoundTripsWithIdenticalCosts) {
  const Graph g = every_expressible_op();
  const Graph back = reimport(g);
  expect_same_costs(analyze(g), analyze(back));
  EXPECT_EQ(back.name, g.name);
  EXPECT_EQ(back.values[static_cast<size_t>(back.inputs[0])].name, "in put");
  EXPECT_EQ(back.nodes[3].name, "scale");  // the exported BatchNorm's own Scale folded back
}

TEST(CaffeExport, WritesCaffeLayerTypesAndParams) {
  const std::string text = export_caffe_prototxt(every_expressible_op());
  for (const char* part : {"input: \"in put\"",
                           "input_shape {\n  dim: 2\n  dim: 6\n",
                           "type: \"Convolution\"",
                           "group: 3",
                           "kernel_h: 3",
                           "kernel_w: 1",
                           "dilation: 2",
                           "type: \"BatchNorm\"",
                           "use_global_stats: true",
                           "name: \"bn_scale\"",
                           "negative_slope: 0.2",
                           "type: \"Clip\"",
                           "type: \"Swish\"",
                           "norm_region: WITHIN_CHANNEL",
                           "type: \"Slice\"",
                           "slice_point: 5",
                           "operation: PROD",
                           "round_mode: FLOOR",
                           "global_pooling: true",
                           "type: \"InnerProduct\"",
                           "bias_term: false",
                           "dim: -1",
                           "name: \"everything \\\"quoted\\\"\""}) {
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  }
}

TEST(CaffeExport, AlexNetSampleRoundTrips) {
  const Graph g = import_caffe_files(testing::caffe_sample_path("alexnet.prototxt"));
  expect_round_trip(g);
  const Graph block =
      import_caffe_files(testing::caffe_sample_path("resnet_block.prototxt"), "", 3);
  expect_round_trip(block);
}

TEST(CaffeExport, OpsCaffeCannotExpressAreNamed) {
  GraphBuilder b("modern", "test");
  ValueId x = b.input("data", {1, 4, 8, 8});
  x = b.add1("pad", PadAttrs{{0, 0, 1, 1, 0, 0, 1, 1}}, {x});
  x = b.add1("hswish", ActivationAttrs{ActivationKind::HardSwish}, {x});
  x = b.add1("shuffle", TransposeAttrs{{0, 1, 3, 2}}, {x});
  ConvAttrs asym = conv(4, 3);
  asym.pads = {0, 0, 1, 1};
  x = b.add1("asym", asym, {x});
  x = b.add1("lrn_k2", LrnAttrs{3, 1e-4f, 0.75f, 2.0f, false}, {x});
  x = b.add1("ok", ActivationAttrs{ActivationKind::Relu}, {x});
  const Graph g = b.finish({x});
  try {
    export_caffe_prototxt(g);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    const std::string what = e.what();
    for (const char* part : {"node 'pad' (Pad)", "node 'hswish' (Activation): HardSwish",
                             "node 'shuffle' (Transpose)", "node 'asym' (Conv): asymmetric",
                             "node 'lrn_k2' (LRN): within-channel LRN with k other than 1"}) {
      EXPECT_NE(what.find(part), std::string::npos) << part << " in " << what;
    }
    EXPECT_EQ(what.find("'ok'"), std::string::npos);
  }
}

TEST(CaffeExport, BroadcastingProductIsNotAnEltwise) {
  GraphBuilder b("se", "test");
  const ValueId x = b.input("data", {1, 4, 8, 8});
  PoolAttrs g = pool(PoolKind::Average, 1, 1);
  g.global = true;
  const ValueId s = b.add1("squeeze", g, {x});
  const ValueId y = b.add1("excite", BinaryAttrs{BinaryKind::Mul}, {x, s});
  EXPECT_THROW(export_caffe_prototxt(b.finish({y})), Error);
}

}  // namespace
}  // namespace synergy
