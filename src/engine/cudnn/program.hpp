// A network planned for the GPU: one device buffer per value, one GpuLayer per node, enqueued
// in order on one stream; optionally captured once as a CUDA graph and replayed.
#pragma once

#include <cuda_runtime.h>

#include <memory>
#include <vector>

#include "engine/backend.hpp"
#include "engine/cudnn/layers.hpp"
#include "engine/cudnn/timeline.hpp"

namespace synergy::cudnn {

class CudnnProgram : public Program {
 public:
  CudnnProgram(const Graph& graph, const CudnnOptions& options);
  ~CudnnProgram() override;

  void set_observer(LayerObserver* observer) override;
  void run(std::span<const Tensor> inputs, std::span<Tensor> outputs) override;

 private:
  // Enqueues every layer; `captured` inside a CUDA graph capture (no host callbacks then).
  void enqueue_layers(bool captured);
  void enqueue_layer(size_t index, bool captured);
  void capture();
  void drop_capture();
  void notify_replayed_layers();

  const Graph& graph_;
  CudnnOptions options_;
  Handles handles_;
  std::vector<DeviceBuffer> values_;
  std::vector<std::unique_ptr<GpuLayer>> layers_;
  std::vector<std::vector<const float*>> layer_inputs_;
  std::vector<std::vector<float*>> layer_outputs_;

  LayerObserver* observer_ = nullptr;
  DeviceTimeObserver* device_observer_ = nullptr;
  std::vector<int> slot_of_layer_;  // timeline slot, -1 when not observed
  Timeline timeline_;

  cudaGraph_t graph_capture_ = nullptr;
  cudaGraphExec_t graph_exec_ = nullptr;
};

}  // namespace synergy::cudnn
