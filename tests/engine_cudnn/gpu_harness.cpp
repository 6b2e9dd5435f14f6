#include "gpu_harness.hpp"

#include "engine/engine.hpp"

namespace synergy::test {

double op_tolerance(Precision p) {
  switch (p) {
    case Precision::tf32:
      return kTf32Tolerance;
    case Precision::fp16:
      return kFloat16Tolerance;
    case Precision::bf16:
      return kBfloat16Tolerance;
    default:
      return kFloat32Tolerance;
  }
}

double network_l2_tolerance(Precision p) {
  switch (p) {
    case Precision::tf32:
      return kNetworkL2Tf32;
    case Precision::fp16:
      return kNetworkL2Float16;
    case Precision::bf16:
      return kNetworkL2Bfloat16;
    default:
      return kNetworkL2Float32;
  }
}

std::string gpu_skip_reason() {
  static const std::string why = cuda_unavailable_reason();
  return why;
}

std::vector<Tensor> run_cudnn(Graph graph, const std::vector<Tensor>& inputs, Precision precision,
                              bool cuda_graph, uint64_t seed) {
  EngineContext context{1, seed};
  context.precision = precision;
  context.cuda_graph = cuda_graph;
  Engine engine(std::move(graph), make_cudnn_backend(CudnnOptions{}), context);
  std::vector<Tensor> out = engine.make_outputs();
  engine.run(inputs, out);
  return out;
}

}  // namespace synergy::test
