// The analytic cost definitions: MACs (the SyNERGY definition), FLOPs, params, bytes, intensity.
#include "helpers.hpp"

namespace synergy::testing {
namespace {

TEST(ConvCost, PaperDefinitionWithGroups) {
  // 6 -> 4 channels in 2 groups, 3x3, 10x10 output: MACs = 10*10*4 * 3*3 * (6/2) = 10800.
  const LayerCost c = op_cost(conv_attrs(4, 3, 1, 1, 2), {{1, 6, 10, 10}});
  EXPECT_EQ(c.macs, 10800);
  EXPECT_EQ(c.flops, 2 * 10800 + 400);  // plus one bias add per output
  EXPECT_EQ(c.params, 4 * 3 * 9 + 4);
  EXPECT_EQ(c.weight_bytes, 4 * (4 * 3 * 9 + 4));
  EXPECT_EQ(c.input_bytes, 4 * 600);
  EXPECT_EQ(c.output_bytes, 4 * 400);
  EXPECT_EQ(c.min_traffic_bytes(), 4 * 600 + 4 * 112 + 4 * 400);
  EXPECT_DOUBLE_EQ(c.intensity(), 22000.0 / 4448.0);
}

TEST(ConvCost, AlexNetConv1ByHand) {
  // 227x227x3, 96 filters 11x11 stride 4: 55*55*96*11*11*3.
  EXPECT_EQ(op_cost(conv_attrs(96, 11, 4), {{1, 3, 227, 227}}).macs, 105415200);
}

TEST(ConvCost, DepthwiseAndNoBias) {
  ConvAttrs a = conv_attrs(32, 3, 2, 1, 32);
  a.has_bias = false;
  const LayerCost c = op_cost(a, {{1, 32, 112, 112}});
  EXPECT_EQ(c.macs, 56 * 56 * 32 * 9);
  EXPECT_EQ(c.flops, 2 * c.macs);
  EXPECT_EQ(c.params, 32 * 9);
}

TEST(ConvCost, ScalesWithBatch) {
  Graph g = one_op(conv_attrs(8, 3, 1, 1), {{1, 4, 9, 9}});
  const int64_t one = analyze(g).total.macs;
  g.set_batch(5);
  EXPECT_EQ(analyze(g).total.macs, 5 * one);
  EXPECT_EQ(analyze(g).total.params, 8 * 4 * 9 + 8);  // params do not scale
}

TEST(FullyConnectedCost, InTimesOut) {
  const LayerCost c = op_cost(FullyConnectedAttrs{10, true}, {{3, 4, 5, 5}});
  EXPECT_EQ(c.macs, 3 * 100 * 10);
  EXPECT_EQ(c.params, 100 * 10 + 10);
  EXPECT_EQ(op_cost(FullyConnectedAttrs{10, false}, {{1, 100}}).params, 1000);
}

TEST(PoolCost, ComparisonsAndDivides) {
  // 5x5 -> 2x2 with 3x3 windows, 2 channels: 8 outputs * 9 = 72; average adds 8 divides.
  const LayerCost mx = op_cost(pool_attrs(3, 2, 0, Rounding::Floor), {{1, 2, 5, 5}});
  EXPECT_EQ(mx.macs, 0);
  EXPECT_EQ(mx.flops, 72);
  EXPECT_EQ(mx.params, 0);
  EXPECT_EQ(mx.input_bytes, 4 * 50);
  EXPECT_EQ(mx.output_bytes, 4 * 8);
  const LayerCost avg =
      op_cost(pool_attrs(3, 2, 0, Rounding::Floor, PoolKind::Average), {{1, 2, 5, 5}});
  EXPECT_EQ(avg.flops, 80);
  PoolAttrs global;
  global.global = true;
  global.kind = PoolKind::Average;
  EXPECT_EQ(op_cost(global, {{1, 3, 7, 7}}).flops, 3 * 49 + 3);
}

TEST(ElementwiseCost, ZeroMacsFlopsPerElement) {
  const LayerCost relu = op_cost(ActivationAttrs{}, {{1, 3, 4, 5}});
  EXPECT_EQ(relu.macs, 0);
  EXPECT_EQ(relu.flops, 60);
  EXPECT_EQ(relu.input_bytes, 240);
  EXPECT_EQ(relu.output_bytes, 240);
  const LayerCost add = op_cost(BinaryAttrs{BinaryKind::Add}, {{1, 8, 2, 2}, {1, 8, 1, 1}});
  EXPECT_EQ(add.flops, 32);
  EXPECT_EQ(add.input_bytes, 4 * (32 + 8));
  const LayerCost bn = op_cost(BatchNormAttrs{}, {{1, 8, 2, 2}});
  EXPECT_EQ(bn.params, 4 * 8);
  EXPECT_EQ(bn.flops, 2 * 32);
}

TEST(ViewCost, DropoutFlattenReshapeAreFree) {
  for (const Attrs& a :
       {Attrs{DropoutAttrs{}}, Attrs{FlattenAttrs{1}}, Attrs{ReshapeAttrs{{0, -1}}}}) {
    const LayerCost c = op_cost(a, {{1, 8, 2, 2}});
    EXPECT_EQ(c.flops, 0);
    EXPECT_EQ(c.min_traffic_bytes(), 0);
    EXPECT_EQ(c.intensity(), 0.0);
  }
}

TEST(DataMovementCost, CopiesCountBytes) {
  const LayerCost t = op_cost(TransposeAttrs{{0, 2, 1, 3}}, {{1, 2, 3, 4}});
  EXPECT_EQ(t.input_bytes, 96);
  EXPECT_EQ(t.output_bytes, 96);
  // A slice reads only what it keeps.
  const LayerCost s = op_cost(SliceAttrs{{0}, {2}, {1}, {}}, {{1, 8, 3, 4}});
  EXPECT_EQ(s.input_bytes, 4 * 24);
  EXPECT_EQ(s.output_bytes, 4 * 24);
}

TEST(NetworkCost, TotalsAndTypeBreakdown) {
  GraphBuilder b("net", "test");
  ValueId x = b.input("data", {1, 3, 8, 8});
  x = b.add1("conv1", conv_attrs(4, 3, 1, 1), {x});
  x = b.add1("relu1", ActivationAttrs{}, {x});
  x = b.add1("conv2", conv_attrs(4, 1), {x});
  x = b.add1("relu2", ActivationAttrs{}, {x});
  x = b.add1("fc", FullyConnectedAttrs{10, true}, {x});
  const NetworkCost net = analyze(b.finish({x}));
  ASSERT_EQ(net.layers.size(), 5u);
  ASSERT_EQ(net.by_type.size(), 3u);
  EXPECT_EQ(net.by_type[0].type, "Conv");
  EXPECT_EQ(net.by_type[0].layers, 2);
  EXPECT_EQ(net.by_type[0].cost.macs, 64 * 4 * 27 + 64 * 4 * 4);
  EXPECT_EQ(net.by_type[1].type, "Activation");
  EXPECT_EQ(net.by_type[1].cost.flops, 2 * 256);
  EXPECT_EQ(net.by_type[2].type, "FullyConnected");
  EXPECT_EQ(net.total.macs, 64 * 4 * 27 + 64 * 4 * 4 + 256 * 10);
  int64_t bytes = 0;
  for (const auto& l : net.layers) bytes += l.cost.output_bytes;
  EXPECT_EQ(net.total.output_bytes, bytes);
  EXPECT_EQ(net.layers[0].detail, "conv(k=3x3,s=1x1,g=1,c=3->4,hw=8x8)");
  EXPECT_EQ(net.layers[0].out_shape, "1x4x8x8");
  EXPECT_EQ(net.layers[4].detail, "fc(256->10)");
}

// fp16 and bf16 store each value in 2 bytes: every byte count halves, the arithmetic does not.
TEST(NetworkCost, ReducedPrecisionsStoreValuesInTwoBytes) {
  GraphBuilder b("net", "test");
  ValueId x = b.input("data", {1, 3, 8, 8});
  x = b.add1("conv1", conv_attrs(4, 3, 1, 1), {x});
  x = b.add1("fc", FullyConnectedAttrs{10, true}, {x});
  const Graph g = b.finish({x});
  const NetworkCost full = analyze(g);
  const NetworkCost half = analyze(g, value_bytes("bf16"));
  ASSERT_EQ(full.layers.size(), half.layers.size());
  for (size_t l = 0; l < full.layers.size(); ++l) {
    const LayerCost& f = full.layers[l].cost;
    const LayerCost& h = half.layers[l].cost;
    EXPECT_EQ(2 * h.input_bytes, f.input_bytes);
    EXPECT_EQ(2 * h.output_bytes, f.output_bytes);
    EXPECT_EQ(2 * h.weight_bytes, f.weight_bytes);
    EXPECT_EQ(h.macs, f.macs);
    EXPECT_EQ(h.flops, f.flops);
    EXPECT_DOUBLE_EQ(h.intensity(), 2 * f.intensity());
  }
  EXPECT_EQ(2 * half.total.min_traffic_bytes(), full.total.min_traffic_bytes());
  EXPECT_EQ(value_bytes("fp16"), 2);
  EXPECT_EQ(value_bytes("fp32"), 4);
  EXPECT_EQ(value_bytes("tf32"), 4);  // float32 storage, tensor-core products
  EXPECT_EQ(value_bytes(""), 4);
  EXPECT_THROW(value_bytes("int8"), Error);
}

TEST(Overflow, HugeTensorIsBadInputNamingTheNode) {
  expect_bad_input(
      [] {
        one_op(ActivationAttrs{}, {{1LL << 31, 1LL << 31, 1LL << 31, 1}});
      },
      {"node 'op'", "overflows"});
}

TEST(Overflow, LayerMacsNeverWrap) {
  // 2^42 outputs of a 1x1 conv over 2^22 channels: 2^64 MACs.
  Graph g = one_op(conv_attrs(1LL << 22, 1), {{1, 1LL << 22, 1 << 10, 1 << 10}});
  expect_bad_input([&] { analyze(g); }, {"node 'op' (Conv)", "MACs overflows"});
}

TEST(Overflow, NetworkTotalNeverWraps) {
  // Each 1x1 conv: 2^60 MACs, about 2^61 FLOPs; four of them exceed 2^63.
  GraphBuilder b("net", "test");
  ValueId x = b.input("data", {1, 1 << 20, 1 << 10, 1 << 10});
  for (int i = 0; i < 4; ++i) x = b.add1("conv" + std::to_string(i), conv_attrs(1 << 20, 1), {x});
  Graph g = b.finish({x});
  expect_bad_input([&] { analyze(g); }, {"network total", "conv3"});
}

TEST(Overflow, NegativeDimensionIsBadInput) {
  expect_bad_input([] { one_op(ActivationAttrs{}, {{1, -3, 4, 4}}); }, {"negative dimension"});
}

}  // namespace
}  // namespace synergy::testing
