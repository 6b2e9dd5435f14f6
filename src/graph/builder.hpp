// Building graphs in code (the zoo, tests): add layers by name with typed attributes.
#pragma once

#include <string>
#include <vector>

#include "graph/graph.hpp"

namespace synergy {

class GraphBuilder {
 public:
  GraphBuilder(std::string name, std::string source);

  ValueId input(const std::string& name, Shape shape);
  // Adds a layer; returns its outputs (one unless the op has several, e.g. Split).
  std::vector<ValueId> add(const std::string& name, Attrs attrs, std::vector<ValueId> inputs,
                           int num_outputs = 1);
  // Adds a single-output layer and returns that output.
  ValueId add1(const std::string& name, Attrs attrs, std::vector<ValueId> inputs);
  // Marks outputs, sorts, validates and infers shapes. The builder is spent afterwards.
  Graph finish(std::vector<ValueId> outputs);

 private:
  Graph g_;
};

}  // namespace synergy
