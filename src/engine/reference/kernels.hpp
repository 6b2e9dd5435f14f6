// The reference backend's kernels: plain loops with the exact semantics of every op, the oracle
// that every other backend is checked against. Each kernel computes its constants when it is
// made, and run() allocates nothing. The other CPU backends run them for the ops they do not
// accelerate: blas for every op but convolution and fully-connected, onednn for the plain-layout
// loops of what oneDNN cannot express.
#pragma once

#include <memory>

#include "engine/kernel_program.hpp"

namespace synergy {

// The kernel of node `index`. A view (Reshape, Flatten, Dropout) gets a copy of its input; the
// kernel program runs none for views.
std::unique_ptr<Kernel> make_reference_kernel(const Graph& graph, size_t index,
                                              const EngineContext& context);

namespace reference {

// What a kernel factory needs: the node, its inferred shapes and the thread count.
struct Setup {
  const Graph& graph;
  const Node& node;
  int threads = 1;
  const Shape& in(size_t i) const { return graph.shape(node.inputs.at(i)); }
  const Shape& out(size_t i) const { return graph.shape(node.outputs.at(i)); }
  // The param's data; throws when it was not materialized.
  const float* param(const char* role) const;
};

std::unique_ptr<Kernel> conv(const Setup& s);
std::unique_ptr<Kernel> pool(const Setup& s);
std::unique_ptr<Kernel> fully_connected(const Setup& s);
std::unique_ptr<Kernel> batch_norm(const Setup& s);
std::unique_ptr<Kernel> scale(const Setup& s);
std::unique_ptr<Kernel> activation(const Setup& s);
std::unique_ptr<Kernel> lrn(const Setup& s);
std::unique_ptr<Kernel> concat(const Setup& s);
std::unique_ptr<Kernel> binary(const Setup& s);
std::unique_ptr<Kernel> softmax(const Setup& s);
std::unique_ptr<Kernel> split(const Setup& s);
std::unique_ptr<Kernel> slice(const Setup& s);
std::unique_ptr<Kernel> transpose(const Setup& s);
std::unique_ptr<Kernel> pad(const Setup& s);
std::unique_ptr<Kernel> reduce_mean(const Setup& s);
std::unique_ptr<Kernel> copy(const Setup& s);  // Reshape, Flatten, Dropout

// Applies an activation to n values: y[i] = f(x[i]); y may be x.
void activate(const ActivationAttrs& attrs, const float* x, float* y, int64_t n);

// Product of dims [from, to).
int64_t span_size(const Shape& s, size_t from, size_t to);
// Row-major strides of a shape.
Dims strides_of(const Shape& s);
// Advances a row-major multi-index over `dims`; false after the last one.
bool next_index(Dims& index, const Dims& dims);
// Advances it over every axis but the last (one row at a time); false after the last row.
bool next_row(Dims& index, const Dims& dims);

}  // namespace reference
}  // namespace synergy
