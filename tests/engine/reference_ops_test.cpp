// The reference kernels against small cases worked out by hand.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "helpers.hpp"

namespace synergy {
namespace {

using test::run_on;
using test::set_param;
using test::single_op;
using ::testing::ElementsAre;
using ::testing::FloatNear;
using ::testing::Pointwise;

std::vector<float> iota(int64_t n, float start = 1.0f) {
  std::vector<float> v(static_cast<size_t>(n));
  for (size_t i = 0; i < v.size(); ++i) v[i] = start + static_cast<float>(i);
  return v;
}

Tensor run1(Graph g, std::vector<Tensor> in) {
  return run_on("reference", std::move(g), std::move(in)).at(0);
}

// 3x3 plane holding 1..9.
Tensor plane9() {
  return {Shape{1, 1, 3, 3}, iota(9)};
}

TEST(ReferenceConv, SumsWindowsAndAddsBias) {
  Graph g = single_op(ConvAttrs{1, {2, 2}, {1, 1}, {1, 1}, {}, 1, true}, {Shape{1, 1, 3, 3}});
  set_param(g, "weight", {1, 1, 1, 1});
  set_param(g, "bias", {0.5f});
  Tensor y = run1(std::move(g), {plane9()});
  EXPECT_EQ(y.shape, (Shape{1, 1, 2, 2}));
  EXPECT_THAT(y.data, ElementsAre(12.5f, 16.5f, 24.5f, 28.5f));
}

TEST(ReferenceConv, AsymmetricPaddingWithStride) {
  // Pads: one row on top, one column on the right; stride 2.
  Graph g =
      single_op(ConvAttrs{1, {2, 2}, {2, 2}, {1, 1}, {1, 0, 0, 1}, 1, false}, {Shape{1, 1, 3, 3}});
  set_param(g, "weight", {1, 1, 1, 1});
  Tensor y = run1(std::move(g), {plane9()});
  EXPECT_EQ(y.shape, (Shape{1, 1, 2, 2}));
  EXPECT_THAT(y.data, ElementsAre(3.0f, 3.0f, 24.0f, 15.0f));
}

TEST(ReferenceConv, DilationReachesTheCorners) {
  Graph g = single_op(ConvAttrs{1, {2, 2}, {1, 1}, {2, 2}, {}, 1, false}, {Shape{1, 1, 3, 3}});
  set_param(g, "weight", {1, 1, 1, 1});
  Tensor y = run1(std::move(g), {plane9()});
  EXPECT_THAT(y.data, ElementsAre(20.0f));
}

TEST(ReferenceConv, GroupsKeepChannelsApart) {
  Graph g = single_op(ConvAttrs{2, {1, 1}, {1, 1}, {1, 1}, {}, 2, false}, {Shape{1, 2, 1, 2}});
  set_param(g, "weight", {2, 3});
  Tensor y = run1(std::move(g), {{Shape{1, 2, 1, 2}, {1, 2, 10, 20}}});
  EXPECT_THAT(y.data, ElementsAre(2.0f, 4.0f, 30.0f, 60.0f));
}

TEST(ReferenceConv, StrideLargerThanKernelSkipsInput) {
  Graph g = single_op(ConvAttrs{1, {1, 1}, {2, 2}, {1, 1}, {}, 1, false}, {Shape{1, 1, 3, 3}});
  set_param(g, "weight", {1});
  Tensor y = run1(std::move(g), {plane9()});
  EXPECT_THAT(y.data, ElementsAre(1.0f, 3.0f, 7.0f, 9.0f));
}

PoolAttrs pool(PoolKind kind, int64_t k, int64_t s, Pads p, Rounding r, bool include_pad) {
  PoolAttrs a;
  a.kind = kind;
  a.kernel = {k, k};
  a.stride = {s, s};
  a.pads = p;
  a.rounding = r;
  a.count_include_pad = include_pad;
  return a;
}

TEST(ReferencePool, MaxFloorAndCeil) {
  Tensor floor_y =
      run1(single_op(pool(PoolKind::Max, 2, 2, {}, Rounding::Floor, false), {Shape{1, 1, 3, 3}}),
           {plane9()});
  EXPECT_THAT(floor_y.data, ElementsAre(5.0f));
  Tensor ceil_y =
      run1(single_op(pool(PoolKind::Max, 2, 2, {}, Rounding::Ceil, false), {Shape{1, 1, 3, 3}}),
           {plane9()});
  EXPECT_EQ(ceil_y.shape, (Shape{1, 1, 2, 2}));
  EXPECT_THAT(ceil_y.data, ElementsAre(5.0f, 6.0f, 8.0f, 9.0f));
}

TEST(ReferencePool, CeilAverageDividesByTheWindowInsideThePaddedInput) {
  Tensor y =
      run1(single_op(pool(PoolKind::Average, 2, 2, {}, Rounding::Ceil, true), {Shape{1, 1, 3, 3}}),
           {plane9()});
  // (1+2+4+5)/4, (3+6)/2, (7+8)/2, 9/1: the overhang beyond the input is never counted.
  EXPECT_THAT(y.data, ElementsAre(3.0f, 4.5f, 7.5f, 9.0f));
}

TEST(ReferencePool, AverageWithPaddingCountsPadOnlyWhenAsked) {
  const Pads p = Pads::same(1);
  Tensor incl =
      run1(single_op(pool(PoolKind::Average, 2, 1, p, Rounding::Floor, true), {Shape{1, 1, 3, 3}}),
           {plane9()});
  Tensor excl =
      run1(single_op(pool(PoolKind::Average, 2, 1, p, Rounding::Floor, false), {Shape{1, 1, 3, 3}}),
           {plane9()});
  ASSERT_EQ(incl.shape, (Shape{1, 1, 4, 4}));
  EXPECT_FLOAT_EQ(incl.data[0], 0.25f);
  EXPECT_FLOAT_EQ(excl.data[0], 1.0f);
  EXPECT_FLOAT_EQ(incl.data[5], 3.0f);  // (1+2+4+5)/4, fully inside
  EXPECT_FLOAT_EQ(excl.data[15], 9.0f);
  EXPECT_FLOAT_EQ(incl.data[15], 2.25f);
}

TEST(ReferencePool, GlobalAverageAndMax) {
  PoolAttrs avg;
  avg.kind = PoolKind::Average;
  avg.global = true;
  EXPECT_THAT(run1(single_op(avg, {Shape{1, 1, 3, 3}}), {plane9()}).data, ElementsAre(5.0f));
  PoolAttrs mx = avg;
  mx.kind = PoolKind::Max;
  EXPECT_THAT(run1(single_op(mx, {Shape{1, 1, 3, 3}}), {plane9()}).data, ElementsAre(9.0f));
}

TEST(ReferenceFullyConnected, MatrixTimesVectorPlusBias) {
  Graph g = single_op(FullyConnectedAttrs{2, true}, {Shape{1, 3}});
  set_param(g, "weight", {1, 0, -1, 2, 2, 2});
  set_param(g, "bias", {1, -1});
  EXPECT_THAT(run1(std::move(g), {{Shape{1, 3}, {1, 2, 3}}}).data, ElementsAre(-1.0f, 11.0f));
}

TEST(ReferenceFullyConnected, FlattensFourDimensionalInput) {
  Graph g = single_op(FullyConnectedAttrs{1, false}, {Shape{2, 2, 1, 1}});
  set_param(g, "weight", {1, 10});
  EXPECT_THAT(run1(std::move(g), {{Shape{2, 2, 1, 1}, {1, 2, 3, 4}}}).data,
              ElementsAre(21.0f, 43.0f));
}

TEST(ReferenceBatchNorm, NormalizesPerChannel) {
  Graph g = single_op(BatchNormAttrs{1.0f}, {Shape{1, 2, 1, 1}});
  set_param(g, "scale", {2, 1});
  set_param(g, "bias", {0, 1});
  set_param(g, "mean", {1, 0});
  set_param(g, "variance", {3, 0});
  EXPECT_THAT(run1(std::move(g), {{Shape{1, 2, 1, 1}, {1, 2}}}).data, ElementsAre(0.0f, 3.0f));
}

TEST(ReferenceScale, ScalesAndShiftsPerChannel) {
  Graph g = single_op(ScaleAttrs{true}, {Shape{1, 2, 1, 2}});
  set_param(g, "scale", {2, -1});
  set_param(g, "bias", {1, 0});
  EXPECT_THAT(run1(std::move(g), {{Shape{1, 2, 1, 2}, {1, 2, 3, 4}}}).data,
              ElementsAre(3.0f, 5.0f, -3.0f, -4.0f));
}

std::vector<float> activate(ActivationKind kind, float alpha, float beta) {
  Tensor x{Shape{1, 5}, {-2.0f, -0.5f, 0.0f, 1.0f, 4.0f}};
  return run1(single_op(ActivationAttrs{kind, alpha, beta}, {x.shape}), {x}).data;
}

TEST(ReferenceActivation, EveryKind) {
  auto expect = [](std::vector<float> got, std::vector<float> want) {
    EXPECT_THAT(got, Pointwise(FloatNear(1e-6f), want));
  };
  expect(activate(ActivationKind::Relu, 0, 0), {0, 0, 0, 1, 4});
  expect(activate(ActivationKind::LeakyRelu, 0.1f, 0), {-0.2f, -0.05f, 0, 1, 4});
  expect(activate(ActivationKind::Clip, 0, 3), {0, 0, 0, 1, 3});
  expect(activate(ActivationKind::HardSigmoid, 0.2f, 0.5f), {0.1f, 0.4f, 0.5f, 0.7f, 1.0f});
  expect(activate(ActivationKind::HardSwish, 0, 0),
         {-1.0f / 3.0f, -0.5f * (5.0f / 12.0f), 0, 2.0f / 3.0f, 4});
  expect(activate(ActivationKind::Sigmoid, 0, 0),
         {0.11920292f, 0.37754067f, 0.5f, 0.73105858f, 0.98201379f});
  expect(activate(ActivationKind::Silu, 0, 0),
         {-0.23840584f, -0.18877033f, 0, 0.73105858f, 3.92805516f});
  expect(activate(ActivationKind::Tanh, 0, 0),
         {-0.96402758f, -0.46211716f, 0, 0.76159416f, 0.99932930f});
}

TEST(ReferenceLrn, AcrossChannelsDividesAlphaBySize) {
  Tensor x{Shape{1, 3, 1, 1}, {1, 2, 3}};
  Tensor y = run1(single_op(LrnAttrs{3, 3.0f, 1.0f, 1.0f, true}, {x.shape}), {x});
  EXPECT_THAT(y.data,
              Pointwise(FloatNear(1e-7f), std::vector<float>{1.0f / 6, 2.0f / 15, 3.0f / 14}));
}

TEST(ReferenceLrn, EvenSizeLooksOneChannelFurtherAhead) {
  Tensor x{Shape{1, 3, 1, 1}, {1, 2, 3}};
  Tensor y = run1(single_op(LrnAttrs{2, 2.0f, 1.0f, 1.0f, true}, {x.shape}), {x});
  // windows {0,1}, {1,2}, {2}
  EXPECT_THAT(y.data,
              Pointwise(FloatNear(1e-7f), std::vector<float>{1.0f / 6, 2.0f / 14, 3.0f / 10}));
}

TEST(ReferenceLrn, WithinChannelDividesAlphaBySizeSquared) {
  Tensor x{Shape{1, 1, 2, 2}, {1, 2, 3, 4}};
  Tensor y = run1(single_op(LrnAttrs{3, 9.0f, 1.0f, 1.0f, false}, {x.shape}), {x});
  EXPECT_THAT(y.data, Pointwise(FloatNear(1e-7f),
                                std::vector<float>{1.0f / 31, 2.0f / 31, 3.0f / 31, 4.0f / 31}));
}

TEST(ReferenceLrn, BetaIsAPower) {
  Tensor x{Shape{1, 1, 1, 1}, {2}};
  Tensor y = run1(single_op(LrnAttrs{1, 3.0f, 0.5f, 2.0f, true}, {x.shape}), {x});
  EXPECT_NEAR(y.data[0], 2.0 / std::sqrt(2.0 + 3.0 * 4.0), 1e-7);
}

TEST(ReferenceConcat, AlongChannelsAndAlongWidth) {
  Tensor a{Shape{1, 1, 2}, {1, 2}}, b{Shape{1, 2, 2}, {3, 4, 5, 6}};
  EXPECT_THAT(run1(single_op(ConcatAttrs{1}, {a.shape, b.shape}), {a, b}).data,
              ElementsAre(1, 2, 3, 4, 5, 6));
  Tensor c{Shape{1, 2, 1}, {1, 2}};
  EXPECT_THAT(run1(single_op(ConcatAttrs{-1}, {c.shape, b.shape}), {c, b}).data,
              ElementsAre(1, 3, 4, 2, 5, 6));
}

TEST(ReferenceBinary, BroadcastsTrailingAndInnerAxes) {
  Tensor a{Shape{2, 3}, iota(6, 0.0f)};
  Tensor row{Shape{3}, {10, 20, 30}};
  EXPECT_THAT(run1(single_op(BinaryAttrs{BinaryKind::Add}, {a.shape, row.shape}), {a, row}).data,
              ElementsAre(10, 21, 32, 13, 24, 35));
  Tensor col{Shape{2, 1}, {2, 3}};
  EXPECT_THAT(run1(single_op(BinaryAttrs{BinaryKind::Mul}, {a.shape, col.shape}), {a, col}).data,
              ElementsAre(0, 2, 4, 9, 12, 15));
  Tensor scalar_first{Shape{1}, {2}};
  EXPECT_THAT(run1(single_op(BinaryAttrs{BinaryKind::Mul}, {scalar_first.shape, a.shape}),
                   {scalar_first, a})
                  .data,
              ElementsAre(0, 2, 4, 6, 8, 10));
}

TEST(ReferenceSoftmax, NormalizesAlongTheAxis) {
  Tensor x{Shape{1, 2}, {0.0f, std::log(3.0f)}};
  EXPECT_THAT(run1(single_op(SoftmaxAttrs{1}, {x.shape}), {x}).data,
              Pointwise(FloatNear(1e-7f), std::vector<float>{0.25f, 0.75f}));
  Tensor y{Shape{2, 2}, {0.0f, 5.0f, std::log(3.0f), 5.0f}};
  EXPECT_THAT(run1(single_op(SoftmaxAttrs{0}, {y.shape}), {y}).data,
              Pointwise(FloatNear(1e-7f), std::vector<float>{0.25f, 0.5f, 0.75f, 0.5f}));
}

TEST(ReferenceSplit, PartsAlongChannels) {
  Tensor x{Shape{1, 3, 2}, iota(6)};
  auto out = run_on("reference", single_op(SplitAttrs{1, {1, 2}}, {x.shape}, 2), {x});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_THAT(out[0].data, ElementsAre(1, 2));
  EXPECT_THAT(out[1].data, ElementsAre(3, 4, 5, 6));
}

TEST(ReferenceSlice, PositiveAndNegativeSteps) {
  Tensor x{Shape{1, 5}, iota(5, 0.0f)};
  EXPECT_THAT(run1(single_op(SliceAttrs{{1}, {5}, {1}, {2}}, {x.shape}), {x}).data,
              ElementsAre(1, 3));
  EXPECT_THAT(run1(single_op(SliceAttrs{{-1}, {-6}, {1}, {-1}}, {x.shape}), {x}).data,
              ElementsAre(4, 3, 2, 1, 0));
  EXPECT_THAT(run1(single_op(SliceAttrs{{-1}, {-100}, {-1}, {-2}}, {x.shape}), {x}).data,
              ElementsAre(4, 2, 0));
  EXPECT_THAT(run1(single_op(SliceAttrs{{0, 1}, {1, 1000}, {}, {}}, {x.shape}), {x}).data,
              ElementsAre(1, 2, 3, 4));
}

TEST(ReferenceTranspose, SwapsAxes) {
  Tensor x{Shape{2, 3}, iota(6, 0.0f)};
  Tensor y = run1(single_op(TransposeAttrs{{1, 0}}, {x.shape}), {x});
  EXPECT_EQ(y.shape, (Shape{3, 2}));
  EXPECT_THAT(y.data, ElementsAre(0, 3, 1, 4, 2, 5));
}

TEST(ReferencePad, ConstantReflectEdge) {
  Tensor x{Shape{1, 3}, {1, 2, 3}};
  const Dims pads{0, 2, 0, 1};
  EXPECT_THAT(run1(single_op(PadAttrs{pads, PadMode::Constant, 9.0f}, {x.shape}), {x}).data,
              ElementsAre(9, 9, 1, 2, 3, 9));
  EXPECT_THAT(run1(single_op(PadAttrs{pads, PadMode::Reflect, 0.0f}, {x.shape}), {x}).data,
              ElementsAre(3, 2, 1, 2, 3, 2));
  EXPECT_THAT(run1(single_op(PadAttrs{pads, PadMode::Edge, 0.0f}, {x.shape}), {x}).data,
              ElementsAre(1, 1, 1, 2, 3, 3));
}

TEST(ReferenceReduceMean, AxesAndKeepdims) {
  Tensor x{Shape{2, 3}, iota(6, 0.0f)};
  Tensor rows = run1(single_op(ReduceMeanAttrs{{1}, true}, {x.shape}), {x});
  EXPECT_EQ(rows.shape, (Shape{2, 1}));
  EXPECT_THAT(rows.data, ElementsAre(1, 4));
  Tensor all = run1(single_op(ReduceMeanAttrs{{}, true}, {x.shape}), {x});
  EXPECT_THAT(all.data, ElementsAre(2.5f));
  Tensor cols = run1(single_op(ReduceMeanAttrs{{-2}, false}, {x.shape}), {x});
  EXPECT_EQ(cols.shape, (Shape{3}));
  EXPECT_THAT(cols.data, ElementsAre(1.5f, 2.5f, 3.5f));
}

TEST(ReferenceViews, ReshapeFlattenDropoutKeepTheData) {
  Tensor x{Shape{1, 2, 3}, iota(6)};
  Tensor r = run1(single_op(ReshapeAttrs{{0, -1}}, {x.shape}), {x});
  EXPECT_EQ(r.shape, (Shape{1, 6}));
  EXPECT_EQ(r.data, x.data);
  Tensor f = run1(single_op(FlattenAttrs{2}, {x.shape}), {x});
  EXPECT_EQ(f.shape, (Shape{2, 3}));
  EXPECT_EQ(f.data, x.data);
  EXPECT_EQ(run1(single_op(DropoutAttrs{0.5f}, {x.shape}), {x}).data, x.data);
}

}  // namespace
}  // namespace synergy
