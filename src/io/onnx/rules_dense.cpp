// Mapping rules: Gemm, MatMul, BatchNormalization, Flatten.
#include "io/onnx/rules.hpp"

namespace synergy::onnx_io::rules {
namespace {

// Row-major [rows, cols] -> [cols, rows].
std::vector<float> transposed(const std::vector<float>& m, int64_t rows, int64_t cols) {
  std::vector<float> t(m.size());
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      t[static_cast<size_t>(c * rows + r)] = m[static_cast<size_t>(r * cols + c)];
  return t;
}

// The input of a fully-connected layer: a helper Flatten the exporter added is absorbed.
ValueId fc_input(LowerContext& ctx, ValueId x) {
  Node* p = ctx.producer(x);
  if (p && p->kind() == OpKind::Flatten && p->as<FlattenAttrs>().axis == 1 && ctx.is_helper(x) &&
      ctx.uses(ctx.graph().values[static_cast<size_t>(x)].name) == 1) {
    const ValueId in = p->inputs[0];
    ctx.drop_producer(x);
    return in;
  }
  return x;
}

}  // namespace

void gemm(LowerContext& ctx, const OnnxNode& n) {
  ValueId x = ctx.value(n, 0);
  const ConstTensor& b = ctx.constant(n, 1);
  if (attr_int(n, "transA", 0) != 0) throw unsupported("Gemm with transA=1 is not supported");
  if (b.dims.size() != 2) throw bad_input("Gemm weight must be 2-D");
  const bool trans_b = attr_int(n, "transB", 0) != 0;
  const int64_t out = trans_b ? b.dims[0] : b.dims[1];
  const int64_t in = trans_b ? b.dims[1] : b.dims[0];
  std::vector<float> w = b.to_floats();
  if (!trans_b) w = transposed(w, in, out);
  const float alpha = attr_float(n, "alpha", 1.0f), beta = attr_float(n, "beta", 1.0f);
  for (float& v : w) v *= alpha;
  x = fc_input(ctx, x);
  FullyConnectedAttrs a{out, ctx.present(n, 2)};
  std::vector<Param> params{make_param("weight", {out, in}, std::move(w))};
  if (a.has_bias) {
    const ConstTensor& c = ctx.constant(n, 2);
    if (c.size() != out && c.size() != 1) {
      throw unsupported("Gemm bias of shape " + Shape(c.dims).str() + " is not per output");
    }
    std::vector<float> bias(static_cast<size_t>(out));
    for (int64_t i = 0; i < out; ++i)
      bias[static_cast<size_t>(i)] = beta * c.float_at(c.size() == 1 ? 0 : i);
    params.push_back(make_param("bias", {out}, std::move(bias)));
  }
  ctx.emit(n, a, {x}, std::move(params));
}

void mat_mul(LowerContext& ctx, const OnnxNode& n) {
  const ValueId x = ctx.value(n, 0);
  shape_of_rank(ctx, x, 2);
  const ConstTensor& b = ctx.constant(n, 1);
  if (b.dims.size() != 2) throw unsupported("MatMul needs a 2-D constant right operand");
  const int64_t in = b.dims[0], out = b.dims[1];
  FullyConnectedAttrs a{out, false};
  ctx.emit(n, a, {x}, {make_param("weight", {out, in}, transposed(b.to_floats(), in, out))});
}

void batch_norm(LowerContext& ctx, const OnnxNode& n) {
  const ValueId x = ctx.value(n, 0);
  if (attr_int(n, "training_mode", 0) != 0)
    throw unsupported("BatchNormalization in training mode");
  if (attr_int(n, "spatial", 1) != 1) throw unsupported("BatchNormalization with spatial=0");
  BatchNormAttrs a{attr_float(n, "epsilon", 1e-5f)};
  std::vector<Param> params{
      make_param("scale", ctx.constant(n, 1)), make_param("bias", ctx.constant(n, 2)),
      make_param("mean", ctx.constant(n, 3)), make_param("variance", ctx.constant(n, 4))};
  ctx.emit(n, a, {x}, std::move(params));
}

void flatten(LowerContext& ctx, const OnnxNode& n) {
  ctx.emit(n, FlattenAttrs{attr_int(n, "axis", 1)}, {ctx.value(n, 0)});
  if (is_helper_node(n)) ctx.mark_helper(ctx.graph().nodes.back().outputs[0]);
}

}  // namespace synergy::onnx_io::rules
