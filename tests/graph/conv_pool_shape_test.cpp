// Shape rules of the windowed ops: convolution and pooling.
#include "helpers.hpp"

namespace synergy::testing {
namespace {

TEST(ConvShape, StridedPaddedSquare) {
  EXPECT_EQ(out_shape(conv_attrs(64, 7, 2, 3), {{1, 3, 224, 224}}), Shape({1, 64, 112, 112}));
}

TEST(ConvShape, AwkwardSizesFloor) {
  // (17 - 3) / 2 + 1 = 8, (31 - 3) / 2 + 1 = 15
  EXPECT_EQ(out_shape(conv_attrs(5, 3, 2), {{2, 13, 17, 31}}), Shape({2, 5, 8, 15}));
}

TEST(ConvShape, StrideLargerThanKernel) {
  // (13 - 1) / 3 + 1 = 5
  EXPECT_EQ(out_shape(conv_attrs(7, 1, 3), {{1, 127, 13, 13}}), Shape({1, 7, 5, 5}));
}

TEST(ConvShape, AsymmetricPadding) {
  ConvAttrs a = conv_attrs(8, 3, 2);
  a.pads = {0, 0, 1, 1};  // TensorFlow "same" for an even input: pad only at the end
  EXPECT_EQ(out_shape(a, {{1, 3, 224, 224}}), Shape({1, 8, 112, 112}));
  a = conv_attrs(8, 3, 1);
  a.pads = {2, 0, 0, 0};  // only on top: height (10 + 2 - 3) + 1 = 10, width 8 - 3 + 1 = 6
  EXPECT_EQ(out_shape(a, {{1, 3, 10, 8}}), Shape({1, 8, 10, 6}));
}

TEST(ConvShape, RectangularKernelAndDilation) {
  ConvAttrs a = conv_attrs(4, 1);
  a.kernel = {1, 7};
  a.pads = {0, 3, 0, 3};
  EXPECT_EQ(out_shape(a, {{1, 8, 17, 17}}), Shape({1, 4, 17, 17}));
  a = conv_attrs(4, 3);
  a.dilation = {2, 2};  // extent 5: 10 - 5 + 1 = 6
  EXPECT_EQ(out_shape(a, {{1, 8, 10, 10}}), Shape({1, 4, 6, 6}));
}

TEST(ConvShape, GroupsAndDepthwise) {
  EXPECT_EQ(out_shape(conv_attrs(6, 3, 1, 1, 3), {{1, 12, 8, 8}}), Shape({1, 6, 8, 8}));
  Graph g = one_op(conv_attrs(32, 3, 1, 1, 32), {{1, 32, 8, 8}});
  EXPECT_EQ(g.nodes[0].param("weight")->shape, Shape({32, 1, 3, 3}));
  EXPECT_TRUE(analyze(g).layers[0].depthwise);
  Graph grouped = one_op(conv_attrs(6, 3, 1, 1, 3), {{1, 12, 8, 8}});
  EXPECT_EQ(grouped.nodes[0].param("weight")->shape, Shape({6, 4, 3, 3}));
  EXPECT_FALSE(analyze(grouped).layers[0].depthwise);
}

TEST(ConvShape, RejectsBadAttributes) {
  expect_bad_input(
      [] {
        out_shape(conv_attrs(6, 3, 1, 1, 5), {{1, 12, 8, 8}});
      },
      {"node 'op'", "groups 5"});
  expect_bad_input(
      [] {
        out_shape(conv_attrs(6, 9), {{1, 3, 8, 8}});
      },
      {"node 'op'", "larger than the padded input"});
  expect_bad_input([] { out_shape(conv_attrs(6, 3, 0), {{1, 3, 8, 8}}); }, {"stride"});
  expect_bad_input([] { out_shape(conv_attrs(0, 3), {{1, 3, 8, 8}}); }, {"out_channels"});
  expect_bad_input([] { out_shape(conv_attrs(6, 3), {{1, 3, 8}}); }, {"rank 4"});
  ConvAttrs a = conv_attrs(6, 3);
  a.pads.left = -1;
  expect_bad_input([&] { out_shape(a, {{1, 3, 8, 8}}); }, {"negative padding"});
}

TEST(PoolShape, CeilVersusFloor) {
  // 112 -> (112 - 3) / 2 = 54.5: Caffe rounds up to 56 outputs, ONNX down to 55.
  EXPECT_EQ(out_shape(pool_attrs(3, 2, 0, Rounding::Ceil), {{1, 64, 112, 112}}),
            Shape({1, 64, 56, 56}));
  EXPECT_EQ(out_shape(pool_attrs(3, 2, 0, Rounding::Floor), {{1, 64, 112, 112}}),
            Shape({1, 64, 55, 55}));
  // Divisible spans agree: (55 - 3) / 2 + 1 = 27 both ways.
  EXPECT_EQ(out_shape(pool_attrs(3, 2, 0, Rounding::Ceil), {{1, 1, 55, 55}}),
            out_shape(pool_attrs(3, 2, 0, Rounding::Floor), {{1, 1, 55, 55}}));
}

TEST(PoolShape, CaffeDropsAWindowThatStartsInTheEndPadding) {
  // in 5, k 2, s 2, pad 1: ceil((5 + 2 - 2) / 2) + 1 = 4, but the 4th window would start at 6,
  // inside the end padding (>= 5 + 1), so Caffe keeps 3.
  EXPECT_EQ(out_shape(pool_attrs(2, 2, 1, Rounding::Ceil), {{1, 1, 5, 5}}), Shape({1, 1, 3, 3}));
  // in 112, k 3, s 2, pad 1: ceil(111 / 2) + 1 = 57; the last window starts at 112 < 113: kept.
  EXPECT_EQ(out_shape(pool_attrs(3, 2, 1, Rounding::Ceil), {{1, 1, 112, 112}}),
            Shape({1, 1, 57, 57}));
  EXPECT_EQ(out_shape(pool_attrs(3, 2, 1, Rounding::Floor), {{1, 1, 112, 112}}),
            Shape({1, 1, 56, 56}));
}

TEST(PoolShape, AsymmetricPadsAndRectangularWindow) {
  PoolAttrs a = pool_attrs(2, 2, 0, Rounding::Floor);
  a.kernel = {3, 1};
  a.stride = {1, 2};
  a.pads = {1, 0, 1, 1};  // height 7 + 2 - 3 + 1 = 7; width (9 + 1 - 1) / 2 + 1 = 5
  EXPECT_EQ(out_shape(a, {{1, 2, 7, 9}}), Shape({1, 2, 7, 5}));
}

TEST(PoolShape, Global) {
  PoolAttrs a;
  a.global = true;
  a.kind = PoolKind::Average;
  EXPECT_EQ(out_shape(a, {{3, 64, 7, 9}}), Shape({3, 64, 1, 1}));
}

TEST(PoolShape, RejectsBadWindows) {
  expect_bad_input(
      [] {
        out_shape(pool_attrs(9, 2, 0, Rounding::Floor), {{1, 1, 5, 5}});
      },
      {"node 'op' (Pool)", "larger"});
  expect_bad_input([] { out_shape(pool_attrs(2, 2, 0, Rounding::Floor), {{1, 4}}); }, {"rank 4"});
}

TEST(WindowArithmetic, HugeStrideDoesNotWrap) {
  // A stride near INT64_MAX must not overflow the ceil arithmetic.
  PoolAttrs a = pool_attrs(1, 2, 0, Rounding::Ceil);
  a.stride = {INT64_MAX, INT64_MAX};
  EXPECT_EQ(out_shape(a, {{1, 1, 5, 5}}), Shape({1, 1, 1, 1}));
  ConvAttrs c = conv_attrs(1, 1);
  c.pads = {INT64_MAX, 0, INT64_MAX, 0};
  expect_bad_input([&] { out_shape(c, {{1, 1, 5, 5}}); }, {"overflows"});
}

}  // namespace
}  // namespace synergy::testing
