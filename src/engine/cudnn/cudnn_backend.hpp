// The cuDNN/cuBLAS GPU backend ("cudnn"). This header is the same in every build; without CUDA
// at configure time the backend exists but says why it cannot run anything.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "engine/backend.hpp"
#include "engine/observer.hpp"

namespace synergy {

struct CudnnOptions {
  bool tf32 = false;        // allow TF32 tensor cores in conv and FC (float32 storage)
  bool cuda_graph = false;  // capture the whole inference once, then replay it
  bool nvtx = true;         // one NVTX range per layer (Nsight Systems / Compute)
  int device = 0;           // CUDA device ordinal
};

// Empty when a CUDA device can be used; otherwise why not ("built without CUDA",
// "no CUDA device: <runtime error>").
std::string cuda_unavailable_reason(int device = 0);

std::unique_ptr<Backend> make_cudnn_backend(const CudnnOptions& options);

// Device execution interval of one observed layer, on the host clock (synergy::now_ns()).
struct DeviceLayerSpan {
  size_t layer = 0;  // index into graph.nodes
  int64_t start_ns = 0;
  int64_t end_ns = 0;
};

// An observer that also wants device times. An asynchronous backend calls before_layer/
// after_layer when it enqueues a layer, and after the inference has finished on the device
// (before after_run) reports the device intervals of the observed layers, in layer order.
class DeviceTimeObserver : public LayerObserver {
 public:
  virtual void device_spans(std::span<const DeviceLayerSpan> spans) = 0;
};

}  // namespace synergy
