// The cuDNN/cuBLAS GPU backend ("cudnn"). This header is the same in every build; without CUDA
// at configure time the backend exists but says why it cannot run anything.
#pragma once

#include <memory>
#include <string>

#include "engine/backend.hpp"
#include "engine/observer.hpp"

namespace synergy {

// Settings of the device itself. Precision (fp32, tf32, fp16, bf16) and CUDA-graph replay are
// execution settings: EngineContext::precision and EngineContext::cuda_graph.
struct CudnnOptions {
  bool nvtx = true;  // one NVTX range per layer (Nsight Systems / Compute)
  int device = 0;    // CUDA device ordinal
};

// Empty when a CUDA device can be used; otherwise why not ("built without CUDA",
// "no CUDA device: <runtime error>").
std::string cuda_unavailable_reason(int device = 0);

// What compile() says (as unsupported, exit 2) when the backend cannot run here: names the
// backend and `reason`.
inline std::string cannot_run_message(const std::string& reason) {
  return "backend 'cudnn' cannot run here: " + reason;
}

std::unique_ptr<Backend> make_cudnn_backend(const CudnnOptions& options);

}  // namespace synergy
