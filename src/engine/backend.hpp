// A backend compiles a graph into a Program that runs inferences; the engine picks one by name.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/observer.hpp"
#include "graph/graph.hpp"

namespace synergy {

// A dense float32 tensor (NCHW for 4-D activations).
struct Tensor {
  Shape shape;
  std::vector<float> data;
};

// Arithmetic a backend runs in. The Program interface stays float32 whatever the precision:
// inputs are converted once on the way in, outputs on the way out.
//   fp32: float32 storage and arithmetic (every backend).
//   tf32: float32 storage; convolution and FC products on tensor cores with 10-bit mantissas.
//   fp16: float16 storage of activations and weights, float32 accumulation.
//   bf16: bfloat16 storage of activations and weights, float32 accumulation.
enum class Precision { fp32, tf32, fp16, bf16 };

// "fp32", "tf32", "fp16", "bf16".
std::string_view precision_name(Precision p);
// The inverse of precision_name(); anything else is bad_input listing the names.
Precision parse_precision(std::string_view name);

// Explicit execution settings (no global state).
struct EngineContext {
  int threads = 0;    // 0 = all cores
  uint64_t seed = 1;  // for params that were not loaded
  // Lets a backend run layers inside another's kernel (oneDNN post-op activations, batch norm
  // folded into a convolution). Off, every layer runs and is timed on its own.
  bool fuse_layers = true;
  // Lets onednn run 3x3 stride-1 convolutions with Winograd's algorithm where it has the kernels
  // (fewer multiplications, the same outputs to float precision); off, it computes every
  // convolution's MACs directly. cudnn chooses among its algorithms by measurement either way.
  bool winograd = true;
  Precision precision = Precision::fp32;
  // Capture the whole inference once as a CUDA graph, then replay it (GPU backends only).
  bool cuda_graph = false;
};

// For backends that run on the CPU: throws unsupported (exit 2) naming `backend` and the setting
// when `context` asks for CUDA graphs or a precision other than fp32 (and bf16 if `takes_bf16`).
void require_cpu_settings(const std::string& backend, const EngineContext& context,
                          bool takes_bf16 = false);

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
  // True when `layer` is a view of its input (Dropout at inference, a Flatten or Reshape that
  // needs no copy): it runs no kernel and moves no data, so it has no time or energy of its own.
  virtual bool is_view(size_t /*layer*/) const { return false; }
  // The algorithm of `layer`'s kernel when it computes fewer products than the MACs counted
  // ("winograd_4x3": Winograd's F(4x4, 3x3), 4x4 outputs per tile; "winograd_2x3"), else ""
  // (the direct form).
  virtual std::string algorithm(size_t /*layer*/) const { return {}; }
  // The library's names of the kernels `layer` runs, in order (onednn: "brgconv_1x1:avx512_core",
  // "loop" for a plain loop); empty where the backend does not name them.
  virtual std::vector<std::string> kernels(size_t /*layer*/) const { return {}; }
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
  // The libraries it runs on, with the versions loaded at run time ({"oneDNN", "3.0.0 (...)"}).
  virtual std::vector<std::pair<std::string, std::string>> libraries() const { return {}; }
};

// "reference", "onednn", "blas" (and "cudnn" in CUDA builds). Unknown name: bad_input listing them.
std::unique_ptr<Backend> make_backend(const std::string& name);
std::vector<std::string> backend_names();

}  // namespace synergy
