// The cudnn backend of a CUDA build: probes the device once, then plans programs.
#include <cuda_runtime.h>
#include <cudnn.h>

#include "engine/backends.hpp"
#include "engine/cudnn/layers.hpp"
#include "engine/cudnn/program.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

class CudnnBackend : public Backend {
 public:
  explicit CudnnBackend(const CudnnOptions& options)
      : options_(options), unavailable_(cuda_unavailable_reason(options.device)) {}

  std::string name() const override { return "cudnn"; }

  std::vector<std::pair<std::string, std::string>> libraries() const override {
    const size_t v = cudnnGetVersion();
    int runtime = 0;
    cudaRuntimeGetVersion(&runtime);
    return {{"cuDNN", std::to_string(v / 10000) + "." + std::to_string(v / 100 % 100) + "." +
                          std::to_string(v % 100)},
            {"CUDA runtime",
             std::to_string(runtime / 1000) + "." + std::to_string(runtime % 1000 / 10)}};
  }

  // Whether the op can run here in principle; a missing device is reported by compile(), so
  // that listing backends that support a layer never probes hardware.
  Support supports(const Graph& graph, size_t index) const override {
    std::string why = cudnn::unsupported_reason(graph, graph.nodes.at(index));
    return {why.empty(), why};
  }

  // Without a usable device, asking for this backend is a usage error (exit 2), as for any
  // backend this machine cannot run.
  std::unique_ptr<Program> compile(const Graph& graph, const EngineContext& context) override {
    if (!unavailable_.empty()) throw unsupported(cannot_run_message(unavailable_));
    return std::make_unique<cudnn::CudnnProgram>(graph, options_, context);
  }

 private:
  CudnnOptions options_;
  std::string unavailable_;
};

}  // namespace

std::string cuda_unavailable_reason(int device) {
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    cudaGetLastError();  // clear it: the probe must not poison later calls
    return std::string("no CUDA device: ") + cudaGetErrorString(status);
  }
  if (device < 0 || device >= count) {
    return "no CUDA device: device " + std::to_string(device) + " asked for, " +
           std::to_string(count) + " present";
  }
  return {};
}

std::unique_ptr<Backend> make_cudnn_backend(const CudnnOptions& options) {
  return std::make_unique<CudnnBackend>(options);
}

std::unique_ptr<Backend> make_cudnn_backend() {
  return make_cudnn_backend(CudnnOptions{});
}

}  // namespace synergy
