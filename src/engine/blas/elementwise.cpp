// Activations and broadcasting binary ops.
#include <algorithm>
#include <cmath>

#include "engine/blas/index.hpp"
#include "engine/blas/kernels.hpp"

namespace synergy::blas {
namespace {

float sigmoid(float x) {
  return 1.0f / (1.0f + std::exp(-x));
}

template <class F>
void apply(float* data, int64_t n, F f) {
  for (int64_t i = 0; i < n; ++i) data[i] = f(data[i]);
}

}  // namespace

void activate(const ActivationAttrs& a, float* d, int64_t n) {
  switch (a.kind) {
    case ActivationKind::Relu:
      return apply(d, n, [](float x) { return x > 0.0f ? x : 0.0f; });
    case ActivationKind::LeakyRelu:
      return apply(d, n, [&](float x) { return x > 0.0f ? x : a.alpha * x; });
    case ActivationKind::Clip:
      return apply(d, n, [&](float x) { return std::min(std::max(x, a.alpha), a.beta); });
    case ActivationKind::Sigmoid:
      return apply(d, n, sigmoid);
    case ActivationKind::HardSigmoid:
      return apply(d, n, [&](float x) { return std::clamp(a.alpha * x + a.beta, 0.0f, 1.0f); });
    case ActivationKind::HardSwish:
      return apply(d, n, [](float x) { return x * std::clamp(x / 6.0f + 0.5f, 0.0f, 1.0f); });
    case ActivationKind::Silu:
      return apply(d, n, [](float x) { return x * sigmoid(x); });
    case ActivationKind::Tanh:
      return apply(d, n, [](float x) { return std::tanh(x); });
  }
}

void activation(KernelArgs& args) {
  const int64_t n = args.in_shapes[0].numel();
  if (args.out[0] != args.in[0]) std::copy(args.in[0], args.in[0] + n, args.out[0]);
  activate(args.node->as<ActivationAttrs>(), args.out[0], n);
}

void binary(KernelArgs& args) {
  const bool add = args.node->as<BinaryAttrs>().kind == BinaryKind::Add;
  const Shape& os = args.out_shapes[0];
  const float* a = args.in[0];
  const float* b = args.in[1];
  float* y = args.out[0];
  const int64_t n = os.numel();
  if (args.in_shapes[0] == os && args.in_shapes[1] == os) {
    for (int64_t i = 0; i < n; ++i) y[i] = add ? a[i] + b[i] : a[i] * b[i];
    return;
  }
  const Dims& sa = args.prepared.strides[0];
  const Dims& sb = args.prepared.strides[1];
  for_each_index(os, args.prepared.index, [&](const Dims& idx, int64_t i) {
    const float va = a[offset_of(idx, sa)], vb = b[offset_of(idx, sb)];
    y[i] = add ? va + vb : va * vb;
  });
}

void prepare_binary(KernelArgs& args) {
  const Shape& os = args.out_shapes[0];
  args.prepared.strides = {broadcast_strides(args.in_shapes[0], os),
                           broadcast_strides(args.in_shapes[1], os)};
}

}  // namespace synergy::blas
