// Typed attributes of every op. One struct per op; the variant index is the OpKind.
#pragma once

#include <cstdint>
#include <variant>

#include "graph/shape.hpp"

namespace synergy {

struct Hw {
  int64_t h = 1;
  int64_t w = 1;
  bool operator==(const Hw&) const = default;
};

struct Pads {
  int64_t top = 0, left = 0, bottom = 0, right = 0;
  static Pads same(int64_t p) { return {p, p, p, p}; }
  bool operator==(const Pads&) const = default;
};

enum class Rounding { Floor, Ceil };  // ONNX pools floor; Caffe pools ceil.

struct ConvAttrs {
  int64_t out_channels = 0;
  Hw kernel;
  Hw stride;
  Hw dilation;
  Pads pads;
  int64_t groups = 1;
  bool has_bias = true;
};

enum class PoolKind { Max, Average };

struct PoolAttrs {
  PoolKind kind = PoolKind::Max;
  Hw kernel;
  Hw stride;
  Pads pads;
  Rounding rounding = Rounding::Floor;
  bool global = false;             // kernel = whole input plane
  bool count_include_pad = false;  // average pooling divisor (Caffe: true)
};

// Inner product over the input flattened from axis 1 (Caffe InnerProduct, ONNX Gemm/MatMul).
struct FullyConnectedAttrs {
  int64_t out_features = 0;
  bool has_bias = true;
};

// y = gamma * (x - mean) / sqrt(var + epsilon) + beta, per channel (axis 1).
struct BatchNormAttrs {
  float epsilon = 1e-5f;
};

// y = scale * x (+ bias), per channel (axis 1): Caffe's Scale layer.
struct ScaleAttrs {
  bool has_bias = true;
};

enum class ActivationKind { Relu, LeakyRelu, Clip, Sigmoid, HardSigmoid, HardSwish, Silu, Tanh };

// LeakyRelu: alpha = negative slope. Clip: [alpha, beta] (ReLU6: 0, 6).
// HardSigmoid: max(0, min(1, alpha * x + beta)).
struct ActivationAttrs {
  ActivationKind kind = ActivationKind::Relu;
  float alpha = 0.0f;
  float beta = 0.0f;
};

// Local response normalisation (AlexNet, GoogLeNet): across channels or within a channel.
struct LrnAttrs {
  int64_t size = 5;
  float alpha = 1e-4f;
  float beta = 0.75f;
  float bias = 1.0f;  // Caffe's k
  bool across_channels = true;
};

struct ConcatAttrs {
  int64_t axis = 1;
};

enum class BinaryKind { Add, Mul };

// Element-wise with numpy-style broadcasting (residual adds, squeeze-excitation scaling).
struct BinaryAttrs {
  BinaryKind kind = BinaryKind::Add;
};

struct SoftmaxAttrs {
  int64_t axis = 1;
};

// Identity at inference.
struct DropoutAttrs {
  float ratio = 0.5f;
};

struct FlattenAttrs {
  int64_t axis = 1;
};

// ONNX semantics: 0 copies the input dimension, -1 is inferred.
struct ReshapeAttrs {
  Dims shape;
};

// One output per entry of sizes.
struct SplitAttrs {
  int64_t axis = 1;
  Dims sizes;
};

// ONNX Slice semantics with constant starts/ends/axes/steps (ends clamp).
struct SliceAttrs {
  Dims starts;
  Dims ends;
  Dims axes;
  Dims steps;
};

struct TransposeAttrs {
  Dims perm;
};

enum class PadMode { Constant, Reflect, Edge };

// pads = [begin_0, begin_1, ..., end_0, end_1, ...] as in ONNX.
struct PadAttrs {
  Dims pads;
  PadMode mode = PadMode::Constant;
  float value = 0.0f;
};

struct ReduceMeanAttrs {
  Dims axes;
  bool keepdims = true;
};

using Attrs = std::variant<ConvAttrs, PoolAttrs, FullyConnectedAttrs, BatchNormAttrs, ScaleAttrs,
                           ActivationAttrs, LrnAttrs, ConcatAttrs, BinaryAttrs, SoftmaxAttrs,
                           DropoutAttrs, FlattenAttrs, ReshapeAttrs, SplitAttrs, SliceAttrs,
                           TransposeAttrs, PadAttrs, ReduceMeanAttrs>;

enum class OpKind {
  Conv,
  Pool,
  FullyConnected,
  BatchNorm,
  Scale,
  Activation,
  Lrn,
  Concat,
  Binary,
  Softmax,
  Dropout,
  Flatten,
  Reshape,
  Split,
  Slice,
  Transpose,
  Pad,
  ReduceMean,
  Count_
};

static_assert(static_cast<size_t>(OpKind::Count_) == std::variant_size_v<Attrs>,
              "OpKind must list the Attrs alternatives in order");

inline OpKind kind_of(const Attrs& a) {
  return static_cast<OpKind>(a.index());
}

}  // namespace synergy
