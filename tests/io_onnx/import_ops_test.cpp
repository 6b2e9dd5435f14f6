// Op-by-op import tests on models built in code; expected values are worked out by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "graph/cost.hpp"
#include "io/onnx/onnx.hpp"
#include "onnx_maker.hpp"

namespace synergy {
namespace {

using testing::attr;
using testing::OnnxMaker;

Graph load(const OnnxMaker& m, OnnxImportOptions options = {}) {
  return import_onnx_bytes(m.bytes(), "test.onnx", options);
}

const Node& node_named(const Graph& g, const std::string& name) {
  for (const auto& n : g.nodes)
    if (n.name == name) return n;
  throw std::runtime_error("no node " + name);
}

const Shape& out_shape(const Graph& g, const std::string& node) {
  return g.shape(node_named(g, node).outputs[0]);
}

TEST(OnnxImport, ConvSameUpperPadsAndMacs) {
  OnnxMaker m;
  m.input("x", {1, 3, 7, 7}).floats("w", {8, 3, 3, 3}).floats("b", {8});
  auto& c = m.node("Conv", {"x", "w", "b"}, {"y"});
  attr(c, "strides", std::vector<int64_t>{2, 2});
  attr(c, "auto_pad", std::string("SAME_UPPER"));
  m.output("y");
  const Graph g = load(m);
  const auto& a = g.nodes[0].as<ConvAttrs>();
  // out = ceil(7/2) = 4; total pad = (4-1)*2 + 3 - 7 = 2 -> 1 before, 1 after.
  EXPECT_EQ(a.pads, (Pads{1, 1, 1, 1}));
  EXPECT_EQ(out_shape(g, "y"), (Shape{1, 8, 4, 4}));
  EXPECT_EQ(analyze(g).total.macs, 4 * 4 * 8 * 3 * 3 * 3);
  ASSERT_NE(g.nodes[0].param("weight"), nullptr);
  EXPECT_EQ(g.nodes[0].param("weight")->data.size(), 8u * 3 * 3 * 3);
}

TEST(OnnxImport, ConvSameLowerPutsTheOddPadFirst) {
  OnnxMaker m;
  m.input("x", {1, 2, 6, 6}).floats("w", {2, 2, 2, 2});
  attr(m.node("Conv", {"x", "w"}, {"y"}), "auto_pad", std::string("SAME_LOWER"));
  m.output("y");
  const Graph g = load(m);
  EXPECT_EQ(g.nodes[0].as<ConvAttrs>().pads, (Pads{1, 1, 0, 0}));
  EXPECT_FALSE(g.nodes[0].as<ConvAttrs>().has_bias);
}

TEST(OnnxImport, DepthwiseConvCountsOneInputChannelPerGroup) {
  OnnxMaker m;
  m.input("x", {1, 16, 10, 10}).floats("w", {16, 1, 3, 3});
  auto& c = m.node("Conv", {"x", "w"}, {"y"});
  attr(c, "group", int64_t{16});
  attr(c, "pads", std::vector<int64_t>{1, 1, 1, 1});
  m.output("y");
  EXPECT_EQ(analyze(load(m)).total.macs, 10 * 10 * 16 * 9);
}

TEST(OnnxImport, PoolRoundingFollowsCeilMode) {
  for (int64_t ceil : {0, 1}) {
    OnnxMaker m;
    m.input("x", {1, 4, 8, 8});
    auto& p = m.node("MaxPool", {"x"}, {"y"});
    attr(p, "kernel_shape", std::vector<int64_t>{3, 3});
    attr(p, "strides", std::vector<int64_t>{2, 2});
    attr(p, "ceil_mode", ceil);
    m.output("y");
    // (8-3)/2+1 = 3 floored, 4 with ceil.
    EXPECT_EQ(out_shape(load(m), "y")[2], ceil ? 4 : 3);
  }
}

TEST(OnnxImport, AveragePoolKeepsCountIncludePad) {
  OnnxMaker m;
  m.input("x", {1, 4, 8, 8});
  auto& p = m.node("AveragePool", {"x"}, {"y"});
  attr(p, "kernel_shape", std::vector<int64_t>{3, 3});
  attr(p, "pads", std::vector<int64_t>{1, 1, 1, 1});
  attr(p, "count_include_pad", int64_t{1});
  m.output("y");
  const Graph g = load(m);
  const auto& a = g.nodes[0].as<PoolAttrs>();
  EXPECT_TRUE(a.count_include_pad);
  EXPECT_EQ(a.kind, PoolKind::Average);
  EXPECT_EQ(out_shape(g, "y"), (Shape{1, 4, 8, 8}));
}

TEST(OnnxImport, GemmWithoutTransBTransposesAndScales) {
  OnnxMaker m;
  // B is [in=2, out=3]; alpha 2 scales weights, beta 0.5 scales the bias.
  m.input("x", {1, 2}).floats("B", {2, 3}, {1, 2, 3, 4, 5, 6}).floats("C", {3}, {2, 4, 6});
  auto& g = m.node("Gemm", {"x", "B", "C"}, {"y"});
  attr(g, "alpha", 2.0f);
  attr(g, "beta", 0.5f);
  m.output("y");
  const Graph gr = load(m);
  const Node& fc = gr.nodes[0];
  EXPECT_EQ(fc.as<FullyConnectedAttrs>().out_features, 3);
  EXPECT_EQ(fc.param("weight")->data, (std::vector<float>{2, 8, 4, 10, 6, 12}));
  EXPECT_EQ(fc.param("bias")->data, (std::vector<float>{1, 2, 3}));
  EXPECT_EQ(analyze(gr).total.macs, 2 * 3);
}

TEST(OnnxImport, MatMulWithConstantAndAddBecomesOneFullyConnected) {
  OnnxMaker m;
  m.input("x", {1, 4}).floats("W", {4, 5}).floats("b", {5});
  m.node("MatMul", {"x", "W"}, {"h"});
  m.node("Add", {"h", "b"}, {"y"});
  m.output("y");
  const Graph g = load(m);
  ASSERT_EQ(g.nodes.size(), 1u);
  EXPECT_EQ(g.nodes[0].kind(), OpKind::FullyConnected);
  EXPECT_TRUE(g.nodes[0].as<FullyConnectedAttrs>().has_bias);
  EXPECT_EQ(analyze(g).total.macs, 4 * 5);
}

OnnxMaker conv_bn() {
  OnnxMaker m;
  m.input("x", {1, 2, 4, 4}).floats("w", {2, 2, 1, 1}, {1, 0, 0, 1});
  m.floats("s", {2}, {2, 3}).floats("b", {2}, {1, -1}).floats("mu", {2}, {0.5f, 1});
  m.floats("var", {2}, {4, 9});
  m.node("Conv", {"x", "w"}, {"c"});
  attr(m.node("BatchNormalization", {"c", "s", "b", "mu", "var"}, {"y"}), "epsilon", 0.0f);
  m.output("y");
  return m;
}

TEST(OnnxImport, BatchNormStaysALayerByDefault) {
  const Graph g = load(conv_bn());
  ASSERT_EQ(g.nodes.size(), 2u);
  EXPECT_EQ(g.nodes[1].kind(), OpKind::BatchNorm);
  EXPECT_EQ(g.nodes[1].param("variance")->data, (std::vector<float>{4, 9}));
}

TEST(OnnxImport, BatchNormFoldsIntoTheConvolution) {
  const Graph g = load(conv_bn(), {1, true});
  ASSERT_EQ(g.nodes.size(), 1u);
  const Node& c = g.nodes[0];
  // k = s / sqrt(var): 2/2 = 1 and 3/3 = 1; bias = (0 - mu) * k + b.
  EXPECT_EQ(c.param("weight")->data, (std::vector<float>{1, 0, 0, 1}));
  EXPECT_EQ(c.param("bias")->data, (std::vector<float>{0.5f, -2.0f}));
  EXPECT_EQ(g.shape(g.outputs[0]), (Shape{1, 2, 4, 4}));
}

TEST(OnnxImport, ClipBoundsFromAttributesBeforeOpset11AndInputsAfter) {
  OnnxMaker old(9);
  old.input("x", {1, 3});
  auto& c = old.node("Clip", {"x"}, {"y"});
  attr(c, "min", 0.0f);
  attr(c, "max", 6.0f);
  old.output("y");
  OnnxMaker now(11);
  now.input("x", {1, 3}).floats("lo", {}, {0}).floats("hi", {}, {6});
  now.node("Clip", {"x", "lo", "hi"}, {"y"});
  now.output("y");
  for (const Graph& g : {load(old), load(now)}) {
    const auto& a = g.nodes[0].as<ActivationAttrs>();
    EXPECT_EQ(a.kind, ActivationKind::Clip);
    EXPECT_EQ(a.alpha, 0.0f);
    EXPECT_EQ(a.beta, 6.0f);
  }
}

// x.view(x.size(0), -1) as PyTorch writes it: Shape -> Gather -> Unsqueeze -> Concat -> Reshape.
OnnxMaker flatten_chain(bool symbolic) {
  OnnxMaker m(11);
  m.input("x", {2, 4, 3, 3}, symbolic).ints("zero", {0}).ints("minus1", {-1});
  m.node("Shape", {"x"}, {"s"});
  m.proto().mutable_graph()->add_initializer()->CopyFrom([] {
    onnx::TensorProto t;
    t.set_name("i0");
    t.set_data_type(onnx::TensorProto::INT64);
    t.add_int64_data(0);
    return t;
  }());
  attr(m.node("Gather", {"s", "i0"}, {"n"}), "axis", int64_t{0});
  attr(m.node("Unsqueeze", {"n"}, {"n1"}), "axes", std::vector<int64_t>{0});
  attr(m.node("Concat", {"n1", "minus1"}, {"target"}), "axis", int64_t{0});
  m.node("Reshape", {"x", "target"}, {"y"});
  m.output("y");
  return m;
}

TEST(OnnxImport, ShapeChainFoldsAndTheBatchBecomesACopy) {
  const Graph g = import_onnx_bytes(flatten_chain(false).bytes(), "t.onnx", 2);
  ASSERT_EQ(g.nodes.size(), 1u);
  EXPECT_EQ(g.nodes[0].as<ReshapeAttrs>().shape, (Dims{0, -1}));
  EXPECT_EQ(g.shape(g.outputs[0]), (Shape{2, 36}));
  Graph rebatched = g;
  rebatched.set_batch(5);
  EXPECT_EQ(rebatched.shape(rebatched.outputs[0]), (Shape{5, 36}));
}

TEST(OnnxImport, FileBatchDiffersFromTheRequestedOne) {
  const Graph g = import_onnx_bytes(flatten_chain(false).bytes(), "t.onnx", 3);
  EXPECT_EQ(g.shape(g.outputs[0]), (Shape{3, 36}));
}

TEST(OnnxImport, SymbolicBatchTakesTheRequestedBatch) {
  const Graph g = import_onnx_bytes(flatten_chain(true).bytes(), "t.onnx", 7);
  EXPECT_EQ(g.shape(g.inputs[0]), (Shape{7, 4, 3, 3}));
  EXPECT_EQ(g.shape(g.outputs[0]), (Shape{7, 36}));
}

TEST(OnnxImport, SplitSizesFromAttributeOrInput) {
  OnnxMaker old(11);
  old.input("x", {1, 6, 2, 2});
  auto& s = old.node("Split", {"x"}, {"a", "b"});
  attr(s, "axis", int64_t{1});
  attr(s, "split", std::vector<int64_t>{2, 4});
  old.output("a").output("b");
  OnnxMaker now(13);
  now.input("x", {1, 6, 2, 2}).ints("sizes", {2, 4});
  attr(now.node("Split", {"x", "sizes"}, {"a", "b"}), "axis", int64_t{1});
  now.output("a").output("b");
  for (const Graph& g : {load(old), load(now)}) {
    EXPECT_EQ(g.shape(g.outputs[0])[1], 2);
    EXPECT_EQ(g.shape(g.outputs[1])[1], 4);
  }
}

TEST(OnnxImport, SliceFromAttributesOrInputs) {
  OnnxMaker old(9);
  old.input("x", {1, 8, 5, 5});
  auto& s = old.node("Slice", {"x"}, {"y"});
  attr(s, "starts", std::vector<int64_t>{2});
  attr(s, "ends", std::vector<int64_t>{100});
  attr(s, "axes", std::vector<int64_t>{1});
  old.output("y");
  OnnxMaker now(13);
  now.input("x", {1, 8, 5, 5}).ints("st", {2}).ints("en", {100}).ints("ax", {1}).ints("sp", {2});
  now.node("Slice", {"x", "st", "en", "ax", "sp"}, {"y"});
  now.output("y");
  EXPECT_EQ(out_shape(load(old), "y")[1], 6);
  EXPECT_EQ(out_shape(load(now), "y")[1], 3);  // 2, 4, 6
}

TEST(OnnxImport, PadFromAttributeOrInput) {
  OnnxMaker old(9);
  old.input("x", {1, 2, 4, 4});
  attr(old.node("Pad", {"x"}, {"y"}), "pads", std::vector<int64_t>{0, 0, 1, 0, 0, 0, 0, 2});
  old.output("y");
  OnnxMaker now(11);
  now.input("x", {1, 2, 4, 4}).ints("p", {0, 0, 1, 0, 0, 0, 0, 2});
  now.node("Pad", {"x", "p"}, {"y"});
  now.output("y");
  EXPECT_EQ(out_shape(load(old), "y"), (Shape{1, 2, 5, 6}));
  EXPECT_EQ(out_shape(load(now), "y"), (Shape{1, 2, 5, 6}));
}

TEST(OnnxImport, GatedActivationsFuse) {
  OnnxMaker m(13);
  m.input("x", {1, 4, 2, 2});
  m.node("Sigmoid", {"x"}, {"s"});
  m.node("Mul", {"x", "s"}, {"silu"});
  auto& h = m.node("HardSigmoid", {"silu"}, {"h"});
  attr(h, "alpha", 1.0f / 6.0f);
  attr(h, "beta", 0.5f);
  m.node("Mul", {"h", "silu"}, {"y"});
  m.output("y");
  const Graph g = load(m);
  ASSERT_EQ(g.nodes.size(), 2u);
  EXPECT_EQ(g.nodes[0].as<ActivationAttrs>().kind, ActivationKind::Silu);
  EXPECT_EQ(g.nodes[1].as<ActivationAttrs>().kind, ActivationKind::HardSwish);
}

TEST(OnnxImport, SigmoidReadTwiceIsNotFused) {
  OnnxMaker m(13);
  m.input("x", {1, 4});
  m.node("Sigmoid", {"x"}, {"s"});
  m.node("Mul", {"x", "s"}, {"y"});
  m.output("y").output("s");
  const Graph g = load(m);
  ASSERT_EQ(g.nodes.size(), 2u);
  EXPECT_EQ(g.nodes[1].kind(), OpKind::Binary);
}

TEST(OnnxImport, ConstantMulAndAddBecomeOneScale) {
  OnnxMaker m(13);
  m.input("x", {1, 3, 2, 2}).floats("k", {3, 1, 1}, {1, 2, 3}).floats("c", {1, 3, 1, 1}, {4, 5, 6});
  m.node("Mul", {"x", "k"}, {"m"});
  m.node("Add", {"m", "c"}, {"y"});
  m.output("y");
  const Graph g = load(m);
  ASSERT_EQ(g.nodes.size(), 1u);
  EXPECT_TRUE(g.nodes[0].as<ScaleAttrs>().has_bias);
  EXPECT_EQ(g.nodes[0].param("bias")->data, (std::vector<float>{4, 5, 6}));
}

TEST(OnnxImport, ScalarDivIsAScale) {
  OnnxMaker m(13);
  m.input("x", {1, 2, 2, 2}).floats("six", {}, {6});
  m.node("Div", {"x", "six"}, {"y"});
  m.output("y");
  const Graph g = load(m);
  EXPECT_FLOAT_EQ(g.nodes[0].param("scale")->data[1], 1.0f / 6.0f);
}

TEST(OnnxImport, BroadcastingAddOfTwoTensors) {
  OnnxMaker m(13);
  m.input("x", {1, 8, 4, 4}).input("s", {1, 8, 1, 1});
  m.node("Mul", {"x", "s"}, {"y"});
  m.output("y");
  const Graph g = load(m);
  EXPECT_EQ(g.nodes[0].kind(), OpKind::Binary);
  EXPECT_EQ(out_shape(g, "y"), (Shape{1, 8, 4, 4}));
}

TEST(OnnxImport, ClassifierHeadOps) {
  OnnxMaker m(12);
  m.input("x", {1, 8, 6, 6});
  auto& l = m.node("LRN", {"x"}, {"n"});
  attr(l, "size", int64_t{5});
  attr(l, "alpha", 2e-4f);
  attr(m.node("LeakyRelu", {"n"}, {"r"}), "alpha", 0.2f);
  m.node("GlobalAveragePool", {"r"}, {"p"});
  auto& rm = m.node("ReduceMean", {"r"}, {"mean"});
  attr(rm, "axes", std::vector<int64_t>{2, 3});
  attr(rm, "keepdims", int64_t{0});
  m.node("Flatten", {"p"}, {"f"});
  m.node("Add", {"f", "mean"}, {"sum"});
  m.node("Dropout", {"sum"}, {"d"});
  attr(m.node("Transpose", {"d"}, {"t"}), "perm", std::vector<int64_t>{1, 0});
  m.node("Softmax", {"t"}, {"y"});
  m.output("y");
  const Graph g = load(m);
  EXPECT_EQ(g.nodes.size(), 9u);
  EXPECT_EQ(node_named(g, "n").as<LrnAttrs>().alpha, 2e-4f);
  EXPECT_EQ(out_shape(g, "mean"), (Shape{1, 8}));
  EXPECT_EQ(out_shape(g, "y"), (Shape{8, 1}));
  EXPECT_EQ(node_named(g, "y").as<SoftmaxAttrs>().axis, 1);  // the default before opset 13
}

TEST(OnnxImport, ConstantNodesAndIdentityAreResolved) {
  OnnxMaker m(13);
  m.input("x", {1, 2, 3, 3});
  auto& c = m.node("Constant", {}, {"shape"});
  auto* a = c.add_attribute();
  a->set_name("value_ints");
  a->set_type(onnx::AttributeProto::INTS);
  a->add_ints(1);
  a->add_ints(-1);
  m.node("Identity", {"x"}, {"x2"});
  m.node("Reshape", {"x2", "shape"}, {"y"});
  m.output("y");
  const Graph g = load(m);
  ASSERT_EQ(g.nodes.size(), 1u);
  EXPECT_EQ(g.shape(g.outputs[0]), (Shape{1, 18}));
}

}  // namespace
}  // namespace synergy
