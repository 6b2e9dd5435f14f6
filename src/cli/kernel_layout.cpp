#include "cli/kernel_layout.hpp"

#include "cli/backend.hpp"
#include "engine/engine.hpp"

namespace synergy::cli {

CompiledLayout kernel_layout(const Graph& graph, const std::string& backend, int threads,
                             const std::string& precision) {
  EngineContext context;
  context.threads = threads;
  if (!precision.empty()) context.precision = parse_precision(precision);
  Engine engine(graph, resolve_backend(backend), context);
  CompiledLayout out;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    out.layout.host.push_back(engine.fused_into(i));
    out.layout.view.push_back(engine.is_view(i));
    out.layout.algorithm.push_back(engine.algorithm(i));
  }
  out.libraries = engine.backend().libraries();
  return out;
}

}  // namespace synergy::cli
