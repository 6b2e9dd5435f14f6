#include "cli/kernel_layout.hpp"

#include "cli/backend.hpp"
#include "engine/engine.hpp"

namespace synergy::cli {

predict::KernelLayout kernel_layout(const Graph& graph, const std::string& backend, int threads) {
  EngineContext context;
  context.threads = threads;
  Engine engine(graph, resolve_backend(backend), context);
  predict::KernelLayout layout;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    layout.host.push_back(engine.fused_into(i));
    layout.view.push_back(engine.is_view(i));
  }
  return layout;
}

}  // namespace synergy::cli
