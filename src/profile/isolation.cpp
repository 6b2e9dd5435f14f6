#include "profile/isolation.hpp"

#include <string>

#include "engine/engine.hpp"
#include "util/error.hpp"

namespace synergy {

Graph single_layer_graph(const Graph& graph, size_t layer) {
  if (layer >= graph.nodes.size())
    throw bad_input("layer " + std::to_string(layer) + " is out of range");
  const Node& node = graph.nodes[layer];
  Graph g;
  g.name = graph.name + "/" + node.name;
  g.source = graph.source;
  Node copy = node;
  copy.inputs.clear();
  copy.outputs.clear();
  for (ValueId v : node.inputs) {
    const ValueId id = g.add_value(graph.values.at(static_cast<size_t>(v)).name, graph.shape(v));
    g.inputs.push_back(id);
    copy.inputs.push_back(id);
  }
  for (ValueId v : node.outputs) {
    const ValueId id = g.add_value(graph.values.at(static_cast<size_t>(v)).name, graph.shape(v));
    g.outputs.push_back(id);
    copy.outputs.push_back(id);
  }
  g.nodes.push_back(std::move(copy));
  g.validate();
  g.infer_shapes();
  return g;
}

std::unique_ptr<Engine> single_layer_engine(const Engine& engine, size_t layer) {
  return std::make_unique<Engine>(single_layer_graph(engine.graph(), layer),
                                  engine.backend().name(), engine.context());
}

}  // namespace synergy
