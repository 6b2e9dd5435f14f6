#include "roundtrip.hpp"

#include <gtest/gtest.h>

#include "common/expect_costs.hpp"
#include "graph/builder.hpp"
#include "graph/cost.hpp"
#include "io/onnx/onnx.hpp"

namespace synergy {
// Every op kind at least once, with the variants that need care (ceil pooling, asymmetric
// pads, groups, 4-D fully-connected input, Scale with and without bias, gated activations).
Graph every_op() {
  GraphBuilder b("every_op", "test");
  ValueId x = b.input("data", {1, 6, 15, 13});
  ConvAttrs c1{12, {3, 3}, {2, 2}, {1, 1}, {1, 0, 2, 1}, 3, true};
  x = b.add1("conv1", c1, {x});
  x = b.add1("bn1", BatchNormAttrs{1e-3f}, {x});
  x = b.add1("scale1", ScaleAttrs{true}, {x});
  x = b.add1("relu1", ActivationAttrs{ActivationKind::Relu}, {x});
  x = b.add1("pool1", PoolAttrs{PoolKind::Max, {3, 3}, {2, 2}, {}, Rounding::Ceil}, {x});
  x = b.add1("lrn1", LrnAttrs{}, {x});
  ConvAttrs dw{12, {3, 3}, {1, 1}, {2, 2}, Pads::same(2), 12, false};
  const ValueId d = b.add1("dw", dw, {x});
  const ValueId s = b.add1("hswish", ActivationAttrs{ActivationKind::HardSwish}, {d});
  const ValueId t = b.add1("silu", ActivationAttrs{ActivationKind::Silu}, {x});
  x = b.add1("sum", BinaryAttrs{BinaryKind::Add}, {s, t});
  const ValueId se =
      b.add1("se_pool", PoolAttrs{PoolKind::Average, {}, {}, {}, Rounding::Floor, true}, {x});
  const ValueId gate =
      b.add1("se_gate", ActivationAttrs{ActivationKind::HardSigmoid, 0.2f, 0.5f}, {se});
  x = b.add1("se_mul", BinaryAttrs{BinaryKind::Mul}, {x, gate});
  x = b.add1("scale2", ScaleAttrs{false}, {x});
  auto parts = b.add("split", SplitAttrs{1, {4, 8}}, {x}, 2);
  x = b.add1("cat", ConcatAttrs{1}, {parts[1], parts[0]});
  x = b.add1("shuffle_a", ReshapeAttrs{{0, 2, 6, 4, 3}}, {x});
  x = b.add1("shuffle_t", TransposeAttrs{{0, 2, 1, 3, 4}}, {x});
  x = b.add1("shuffle_b", ReshapeAttrs{{0, -1, 4, 3}}, {x});
  x = b.add1("pad", PadAttrs{{0, 0, 1, 0, 0, 0, 0, 1}, PadMode::Edge, 0.0f}, {x});
  x = b.add1("slice", SliceAttrs{{1}, {5}, {2}, {2}}, {x});
  x = b.add1("clip", ActivationAttrs{ActivationKind::Clip, 0.0f, 6.0f}, {x});
  x = b.add1(
      "avg",
      PoolAttrs{PoolKind::Average, {2, 2}, {1, 1}, Pads::same(1), Rounding::Floor, false, true},
      {x});
  const ValueId m = b.add1("mean", ReduceMeanAttrs{{2, 3}, true}, {x});
  x = b.add1("leaky", ActivationAttrs{ActivationKind::LeakyRelu, 0.1f}, {x});
  x = b.add1("sig", ActivationAttrs{ActivationKind::Sigmoid}, {x});
  x = b.add1("tanh", ActivationAttrs{ActivationKind::Tanh}, {x});
  x = b.add1("fc1", FullyConnectedAttrs{20, true}, {x});
  x = b.add1("drop", DropoutAttrs{0.5f}, {x});
  const ValueId f = b.add1("flat", FlattenAttrs{1}, {m});
  const ValueId fc2 = b.add1("fc2", FullyConnectedAttrs{20, false}, {f});
  x = b.add1("join", BinaryAttrs{BinaryKind::Add}, {x, fc2});
  x = b.add1("prob", SoftmaxAttrs{1}, {x});
  return b.finish({x});
}

void expect_same_costs_after_round_trip(const Graph& graph) {
  const Graph back = import_onnx_bytes(export_onnx_bytes(graph), graph.name + ".onnx");
  testing::expect_same_costs(analyze(graph), analyze(back), graph.name);
}

}  // namespace synergy
