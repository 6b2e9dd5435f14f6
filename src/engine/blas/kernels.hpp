// Plain NCHW kernels: im2col + OpenBLAS sgemm for convolution and fully-connected, simple loops
// for every other op. Used by the blas backend, and by the onednn backend for the few ops
// oneDNN has no primitive for.
#pragma once

#include <span>
#include <vector>

#include "graph/graph.hpp"

namespace synergy::blas {

// One execution of a node on dense row-major buffers at its inferred shapes.
struct KernelArgs {
  const Node* node = nullptr;
  std::vector<const float*> in;
  std::vector<Shape> in_shapes;
  std::vector<float*> out;
  std::vector<Shape> out_shapes;
  float* scratch = nullptr;  // at least scratch_floats(...) floats
};

using Kernel = void (*)(const KernelArgs&);

// The kernel for a node's op (every op has one).
Kernel kernel_for(OpKind kind);
// Scratch space the node's kernel needs (im2col buffer), in floats.
int64_t scratch_floats(const Node& node, std::span<const Shape> in, std::span<const Shape> out);

void conv_im2col(const KernelArgs& a);
void fully_connected(const KernelArgs& a);
void pool(const KernelArgs& a);
void batch_norm(const KernelArgs& a);
void scale(const KernelArgs& a);
void activation(const KernelArgs& a);
void lrn(const KernelArgs& a);
void concat(const KernelArgs& a);
void binary(const KernelArgs& a);
void softmax(const KernelArgs& a);
void copy(const KernelArgs& a);  // Dropout, Flatten, Reshape
void split(const KernelArgs& a);
void slice(const KernelArgs& a);
void transpose(const KernelArgs& a);
void pad(const KernelArgs& a);
void reduce_mean(const KernelArgs& a);

// Applies one activation to n values in place.
void activate(const ActivationAttrs& attrs, float* data, int64_t n);

}  // namespace synergy::blas
