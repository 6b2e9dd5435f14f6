#include "graph/builder.hpp"

#include "util/error.hpp"

namespace synergy {

GraphBuilder::GraphBuilder(std::string name, std::string source) {
  g_.name = std::move(name);
  g_.source = std::move(source);
}

ValueId GraphBuilder::input(const std::string& name, Shape shape) {
  ValueId v = g_.add_value(name, std::move(shape));
  g_.inputs.push_back(v);
  return v;
}

std::vector<ValueId> GraphBuilder::add(const std::string& name, Attrs attrs,
                                       std::vector<ValueId> inputs, int num_outputs) {
  Node n{name, std::move(attrs), std::move(inputs), {}, {}};
  for (int i = 0; i < num_outputs; ++i) {
    n.outputs.push_back(g_.add_value(num_outputs == 1 ? name : name + ":" + std::to_string(i)));
  }
  std::vector<ValueId> out = n.outputs;
  g_.nodes.push_back(std::move(n));
  return out;
}

ValueId GraphBuilder::add1(const std::string& name, Attrs attrs, std::vector<ValueId> inputs) {
  return add(name, std::move(attrs), std::move(inputs), 1)[0];
}

Graph GraphBuilder::finish(std::vector<ValueId> outputs) {
  g_.outputs = std::move(outputs);
  g_.sort_topologically();
  g_.infer_shapes();
  return std::move(g_);
}

}  // namespace synergy
