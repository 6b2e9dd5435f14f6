// The reference backend's kernels: plain loops with the exact semantics of every op, the oracle
// that every other backend is checked against. Other CPU backends reuse them for the ops they do
// not accelerate.
#pragma once

#include <memory>

#include "engine/kernel_program.hpp"

namespace synergy {

// The reference kernel of node `index` (not for views: Reshape, Flatten, Dropout).
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

// Product of dims [from, to).
int64_t span_size(const Shape& s, size_t from, size_t to);
// Row-major strides of a shape.
Dims strides_of(const Shape& s);
// Advances a row-major multi-index over `dims`; false after the last one.
bool next_index(Dims& index, const Dims& dims);

}  // namespace reference
}  // namespace synergy
