// The reference backend: every op, plain loops, run by the generic kernel program.
#include "engine/backends.hpp"
#include "engine/reference/kernels.hpp"

namespace synergy {
namespace {

class ReferenceBackend : public Backend {
 public:
  std::string name() const override { return "reference"; }
  // Every op whose shapes were inferred: the reference has no limits of its own.
  Support supports(const Graph& graph, size_t index) const override {
    if (index >= graph.nodes.size()) return {false, "no such layer"};
    return {true, {}};
  }
  std::unique_ptr<Program> compile(const Graph& graph, const EngineContext& context) override {
    require_cpu_settings(name(), context);
    return make_kernel_program(graph, context, make_reference_kernel);
  }
};

}  // namespace

std::unique_ptr<Backend> make_reference_backend() {
  return std::make_unique<ReferenceBackend>();
}

}  // namespace synergy
