// The blas backend: the paper's "Caffe + OpenBLAS" configuration. Convolution is im2col + sgemm,
// fully-connected is sgemm, every other op a plain loop; run by the generic kernel program.
#include <cblas.h>

#include <vector>

#include "engine/backends.hpp"
#include "engine/blas/kernels.hpp"
#include "engine/kernel_program.hpp"
#include "engine/threads.hpp"

namespace synergy {
namespace {

class BlasKernel : public Kernel {
 public:
  BlasKernel(const Graph& graph, size_t index) {
    const Node& node = graph.nodes[index];
    args_.node = &node;
    for (ValueId v : node.inputs) args_.in_shapes.push_back(graph.shape(v));
    for (ValueId v : node.outputs) args_.out_shapes.push_back(graph.shape(v));
    args_.in.resize(node.inputs.size());
    args_.out.resize(node.outputs.size());
    scratch_.resize(
        static_cast<size_t>(blas::scratch_floats(node, args_.in_shapes, args_.out_shapes)));
    args_.scratch = scratch_.data();
    kernel_ = blas::kernel_for(node.kind());
    blas::prepare(args_);
  }

  void run(std::span<const float* const> inputs, std::span<float* const> outputs) override {
    std::copy(inputs.begin(), inputs.end(), args_.in.begin());
    std::copy(outputs.begin(), outputs.end(), args_.out.begin());
    kernel_(args_);
  }

 private:
  blas::KernelArgs args_;
  std::vector<float> scratch_;
  blas::Kernel kernel_ = nullptr;
};

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
    return make_kernel_program(graph, context, [](const Graph& g, size_t i, const EngineContext&) {
      return std::make_unique<BlasKernel>(g, i);
    });
  }
};

}  // namespace

std::unique_ptr<Backend> make_blas_backend() {
  return std::make_unique<BlasBackend>();
}

}  // namespace synergy
