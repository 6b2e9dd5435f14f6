// Plain NCHW kernels: im2col + OpenBLAS sgemm for convolution and fully-connected, simple loops
// for every other op. Used by the blas backend, and by the onednn backend for the few ops
// oneDNN has no primitive for.
#pragma once

#include <span>
#include <vector>

#include "graph/graph.hpp"

namespace synergy::blas {

// What a kernel derives from its node and shapes, computed once by prepare() so that running it
// allocates nothing.
struct Prepared {
  std::vector<float> mul, add;  // BatchNorm, Scale: y = x * mul[c] + add[c]
  std::vector<Dims> strides;    // per input: element strides at the rank of the loop's index
  int64_t base = 0;             // Slice: offset of the first element taken
  Dims index;                   // the N-D loops' multi-index
};

// One execution of a node on dense row-major buffers at its inferred shapes.
struct KernelArgs {
  const Node* node = nullptr;
  std::vector<const float*> in;
  std::vector<Shape> in_shapes;
  std::vector<float*> out;
  std::vector<Shape> out_shapes;
  float* scratch = nullptr;  // at least scratch_floats(...) floats
  Prepared prepared;         // set by prepare()
};

using Kernel = void (*)(KernelArgs&);

// Fills args.prepared once node and shapes are set; call before the first run.
void prepare(KernelArgs& args);

// The kernel for a node's op (every op has one).
Kernel kernel_for(OpKind kind);
// Scratch space the node's kernel needs (im2col buffer), in floats.
int64_t scratch_floats(const Node& node, std::span<const Shape> in, std::span<const Shape> out);

void conv_im2col(KernelArgs& a);
void fully_connected(KernelArgs& a);
void pool(KernelArgs& a);
void batch_norm(KernelArgs& a);
void scale(KernelArgs& a);
void activation(KernelArgs& a);
void lrn(KernelArgs& a);
void concat(KernelArgs& a);
void binary(KernelArgs& a);
void softmax(KernelArgs& a);
void copy(KernelArgs& a);  // Dropout, Flatten, Reshape
void split(KernelArgs& a);
void slice(KernelArgs& a);
void transpose(KernelArgs& a);
void pad(KernelArgs& a);
void reduce_mean(KernelArgs& a);

// The preparations of the kernels that need one (called by prepare()).
void prepare_batch_norm(KernelArgs& a);
void prepare_scale(KernelArgs& a);
void prepare_binary(KernelArgs& a);
void prepare_slice(KernelArgs& a);
void prepare_transpose(KernelArgs& a);
void prepare_pad(KernelArgs& a);
void prepare_reduce_mean(KernelArgs& a);

// Applies one activation to n values in place.
void activate(const ActivationAttrs& attrs, float* data, int64_t n);

}  // namespace synergy::blas
