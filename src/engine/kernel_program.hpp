// The generic executor for CPU backends: one prepared Kernel per node, run in graph order on
// NCHW float32 buffers placed by the memory plan. Reshape, Flatten and Dropout are views (no
// kernel, no copy). Backends supply kernels; the program does memory, views and observation.
#pragma once

#include <functional>
#include <memory>
#include <span>

#include "engine/backend.hpp"

namespace synergy {

// A node's computation, prepared once for fixed shapes (weights reordered, scratch allocated),
// then run many times without allocating. Buffers are dense NCHW float32 of the node's inferred
// input/output shapes; outputs never alias inputs.
class Kernel {
 public:
  virtual ~Kernel() = default;
  virtual void run(std::span<const float* const> inputs, std::span<float* const> outputs) = 0;
};

// Creates the kernel of node `index` (never called for views). Throws unsupported when it cannot.
using KernelFactory =
    std::function<std::unique_ptr<Kernel>(const Graph&, size_t index, const EngineContext&)>;

// True for nodes the program runs as views of their input: Reshape, Flatten, Dropout, and a Pad
// that adds nothing.
bool is_view_node(const Node& node);

// Plans memory and creates every kernel. `graph` must outlive the program and have its params
// materialized.
std::unique_ptr<Program> make_kernel_program(const Graph& graph, const EngineContext& context,
                                             const KernelFactory& factory);

}  // namespace synergy
