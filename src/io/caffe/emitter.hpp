// Adds graph nodes for Caffe layers by value name, inferring shapes as it goes so that mapping
// rules can read the shapes of their inputs.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "graph/graph.hpp"

namespace synergy::caffe {

class Emitter {
 public:
  explicit Emitter(Graph& graph) : g_(graph) {}

  void input(const std::string& name, Dims dims);
  // Shape of a defined value; throws when the name is unknown.
  const Shape& shape(const std::string& name) const;
  // Adds a node whose outputs are new values; runs the op's shape rule (throws bad_input).
  void node(const std::string& name, Attrs attrs, const std::vector<std::string>& inputs,
            const std::vector<std::string>& outputs);
  // Values defined by nodes and never consumed, in order of definition.
  std::vector<ValueId> unconsumed() const;

 private:
  ValueId id(const std::string& name) const;

  Graph& g_;
  std::unordered_map<std::string, ValueId> ids_;
};

}  // namespace synergy::caffe
