// Shape rules of the non-windowed ops.
#include <climits>

#include "helpers.hpp"

namespace synergy::testing {
namespace {

TEST(FullyConnectedShape, FlattensFromAxisOne) {
  EXPECT_EQ(out_shape(FullyConnectedAttrs{4096, true}, {{2, 256, 6, 6}}), Shape({2, 4096}));
  Graph g = one_op(FullyConnectedAttrs{10, true}, {{1, 256, 6, 6}});
  EXPECT_EQ(g.nodes[0].param("weight")->shape, Shape({10, 9216}));
  expect_bad_input([] { out_shape(FullyConnectedAttrs{0, true}, {{1, 4}}); }, {"out_features"});
}

TEST(BinaryShape, Broadcasting) {
  const Attrs add = BinaryAttrs{BinaryKind::Add};
  const Attrs mul = BinaryAttrs{BinaryKind::Mul};
  EXPECT_EQ(out_shape(add, {{1, 64, 7, 7}, {1, 64, 7, 7}}), Shape({1, 64, 7, 7}));
  // squeeze-excitation: per-channel scale
  EXPECT_EQ(out_shape(mul, {{1, 64, 7, 7}, {1, 64, 1, 1}}), Shape({1, 64, 7, 7}));
  // lower rank on the left, broadcasting both ways
  EXPECT_EQ(out_shape(add, {{64, 1, 1}, {2, 1, 5, 5}}), Shape({2, 64, 5, 5}));
  EXPECT_EQ(out_shape(mul, {{3, 1}, {1, 4}}), Shape({3, 4}));
  expect_bad_input([&] { out_shape(add, {{3, 4}, {4, 3}}); }, {"node 'op'", "broadcast"});
}

TEST(ConcatShape, SumsTheAxis) {
  EXPECT_EQ(out_shape(ConcatAttrs{1}, {{1, 3, 4, 4}, {1, 5, 4, 4}, {1, 1, 4, 4}}),
            Shape({1, 9, 4, 4}));
  EXPECT_EQ(out_shape(ConcatAttrs{-1}, {{2, 3}, {2, 4}}), Shape({2, 7}));
  expect_bad_input(
      [] {
        out_shape(ConcatAttrs{1}, {{1, 3, 4, 4}, {1, 3, 5, 4}});
      },
      {"node 'op'", "incompatible"});
  expect_bad_input([] { out_shape(ConcatAttrs{4}, {{1, 3, 4, 4}}); }, {"axis 4"});
}

TEST(ReshapeShape, ZeroCopiesAndMinusOneInfers) {
  EXPECT_EQ(out_shape(ReshapeAttrs{{0, -1}}, {{2, 3, 4, 5}}), Shape({2, 60}));
  EXPECT_EQ(out_shape(ReshapeAttrs{{0, 2, -1, 0}}, {{2, 6, 4, 5}}), Shape({2, 2, 12, 5}));
  EXPECT_EQ(out_shape(ReshapeAttrs{{-1}}, {{2, 3, 4}}), Shape({24}));
  expect_bad_input([] { out_shape(ReshapeAttrs{{-1, -1}}, {{2, 3}}); }, {"more than one -1"});
  expect_bad_input([] { out_shape(ReshapeAttrs{{7, -1}}, {{2, 3, 4, 5}}); }, {"cannot reshape"});
  expect_bad_input([] { out_shape(ReshapeAttrs{{5, 5}}, {{2, 3}}); }, {"cannot reshape"});
  expect_bad_input([] { out_shape(ReshapeAttrs{{0, 0, 0}}, {{2, 3}}); }, {"beyond input rank"});
  expect_bad_input([] { out_shape(ReshapeAttrs{{-2, 3}}, {{2, 3}}); }, {"negative"});
}

TEST(FlattenShape, Axes) {
  EXPECT_EQ(out_shape(FlattenAttrs{1}, {{2, 3, 4, 5}}), Shape({2, 60}));
  EXPECT_EQ(out_shape(FlattenAttrs{0}, {{2, 3, 4, 5}}), Shape({1, 120}));
  EXPECT_EQ(out_shape(FlattenAttrs{-1}, {{2, 3, 4, 5}}), Shape({24, 5}));
  EXPECT_EQ(out_shape(FlattenAttrs{4}, {{2, 3, 4, 5}}), Shape({120, 1}));
  expect_bad_input([] { out_shape(FlattenAttrs{5}, {{2, 3, 4, 5}}); }, {"out of range"});
}

TEST(SplitShape, Parts) {
  Graph g = one_op(SplitAttrs{1, {3, 7}}, {{1, 10, 4, 4}}, 2);
  EXPECT_EQ(g.shape(g.outputs[0]), Shape({1, 3, 4, 4}));
  EXPECT_EQ(g.shape(g.outputs[1]), Shape({1, 7, 4, 4}));
  expect_bad_input([] { one_op(SplitAttrs{1, {3, 3}}, {{1, 10, 4, 4}}, 2); }, {"sum to 6"});
  expect_bad_input([] { one_op(SplitAttrs{1, {5, 5}}, {{1, 10, 4, 4}}, 1); }, {"outputs"});
}

TEST(SliceShape, OnnxSemantics) {
  const int64_t big = INT64_MAX, small = INT64_MIN;
  EXPECT_EQ(out_shape(SliceAttrs{{2}, {big}, {1}, {}}, {{1, 10, 8, 8}}), Shape({1, 8, 8, 8}));
  // every third channel of 2..9: 2, 5, 8
  EXPECT_EQ(out_shape(SliceAttrs{{2}, {big}, {1}, {3}}, {{1, 10, 8, 8}}), Shape({1, 3, 8, 8}));
  // negative start counts from the end; several axes at once
  EXPECT_EQ(out_shape(SliceAttrs{{-3, 1}, {big, 5}, {1, 3}, {}}, {{1, 10, 8, 8}}),
            Shape({1, 3, 8, 4}));
  // reverse the whole axis, and a start below the axis clamps to 0 (one element)
  EXPECT_EQ(out_shape(SliceAttrs{{-1}, {small}, {1}, {-1}}, {{1, 10, 8, 8}}), Shape({1, 10, 8, 8}));
  EXPECT_EQ(out_shape(SliceAttrs{{small}, {small}, {1}, {-1}}, {{1, 10, 8, 8}}),
            Shape({1, 1, 8, 8}));
  // empty when start >= end
  EXPECT_EQ(out_shape(SliceAttrs{{6}, {4}, {2}, {}}, {{1, 10, 8, 8}}), Shape({1, 10, 0, 8}));
  expect_bad_input([] { out_shape(SliceAttrs{{0}, {4}, {1}, {0}}, {{1, 10}}); }, {"step is 0"});
  expect_bad_input([] { out_shape(SliceAttrs{{0}, {4}, {2}, {}}, {{1, 10}}); }, {"axis 2"});
}

TEST(TransposeShape, ChannelShuffle) {
  EXPECT_EQ(out_shape(TransposeAttrs{{0, 2, 1, 3, 4}}, {{1, 2, 58, 28, 28}}),
            Shape({1, 58, 2, 28, 28}));
  EXPECT_EQ(out_shape(TransposeAttrs{{0, 2, 3, 1}}, {{1, 3, 5, 7}}), Shape({1, 5, 7, 3}));
  expect_bad_input([] { out_shape(TransposeAttrs{{0, 1, 1, 2}}, {{1, 3, 5, 7}}); }, {"repeats"});
  expect_bad_input([] { out_shape(TransposeAttrs{{0, 1}}, {{1, 3, 5, 7}}); }, {"length"});
}

TEST(PadShape, BeginAndEnd) {
  EXPECT_EQ(out_shape(PadAttrs{{0, 0, 1, 2, 0, 0, 3, 4}, PadMode::Constant, 0.0f}, {{1, 3, 4, 5}}),
            Shape({1, 3, 8, 11}));
  expect_bad_input(
      [] {
        out_shape(PadAttrs{{0, 0, 4, 0, 0, 0, 0, 0}, PadMode::Reflect, 0.0f}, {{1, 3, 4, 5}});
      },
      {"reflect"});
  expect_bad_input(
      [] {
        out_shape(PadAttrs{{0, -1}, PadMode::Constant, 0.0f}, {{3}});
      },
      {"negative"});
  expect_bad_input(
      [] {
        out_shape(PadAttrs{{0, 1}, PadMode::Edge, 0.0f}, {{1, 3}});
      },
      {"2 * rank"});
}

TEST(ReduceMeanShape, KeepdimsAndAxes) {
  EXPECT_EQ(out_shape(ReduceMeanAttrs{{2, 3}, true}, {{2, 64, 7, 7}}), Shape({2, 64, 1, 1}));
  EXPECT_EQ(out_shape(ReduceMeanAttrs{{2, 3}, false}, {{2, 64, 7, 7}}), Shape({2, 64}));
  EXPECT_EQ(out_shape(ReduceMeanAttrs{{-1}, false}, {{2, 64, 7, 5}}), Shape({2, 64, 7}));
  EXPECT_EQ(out_shape(ReduceMeanAttrs{{}, true}, {{2, 64, 7, 5}}), Shape({1, 1, 1, 1}));
  expect_bad_input([] { out_shape(ReduceMeanAttrs{{4}, true}, {{2, 64, 7, 5}}); }, {"axis 4"});
}

TEST(ElementwiseShapes, KeepTheInputShape) {
  const Shape s{2, 13, 7, 5};
  for (auto k : {ActivationKind::Relu, ActivationKind::LeakyRelu, ActivationKind::Clip,
                 ActivationKind::Sigmoid, ActivationKind::HardSigmoid, ActivationKind::HardSwish,
                 ActivationKind::Silu, ActivationKind::Tanh}) {
    EXPECT_EQ(out_shape(ActivationAttrs{k, 0.1f, 6.0f}, {s}), s);
  }
  EXPECT_EQ(out_shape(BatchNormAttrs{}, {s}), s);
  EXPECT_EQ(out_shape(ScaleAttrs{true}, {s}), s);
  EXPECT_EQ(out_shape(LrnAttrs{}, {s}), s);
  EXPECT_EQ(out_shape(DropoutAttrs{}, {s}), s);
  EXPECT_EQ(out_shape(SoftmaxAttrs{-1}, {s}), s);
  expect_bad_input([] { out_shape(SoftmaxAttrs{4}, {{2, 3, 4, 5}}); }, {"axis"});
  expect_bad_input([] { out_shape(LrnAttrs{}, {{2, 3}}); }, {"rank 4"});
  expect_bad_input([] { out_shape(LrnAttrs{0}, {{1, 2, 3, 4}}); }, {"size"});
}

TEST(PerChannelParams, BatchNormAndScale) {
  Graph bn = one_op(BatchNormAttrs{}, {{1, 13, 4, 4}});
  ASSERT_EQ(bn.nodes[0].params.size(), 4u);
  for (const char* role : {"scale", "bias", "mean", "variance"}) {
    ASSERT_NE(bn.nodes[0].param(role), nullptr) << role;
    EXPECT_EQ(bn.nodes[0].param(role)->shape, Shape({13}));
  }
  EXPECT_EQ(one_op(ScaleAttrs{true}, {{1, 13, 4, 4}}).nodes[0].params.size(), 2u);
  EXPECT_EQ(one_op(ScaleAttrs{false}, {{1, 13, 4, 4}}).nodes[0].params.size(), 1u);
}

}  // namespace
}  // namespace synergy::testing
