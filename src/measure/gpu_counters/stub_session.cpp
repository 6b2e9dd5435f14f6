// The session of builds without CUDA/CUPTI: it measures nothing and says why.
#include "measure/gpu_counters/gpu_counter_session.hpp"

namespace synergy {

struct GpuCounterSession::Impl {
  std::string reason;
};

GpuCounterSession::GpuCounterSession(GpuCounterRequest)
    : impl_(std::make_unique<Impl>(
          Impl{"built without CUDA (CUPTI was not found when synergy was configured)"})) {}

GpuCounterSession::~GpuCounterSession() = default;

const std::string& GpuCounterSession::unavailable_reason() const {
  return impl_->reason;
}

size_t GpuCounterSession::passes_needed() const {
  return 1;
}

GpuCounterResult GpuCounterSession::collect(const std::function<void()>&) {
  GpuCounterResult r;
  r.unavailable = impl_->reason;
  return r;
}

bool GpuCounterSession::wants(const Graph&, size_t) const {
  return false;
}

void GpuCounterSession::before_layer(size_t) {}

void GpuCounterSession::after_layer(size_t) {}

}  // namespace synergy
