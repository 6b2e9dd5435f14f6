#include "engine/cudnn/timeline.hpp"

#include "engine/cudnn/runtime.hpp"
#include "util/clock.hpp"

namespace synergy::cudnn {
namespace {

cudaEvent_t new_event() {
  cudaEvent_t e = nullptr;
  check(cudaEventCreate(&e), "cudaEventCreate");
  return e;
}

void record(cudaEvent_t e, cudaStream_t stream, bool captured) {
  check(captured ? cudaEventRecordWithFlags(e, stream, cudaEventRecordExternal)
                 : cudaEventRecord(e, stream),
        "cudaEventRecord");
}

int64_t elapsed_ns(cudaEvent_t from, cudaEvent_t to) {
  float ms = 0.0f;
  check(cudaEventElapsedTime(&ms, from, to), "cudaEventElapsedTime");
  return static_cast<int64_t>(static_cast<double>(ms) * 1e6);
}

}  // namespace

Timeline::~Timeline() {
  release();
}

void Timeline::release() {
  for (auto e : start_) cudaEventDestroy(e);
  for (auto e : end_) cudaEventDestroy(e);
  if (origin_) cudaEventDestroy(origin_);
  start_.clear();
  end_.clear();
  origin_ = nullptr;
}

void Timeline::reset(const std::vector<size_t>& layers) {
  release();
  layers_ = layers;
  spans_.assign(layers.size(), {});
  if (layers.empty()) return;
  origin_ = new_event();
  for (size_t i = 0; i < layers.size(); ++i) {
    start_.push_back(new_event());
    end_.push_back(new_event());
    spans_[i].layer = layers[i];
  }
}

void Timeline::mark_origin(cudaStream_t stream) {
  if (!origin_) return;
  origin_host_ns_ = now_ns();
  check(cudaEventRecord(origin_, stream), "cudaEventRecord");
}

void Timeline::record_start(size_t slot, cudaStream_t stream, bool captured) {
  record(start_[slot], stream, captured);
}

void Timeline::record_end(size_t slot, cudaStream_t stream, bool captured) {
  record(end_[slot], stream, captured);
}

const std::vector<DeviceLayerSpan>& Timeline::spans() {
  for (size_t i = 0; i < layers_.size(); ++i) {
    spans_[i].start_ns = origin_host_ns_ + elapsed_ns(origin_, start_[i]);
    spans_[i].end_ns = origin_host_ns_ + elapsed_ns(origin_, end_[i]);
  }
  return spans_;
}

}  // namespace synergy::cudnn
