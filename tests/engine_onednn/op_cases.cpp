#include "op_cases.hpp"

#include "common/op_attrs.hpp"
#include "harness.hpp"

namespace synergy::onednn_test {
namespace {

using testing::conv;
using testing::global;
using testing::pool;

Graph act(ActivationKind k, float alpha = 0.0f, float beta = 0.0f) {
  return single_op(ActivationAttrs{k, alpha, beta}, {Shape{1, 13, 5, 7}});
}

const Shape kOdd{2, 13, 11, 9};

}  // namespace

const std::vector<OpCase>& op_cases() {
  static const std::vector<OpCase> cases{
      {"conv3x3",
       [] {
         return single_op(conv(16, {3, 3}, {1, 1}, Pads::same(1)), {kOdd});
       }},
      {"conv_stride_gt_kernel",
       [] {
         return single_op(conv(7, {2, 2}, {3, 3}, Pads{}), {kOdd});
       }},
      {"conv_asym_pad",
       [] {
         return single_op(conv(8, {3, 2}, {2, 1}, Pads{0, 1, 2, 0}), {kOdd});
       }},
      {"conv_groups",
       [] {
         return single_op(conv(26, {3, 3}, {1, 1}, Pads::same(1), 13), {kOdd});
       }},
      {"conv_depthwise_s2",
       [] {
         return single_op(conv(32, {3, 3}, {2, 2}, Pads::same(1), 32), {Shape{1, 32, 15, 15}});
       }},
      {"conv_dilated",
       [] {
         return single_op(conv(5, {3, 3}, {1, 1}, Pads::same(2), 1, {2, 2}), {kOdd});
       }},
      {"conv_pad_exceeds_kernel",
       [] {
         return single_op(conv(6, {1, 1}, {2, 2}, Pads{3, 2, 1, 4}), {kOdd});
       }},
      {"conv_no_bias_1x1",
       [] {
         return single_op(conv(127, {1, 1}, {1, 1}, {}, 1, {1, 1}, false), {kOdd});
       }},
      {"conv_rgb_7x7",
       [] {
         return single_op(conv(64, {7, 7}, {2, 2}, Pads::same(3)), {Shape{1, 3, 33, 31}});
       }},
      {"maxpool_ceil",
       [] {
         return single_op(pool(PoolKind::Max, {3, 3}, {2, 2}, {}, Rounding::Ceil), {kOdd});
       }},
      {"maxpool_pad_floor",
       [] {
         return single_op(pool(PoolKind::Max, {3, 3}, {2, 2}, Pads::same(1), Rounding::Floor),
                          {kOdd});
       }},
      {"avgpool_exclude_pad",
       [] {
         return single_op(
             pool(PoolKind::Average, {3, 3}, {2, 2}, Pads{1, 0, 0, 1}, Rounding::Floor), {kOdd});
       }},
      {"avgpool_include_pad",
       [] {
         return single_op(
             pool(PoolKind::Average, {3, 3}, {1, 1}, Pads::same(1), Rounding::Floor, true), {kOdd});
       }},
      {"avgpool_ceil_include_pad",
       [] {
         return single_op(
             pool(PoolKind::Average, {3, 3}, {2, 2}, Pads::same(1), Rounding::Ceil, true), {kOdd});
       }},
      {"avgpool_ceil_exclude_pad",
       [] {
         return single_op(pool(PoolKind::Average, {2, 2}, {2, 2}, {}, Rounding::Ceil), {kOdd});
       }},
      {"avgpool_pad_exceeds_kernel",
       [] {
         return single_op(
             pool(PoolKind::Average, {2, 2}, {2, 2}, Pads::same(2), Rounding::Floor, true), {kOdd});
       }},
      {"global_avgpool", [] { return single_op(global(PoolKind::Average), {kOdd}); }},
      {"global_maxpool", [] { return single_op(global(PoolKind::Max), {kOdd}); }},
      {"fc_2d",
       [] {
         return single_op(FullyConnectedAttrs{37, true}, {Shape{3, 129}});
       }},
      {"fc_4d",
       [] {
         return single_op(FullyConnectedAttrs{10, false}, {kOdd});
       }},
      {"fc_3d",
       [] {
         return single_op(FullyConnectedAttrs{6, true}, {Shape{2, 5, 7}});
       }},
      {"batch_norm", [] { return single_op(BatchNormAttrs{1e-3f}, {kOdd}); }},
      {"scale", [] { return single_op(ScaleAttrs{true}, {kOdd}); }},
      {"relu", [] { return act(ActivationKind::Relu); }},
      {"leaky_relu", [] { return act(ActivationKind::LeakyRelu, 0.1f); }},
      {"relu6", [] { return act(ActivationKind::Clip, 0.0f, 6.0f); }},
      {"clip", [] { return act(ActivationKind::Clip, -0.25f, 0.5f); }},
      {"sigmoid", [] { return act(ActivationKind::Sigmoid); }},
      {"hard_sigmoid", [] { return act(ActivationKind::HardSigmoid, 0.2f, 0.5f); }},
      {"hard_swish", [] { return act(ActivationKind::HardSwish); }},
      {"silu", [] { return act(ActivationKind::Silu); }},
      {"tanh", [] { return act(ActivationKind::Tanh); }},
      {"lrn_across",
       [] {
         return single_op(LrnAttrs{5, 1e-2f, 0.75f, 1.0f, true}, {kOdd});
       }},
      {"lrn_across_even",
       [] {
         return single_op(LrnAttrs{4, 1e-2f, 0.75f, 1.0f, true}, {kOdd});
       }},
      {"lrn_within_even",
       [] {
         return single_op(LrnAttrs{2, 5e-2f, 0.75f, 1.0f, false}, {kOdd});
       }},
      {"lrn_within",
       [] {
         return single_op(LrnAttrs{3, 5e-2f, 0.75f, 1.0f, false}, {kOdd});
       }},
      {"softmax_2d",
       [] {
         return single_op(SoftmaxAttrs{1}, {Shape{3, 1000}});
       }},
      {"softmax_4d_channels", [] { return single_op(SoftmaxAttrs{1}, {kOdd}); }},
      {"concat_channels",
       [] {
         return single_op(ConcatAttrs{1}, {Shape{2, 13, 5, 5}, Shape{2, 3, 5, 5}});
       }},
      {"concat_width",
       [] {
         return single_op(ConcatAttrs{-1}, {Shape{1, 4, 5, 2}, Shape{1, 4, 5, 7}});
       }},
      {"add_same",
       [] {
         return single_op(BinaryAttrs{BinaryKind::Add}, {kOdd, kOdd});
       }},
      {"mul_channel_broadcast",
       [] {
         return single_op(BinaryAttrs{BinaryKind::Mul}, {kOdd, Shape{2, 13, 1, 1}});
       }},
      {"add_broadcast_first",
       [] {
         return single_op(BinaryAttrs{BinaryKind::Add}, {Shape{13, 1, 1}, kOdd});
       }},
      {"mul_both_broadcast",
       [] {
         return single_op(BinaryAttrs{BinaryKind::Mul}, {Shape{2, 13, 1, 1}, Shape{1, 1, 11, 9}});
       }},
      {"dropout", [] { return single_op(DropoutAttrs{0.5f}, {kOdd}); }},
      {"flatten", [] { return single_op(FlattenAttrs{1}, {kOdd}); }},
      {"reshape",
       [] {
         return single_op(ReshapeAttrs{{2, -1, 9}}, {kOdd});
       }},
      {"split",
       [] {
         return single_op(SplitAttrs{1, {5, 8}}, {kOdd}, 2);
       }},
      {"slice",
       [] {
         return single_op(SliceAttrs{{1, -2}, {12, -100}, {1, 3}, {3, -1}}, {kOdd});
       }},
      {"transpose",
       [] {
         return single_op(TransposeAttrs{{0, 2, 3, 1}}, {kOdd});
       }},
      {"pad_constant",
       [] {
         return single_op(PadAttrs{{0, 0, 1, 2, 0, 1, 0, 3}, PadMode::Constant, 0.5f}, {kOdd});
       }},
      {"pad_reflect",
       [] {
         return single_op(PadAttrs{{0, 0, 2, 1, 0, 0, 1, 2}, PadMode::Reflect, 0.0f}, {kOdd});
       }},
      {"pad_edge",
       [] {
         return single_op(PadAttrs{{0, 0, 2, 1, 0, 0, 1, 2}, PadMode::Edge, 0.0f}, {kOdd});
       }},
      {"reduce_mean_spatial",
       [] {
         return single_op(ReduceMeanAttrs{{2, 3}, true}, {kOdd});
       }},
      {"reduce_mean_spatial_drop",
       [] {
         return single_op(ReduceMeanAttrs{{-1, -2}, false}, {kOdd});
       }},
      {"reduce_mean_channels",
       [] {
         return single_op(ReduceMeanAttrs{{1}, true}, {kOdd});
       }},
  };
  return cases;
}

namespace {

// conv -> BatchNorm -> Scale -> ReLU (all foldable), then a branch whose conv output is also read
// by a second consumer (not fusable), a residual add -> ReLU, and an FC head.
Graph fusion_chain() {
  GraphBuilder b("chain", "test");
  ValueId x = b.input("x", Shape{1, 13, 12, 12});
  ValueId c1 = b.add1("c1", conv(24, {3, 3}, {1, 1}, Pads::same(1)), {x});
  ValueId bn = b.add1("bn", BatchNormAttrs{1e-5f}, {c1});
  ValueId sc = b.add1("sc", ScaleAttrs{true}, {bn});
  ValueId r1 = b.add1("r1", ActivationAttrs{ActivationKind::Relu}, {sc});
  ValueId c2 = b.add1("c2", conv(24, {1, 1}, {1, 1}, {}), {r1});
  ValueId r2 = b.add1("r2", ActivationAttrs{ActivationKind::Clip, 0.0f, 6.0f}, {c2});
  ValueId sum = b.add1("sum", BinaryAttrs{BinaryKind::Add}, {r2, c2});
  ValueId r3 = b.add1("r3", ActivationAttrs{ActivationKind::Relu}, {sum});
  ValueId add2 = b.add1("add2", BinaryAttrs{BinaryKind::Add}, {r3, r1});
  ValueId p = b.add1("gap", global(PoolKind::Average), {add2});
  ValueId fc = b.add1("fc", FullyConnectedAttrs{10, true}, {p});
  ValueId hs = b.add1("hs", ActivationAttrs{ActivationKind::HardSigmoid, 0.2f, 0.5f}, {fc});
  return b.finish({hs, r1});
}

// Standalone BatchNorm -> Scale -> ReLU (pre-activation), concat, depthwise, flatten, softmax.
Graph preactivation_chain() {
  GraphBuilder b("preact", "test");
  ValueId x = b.input("x", Shape{2, 16, 9, 9});
  ValueId bn = b.add1("bn", BatchNormAttrs{1e-5f}, {x});
  ValueId sc = b.add1("sc", ScaleAttrs{false}, {bn});
  ValueId r = b.add1("r", ActivationAttrs{ActivationKind::Relu}, {sc});
  ValueId dw = b.add1("dw", conv(16, {3, 3}, {2, 2}, Pads{1, 1, 0, 0}, 16), {r});
  ValueId pw = b.add1("pw", conv(20, {1, 1}, {1, 1}, {}), {dw});
  ValueId mp = b.add1("mp", pool(PoolKind::Max, {3, 3}, {2, 2}, {}, Rounding::Ceil), {r});
  ValueId cat = b.add1("cat", ConcatAttrs{1}, {pw, mp});
  ValueId sw = b.add1("sw", ActivationAttrs{ActivationKind::HardSwish}, {cat});
  ValueId lrn = b.add1("lrn", LrnAttrs{5, 1e-3f, 0.75f, 2.0f, true}, {sw});
  ValueId f = b.add1("flat", FlattenAttrs{1}, {lrn});
  ValueId fc = b.add1("fc", FullyConnectedAttrs{7, true}, {f});
  return b.finish({b.add1("prob", SoftmaxAttrs{1}, {fc})});
}

// Channel shuffle (reshape, transpose, reshape), split, squeeze-excitation scaling.
Graph shuffle_chain() {
  GraphBuilder b("shuffle", "test");
  ValueId x = b.input("x", Shape{1, 12, 7, 7});
  ValueId c = b.add1("c", conv(12, {3, 3}, {1, 1}, Pads::same(1)), {x});
  ValueId r = b.add1("r", ReshapeAttrs{{1, 2, 6, 7, 7}}, {c});
  ValueId t = b.add1("t", TransposeAttrs{{0, 2, 1, 3, 4}}, {r});
  ValueId back = b.add1("back", ReshapeAttrs{{1, 12, 7, 7}}, {t});
  auto parts = b.add("split", SplitAttrs{1, {4, 8}}, {back}, 2);
  ValueId se = b.add1("se", ReduceMeanAttrs{{2, 3}, true}, {parts[1]});
  ValueId sc = b.add1("se_fc", conv(8, {1, 1}, {1, 1}, {}), {se});
  ValueId sg = b.add1("se_sig", ActivationAttrs{ActivationKind::Sigmoid}, {sc});
  ValueId m = b.add1("mul", BinaryAttrs{BinaryKind::Mul}, {parts[1], sg});
  ValueId cat = b.add1("cat", ConcatAttrs{1}, {parts[0], m});
  return b.finish({b.add1("drop", DropoutAttrs{0.5f}, {cat})});
}

}  // namespace

const std::vector<OpCase>& chain_cases() {
  static const std::vector<OpCase> cases{
      {"fusion_chain", fusion_chain},
      {"preactivation_chain", preactivation_chain},
      {"shuffle_chain", shuffle_chain},
  };
  return cases;
}

}  // namespace synergy::onednn_test
