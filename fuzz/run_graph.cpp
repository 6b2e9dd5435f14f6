#include "run_graph.hpp"

#include "engine/engine.hpp"
#include "graph/cost.hpp"
#include "util/error.hpp"

namespace synergy::fuzz {
namespace {

constexpr int64_t kMaxMacs = 1 << 22;
constexpr int64_t kMaxElements = 1 << 20;

bool small_enough(const Graph& g) {
  int64_t elements = 0;
  for (const Value& v : g.values) {
    if (__builtin_add_overflow(elements, v.shape.numel(), &elements)) return false;
  }
  for (const Node& n : g.nodes)
    for (const Param& p : n.params) {
      if (__builtin_add_overflow(elements, p.shape.numel(), &elements)) return false;
    }
  return elements <= kMaxElements && analyze(g).total.macs <= kMaxMacs;
}

}  // namespace

void run_if_small(Graph graph) {
  try {
    if (!small_enough(graph)) return;
    Engine engine(std::move(graph), "reference", EngineContext{1, 3});
    const auto inputs = engine.random_inputs(5);
    auto outputs = engine.make_outputs();
    engine.run(inputs, outputs);
  } catch (const Error&) {
    // A clean refusal (unsupported attributes, a count that overflows) is fine.
  }
}

}  // namespace synergy::fuzz
