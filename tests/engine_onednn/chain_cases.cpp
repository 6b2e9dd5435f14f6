#include "chain_cases.hpp"

#include "common/op_attrs.hpp"
#include "graph/builder.hpp"

namespace synergy::onednn_test {
namespace {

using testing::conv;
using testing::global;
using testing::pool;

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

// conv -> BatchNorm -> Add(residual) -> ReLU, the residual add as a sum post-op: an identity
// block whose residual dies at the add (accumulated in place), a downsampling block whose shortcut
// convolution comes after the main branch (the later convolution takes the add), and an add whose
// residual is read again afterwards (accumulated into a copy).
Graph residual_blocks() {
  GraphBuilder b("residual", "test");
  const auto block_conv = [&](const std::string& name, int64_t out, int64_t k, int64_t stride,
                              ValueId in) {
    ValueId c = b.add1(name, conv(out, {k, k}, {stride, stride}, Pads::same(k / 2)), {in});
    return b.add1(name + "_bn", BatchNormAttrs{1e-5f}, {c});
  };
  ValueId x = b.input("x", Shape{1, 16, 8, 8});
  ValueId r0 = b.add1("r0", ActivationAttrs{}, {block_conv("c0", 16, 3, 1, x)});
  ValueId a1 = b.add1("a1", ActivationAttrs{}, {block_conv("c1", 16, 3, 1, r0)});
  ValueId s1 = b.add1("s1", BinaryAttrs{BinaryKind::Add}, {block_conv("c2", 16, 3, 1, a1), r0});
  ValueId o1 = b.add1("o1", ActivationAttrs{}, {s1});
  ValueId main = block_conv("c3", 24, 3, 2, o1);
  ValueId shortcut = block_conv("ds", 24, 1, 2, o1);
  ValueId o2 = b.add1("o2", ActivationAttrs{}, {b.add1("s2", BinaryAttrs{}, {main, shortcut})});
  ValueId s3 = b.add1("s3", BinaryAttrs{}, {block_conv("c4", 24, 3, 1, o2), o2});
  ValueId s4 = b.add1("s4", BinaryAttrs{}, {s3, o2});
  ValueId p = b.add1("gap", global(PoolKind::Average), {s4});
  return b.finish({b.add1("fc", FullyConnectedAttrs{10, true}, {p})});
}

// A residual that is a graph input, also read by the convolution that takes the add.
Graph residual_of_input() {
  GraphBuilder b("residual_input", "test");
  ValueId x = b.input("x", Shape{2, 8, 5, 5});
  ValueId c = b.add1("c", conv(8, {3, 3}, {1, 1}, Pads::same(1)), {x});
  ValueId s = b.add1("s", BinaryAttrs{}, {x, c});
  return b.finish({b.add1("r", ActivationAttrs{ActivationKind::Clip, 0.0f, 6.0f}, {s})});
}

}  // namespace

const std::vector<test::OpCase>& chain_cases() {
  static const std::vector<test::OpCase> cases{
      {"fusion_chain", fusion_chain},           {"preactivation_chain", preactivation_chain},
      {"shuffle_chain", shuffle_chain},         {"residual_blocks", residual_blocks},
      {"residual_of_input", residual_of_input},
  };
  return cases;
}

}  // namespace synergy::onednn_test
