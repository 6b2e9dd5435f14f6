// The oneDNN backend's compile-time decisions: which layers fuse, and how storages are shared.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/onednn/fusion.hpp"
#include "engine/onednn/storage.hpp"
#include "graph/builder.hpp"

namespace synergy::onednn {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

ConvAttrs conv3x3(int64_t out) {
  return ConvAttrs{out, {3, 3}, {1, 1}, {1, 1}, Pads::same(1), 1, true};
}

// 0 conv, 1 bn, 2 scale, 3 relu, 4 conv (read by 5 and 6), 5 relu, 6 add, 7 sigmoid.
Graph branching() {
  GraphBuilder b("g", "test");
  ValueId x = b.input("x", Shape{1, 4, 6, 6});
  ValueId c = b.add1("c", conv3x3(4), {x});
  ValueId n = b.add1("bn", BatchNormAttrs{}, {c});
  ValueId s = b.add1("sc", ScaleAttrs{}, {n});
  ValueId r = b.add1("r", ActivationAttrs{}, {s});
  ValueId c2 = b.add1("c2", conv3x3(4), {r});
  ValueId r2 = b.add1("r2", ActivationAttrs{}, {c2});
  ValueId a = b.add1("add", BinaryAttrs{}, {r2, c2});
  return b.finish({b.add1("sig", ActivationAttrs{ActivationKind::Sigmoid}, {a})});
}

TEST(FusionPlan, FoldsAndFusesOnlySoleConsumers) {
  const Graph g = branching();
  const FusionPlan p = plan_fusion(g, OnednnOptions{});
  EXPECT_THAT(p.host, ElementsAre(-1, 0, 0, 0, -1, -1, -1, 6));
  EXPECT_THAT(p.affine[0], ElementsAre(1, 2));
  EXPECT_THAT(p.activations[0], ElementsAre(3));
  EXPECT_THAT(p.activations[4], IsEmpty()) << "conv c2 has two readers";
  EXPECT_EQ(p.output[0], g.nodes[3].outputs[0]);
  EXPECT_EQ(p.output[6], g.outputs[0]);
}

TEST(FusionPlan, SwitchesTurnEachKindOff) {
  const Graph g = branching();
  const FusionPlan no_fold = plan_fusion(g, OnednnOptions{true, false});
  EXPECT_THAT(no_fold.affine[0], IsEmpty());
  EXPECT_THAT(no_fold.host, ElementsAre(-1, -1, -1, 2, -1, -1, -1, 6))
      << "bn and scale stay separate; the scale takes the relu";
  const FusionPlan none = plan_fusion(g, OnednnOptions{false, false, false});
  EXPECT_THAT(none.host, ::testing::Each(FusionPlan::kNotFused));
}

TEST(FusionPlan, GraphOutputsAreNeverFusedAway) {
  GraphBuilder b("g", "test");
  ValueId x = b.input("x", Shape{1, 4, 6, 6});
  ValueId c = b.add1("c", conv3x3(4), {x});
  ValueId r = b.add1("r", ActivationAttrs{}, {c});
  const Graph g = b.finish({r, c});
  EXPECT_THAT(plan_fusion(g, OnednnOptions{}).host, ElementsAre(-1, -1));
}

// 0 c1, 1 bn1, 2 relu, 3 c2, 4 bn2, 5 add(bn2, x), 6 relu: an identity block.
Graph identity_block() {
  GraphBuilder b("g", "test");
  ValueId x = b.input("x", Shape{1, 4, 6, 6});
  ValueId r = b.add1("r", ActivationAttrs{},
                     {b.add1("bn1", BatchNormAttrs{}, {b.add1("c1", conv3x3(4), {x})})});
  ValueId n2 = b.add1("bn2", BatchNormAttrs{}, {b.add1("c2", conv3x3(4), {r})});
  return b.finish({b.add1("out", ActivationAttrs{}, {b.add1("add", BinaryAttrs{}, {n2, x})})});
}

TEST(FusionPlan, AResidualAddRunsAsASumPostOpOfTheLastConvolution) {
  const Graph g = identity_block();
  const FusionPlan p = plan_fusion(g, OnednnOptions{});
  EXPECT_THAT(p.host, ElementsAre(-1, 0, 0, -1, 3, 3, 3));
  EXPECT_EQ(p.residual_add[3], 5);
  EXPECT_EQ(p.residual[3], g.inputs[0]);
  EXPECT_THAT(p.affine[3], ElementsAre(4));
  EXPECT_THAT(p.activations[3], ElementsAre(6)) << "the ReLU after the add follows the sum";
  EXPECT_EQ(p.output[3], g.outputs[0]);
  EXPECT_EQ(p.residual_add[0], FusionPlan::kNotFused);
  const FusionPlan off = plan_fusion(g, OnednnOptions{true, true, false});
  EXPECT_THAT(off.host, ElementsAre(-1, 0, 0, -1, 3, -1, 5)) << "the add runs alone";
}

TEST(FusionPlan, TheConvolutionThatRunsSecondTakesTheAdd) {
  // 0 main conv, 1 bn, 2 shortcut conv, 3 bn, 4 add(main, shortcut): the shortcut comes later.
  GraphBuilder b("g", "test");
  ValueId x = b.input("x", Shape{1, 4, 6, 6});
  ValueId main = b.add1("bn", BatchNormAttrs{}, {b.add1("c", conv3x3(4), {x})});
  ValueId shortcut = b.add1("ds_bn", BatchNormAttrs{}, {b.add1("ds", conv3x3(4), {x})});
  const Graph g = b.finish({b.add1("add", BinaryAttrs{}, {main, shortcut})});
  const FusionPlan p = plan_fusion(g, OnednnOptions{});
  EXPECT_THAT(p.host, ElementsAre(-1, 0, -1, 2, 2));
  EXPECT_EQ(p.residual[2], main);
  EXPECT_EQ(p.residual_add[0], FusionPlan::kNotFused);
}

TEST(FusionPlan, OnlyElementwiseAddsOfTwoValuesFuse) {
  GraphBuilder b("g", "test");
  ValueId x = b.input("x", Shape{1, 4, 6, 6});
  ValueId bias = b.input("bias", Shape{1, 4, 1, 1});
  ValueId c = b.add1("c", conv3x3(4), {x});
  ValueId broadcast = b.add1("bcast", BinaryAttrs{}, {c, bias});
  ValueId c2 = b.add1("c2", conv3x3(4), {broadcast});
  ValueId mul = b.add1("mul", BinaryAttrs{BinaryKind::Mul}, {c2, x});
  ValueId c3 = b.add1("c3", conv3x3(4), {mul});
  const Graph g = b.finish({b.add1("twice", BinaryAttrs{}, {c3, c3})});
  EXPECT_THAT(plan_fusion(g, OnednnOptions{}).host, ElementsAre(-1, -1, -1, -1, -1, -1));
}

TEST(StoragePool, ReusesFreedStoragesBestFitFirst) {
  StoragePool pool;
  const int big = pool.acquire(1000, 0);
  const int small = pool.acquire(100, 0);
  pool.release_through(0);
  EXPECT_EQ(pool.acquire(90, 5), small);
  EXPECT_EQ(pool.acquire(900, 5), big);
  EXPECT_NE(pool.acquire(10, 5), big) << "nothing is free any more";
}

TEST(StoragePool, GrowsTheLargestFreeStorageInsteadOfAddingOne) {
  StoragePool pool;
  const int a = pool.acquire(100, 0);
  pool.release_through(0);
  EXPECT_EQ(pool.acquire(400, 3), a);
  EXPECT_EQ(pool.total_bytes(), 400u);
}

TEST(StoragePool, ExtendedAndExternalStoragesStayBusy) {
  StoragePool pool;
  const int a = pool.acquire(100, 1);
  pool.extend(a, 4);
  const int in = pool.external();
  pool.release_through(3);
  EXPECT_NE(pool.acquire(100, 9), a);
  EXPECT_NE(pool.acquire(100, 9), in);
  pool.release_through(4);
  EXPECT_EQ(pool.acquire(100, 9), a);
  EXPECT_TRUE(pool.is_external(in));
}

}  // namespace
}  // namespace synergy::onednn
