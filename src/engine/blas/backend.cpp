// The blas backend: the paper's "Caffe + OpenBLAS" configuration. Convolution is im2col + sgemm
// and fully-connected is sgemm (blas/conv.cpp); every other op runs the reference kernel. Run by
// the generic kernel program.
#include <cblas.h>

#include "engine/backends.hpp"
#include "engine/blas/kernels.hpp"
#include "engine/kernel_program.hpp"
#include "engine/threads.hpp"

namespace synergy {
namespace {

std::unique_ptr<Kernel> make_blas_kernel(const Graph& graph, size_t index,
                                         const EngineContext& context) {
  const reference::Setup s{graph, graph.nodes.at(index)};
  switch (s.node.kind()) {
    case OpKind::Conv:
      return blas::conv(s);
    case OpKind::FullyConnected:
      return blas::fully_connected(s);
    default:
      return make_reference_kernel(graph, index, context);
  }
}

class BlasBackend : public Backend {
 public:
  std::string name() const override { return "blas"; }

  std::vector<std::pair<std::string, std::string>> libraries() const override {
    return {{"OpenBLAS", openblas_get_config()}};
  }

  Support supports(const Graph& graph, size_t index) const override {
    if (index >= graph.nodes.size()) return {false, "no such layer"};
    return {true, {}};
  }

  std::unique_ptr<Program> compile(const Graph& graph, const EngineContext& context) override {
    require_cpu_settings(name(), context);
    openblas_set_num_threads(resolve_threads(context));
    return make_kernel_program(graph, context, make_blas_kernel);
  }
};

}  // namespace

std::unique_ptr<Backend> make_blas_backend() {
  return std::make_unique<BlasBackend>();
}

}  // namespace synergy
