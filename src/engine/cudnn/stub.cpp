// The cudnn backend of a build made without CUDA: listed, but it explains why it cannot run.
#include "engine/backends.hpp"
#include "engine/cudnn/cudnn_backend.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

constexpr const char* kReason =
    "built without CUDA (CUDA toolkit and cuDNN not found at configure time)";

class UnavailableCudnnBackend : public Backend {
 public:
  std::string name() const override { return "cudnn"; }
  // As in CUDA builds, the missing device (here: CUDA itself) is reported by compile().
  Support supports(const Graph&, size_t) const override { return {true, ""}; }
  std::unique_ptr<Program> compile(const Graph&, const EngineContext&) override {
    throw unsupported(cannot_run_message(kReason));
  }
};

}  // namespace

std::string cuda_unavailable_reason(int) {
  return kReason;
}

std::unique_ptr<Backend> make_cudnn_backend(const CudnnOptions&) {
  return std::make_unique<UnavailableCudnnBackend>();
}

std::unique_ptr<Backend> make_cudnn_backend() {
  return std::make_unique<UnavailableCudnnBackend>();
}

}  // namespace synergy
