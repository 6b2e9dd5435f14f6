#include "gpu_harness.hpp"

#include "engine/engine.hpp"

namespace synergy::test {

std::string gpu_skip_reason() {
  static const std::string why = cuda_unavailable_reason();
  return why;
}

std::vector<Tensor> run_cudnn(Graph graph, const std::vector<Tensor>& inputs,
                              const CudnnOptions& options, uint64_t seed) {
  Engine engine(std::move(graph), make_cudnn_backend(options), EngineContext{1, seed});
  std::vector<Tensor> out = engine.make_outputs();
  engine.run(inputs, out);
  return out;
}

}  // namespace synergy::test
