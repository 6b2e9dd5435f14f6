// A network planned for the GPU: one device buffer per value (in the precision's storage type),
// one GpuLayer per node, enqueued in order on one stream; optionally captured once as a CUDA
// graph and replayed. Inputs and outputs cross the Program interface as float32: with float16 or
// bfloat16 storage they pass through float32 staging buffers and one conversion kernel each.
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
  CudnnProgram(const Graph& graph, const CudnnOptions& options, const EngineContext& context);
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
  void upload_inputs(std::span<const Tensor> inputs);
  void download_outputs(std::span<Tensor> outputs);
  bool converts() const { return handles_.storage() != Storage::f32; }

  const Graph& graph_;
  CudnnOptions options_;
  bool cuda_graph_ = false;
  Handles handles_;
  std::vector<DeviceBuffer> values_;
  std::vector<DeviceBuffer> input_staging_, output_staging_;  // float32; empty in float32 storage
  std::vector<std::unique_ptr<GpuLayer>> layers_;
  std::vector<std::vector<const void*>> layer_inputs_;
  std::vector<std::vector<void*>> layer_outputs_;

  LayerObserver* observer_ = nullptr;
  DeviceTimeObserver* device_observer_ = nullptr;
  std::vector<int> slot_of_layer_;  // timeline slot, -1 when not observed
  Timeline timeline_;

  cudaGraph_t graph_capture_ = nullptr;
  cudaGraphExec_t graph_exec_ = nullptr;
};

}  // namespace synergy::cudnn
