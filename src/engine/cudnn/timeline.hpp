// Per-layer device timing with CUDA events recorded on the stream (no synchronisation per
// layer), mapped onto the host clock through a reference event recorded with a host timestamp.
#pragma once

#include <cuda_runtime.h>

#include <cstdint>
#include <vector>

#include "engine/cudnn/cudnn_backend.hpp"

namespace synergy::cudnn {

class Timeline {
 public:
  Timeline() = default;
  Timeline(const Timeline&) = delete;
  Timeline& operator=(const Timeline&) = delete;
  ~Timeline();

  // One start/end event pair per observed layer (plan time).
  void reset(const std::vector<size_t>& layers);
  bool empty() const { return layers_.empty(); }

  // Stream idle: records the reference event and notes the host time (start of a run).
  void mark_origin(cudaStream_t stream);
  // `captured`: recording inside a CUDA graph capture (external event nodes).
  void record_start(size_t slot, cudaStream_t stream, bool captured);
  void record_end(size_t slot, cudaStream_t stream, bool captured);
  // After the stream has finished: device spans on the host clock, in layer order.
  const std::vector<DeviceLayerSpan>& spans();

 private:
  void release();

  std::vector<size_t> layers_;
  std::vector<cudaEvent_t> start_, end_;
  cudaEvent_t origin_ = nullptr;
  int64_t origin_host_ns_ = 0;
  std::vector<DeviceLayerSpan> spans_;
};

}  // namespace synergy::cudnn
