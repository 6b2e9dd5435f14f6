// A backend compiles a graph into a Program that runs inferences; the engine picks one by name.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/observer.hpp"
#include "graph/graph.hpp"

namespace synergy {

// A dense float32 tensor (NCHW for 4-D activations).
struct Tensor {
  Shape shape;
  std::vector<float> data;
};

// Explicit execution settings (no global state).
struct EngineContext {
  int threads = 0;    // 0 = all cores
  uint64_t seed = 1;  // for params that were not loaded
  // Lets a backend run layers inside another's kernel (oneDNN post-op activations, batch norm
  // folded into a convolution). Off, every layer runs and is timed on its own.
  bool fuse_layers = true;
};

struct Support {
  bool ok = false;
  std::string reason;  // why not, when !ok
};

// A compiled network: plan done once, then run many times with no allocation on the hot path.
class Program {
 public:
  virtual ~Program() = default;
  // Layers observed from now on: those the observer wants (asked once here). nullptr = none.
  virtual void set_observer(LayerObserver* observer) = 0;
  // One inference. inputs/outputs follow graph.inputs/graph.outputs, shapes as inferred.
  virtual void run(std::span<const Tensor> inputs, std::span<Tensor> outputs) = 0;
  // The layer whose kernel also computes `layer` (a fused activation or folded batch norm), or
  // -1 when `layer` runs on its own. A fused layer's time and energy are counted in its host's.
  virtual int fused_into(size_t /*layer*/) const { return -1; }
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;
  // Whether the backend can run node `index` of `graph` at its inferred shapes, and why not.
  virtual Support supports(const Graph& graph, size_t index) const = 0;
  // Plans and prepares every layer (weights reordered, primitives created). The graph's params
  // must be materialized. The program may keep a reference to `graph`: it must outlive it.
  virtual std::unique_ptr<Program> compile(const Graph& graph, const EngineContext& context) = 0;
};

// "reference", "onednn", "blas" (and "cudnn" in CUDA builds). Unknown name: bad_input listing them.
std::unique_ptr<Backend> make_backend(const std::string& name);
std::vector<std::string> backend_names();

}  // namespace synergy
