// The layer graph: values (tensors) connected by nodes (layers), in topological order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/attrs.hpp"
#include "graph/shape.hpp"

namespace synergy {

using ValueId = int32_t;

struct Value {
  std::string name;
  Shape shape;  // filled by infer_shapes()
};

// A learned parameter (weights, bias, BN statistics). `data` empty = not loaded yet:
// materialize_params() fills it with seeded random values.
struct Param {
  std::string name;  // role within the op: "weight", "bias", "mean", ...
  Shape shape;       // filled by infer_shapes() from the op's rule
  std::vector<float> data;
};

struct Node {
  std::string name;
  Attrs attrs;
  std::vector<ValueId> inputs;
  std::vector<ValueId> outputs;
  std::vector<Param> params;

  OpKind kind() const { return kind_of(attrs); }
  template <class A>
  const A& as() const {
    return std::get<A>(attrs);
  }
  const Param* param(const std::string& role) const;
  Param* param(const std::string& role);
};

class Graph {
 public:
  std::string name;
  std::string source;  // where the network comes from (paper, file)
  std::vector<Value> values;
  std::vector<Node> nodes;  // topological order after sort_topologically()
  std::vector<ValueId> inputs;
  std::vector<ValueId> outputs;

  ValueId add_value(std::string value_name, Shape shape = {});
  const Shape& shape(ValueId v) const { return values.at(static_cast<size_t>(v)).shape; }
  int64_t batch() const;  // dim 0 of the first input

  // Orders nodes so that every input is produced before use; throws naming a node on a cycle,
  // an undefined input or a value produced twice.
  void sort_topologically();
  // Checks names, value ids and arities; throws bad_input naming the node.
  void validate() const;
  // Runs every op's shape rule in order, fills value and param shapes, checks loaded params.
  void infer_shapes();
  // Sets dim 0 of every input and re-infers shapes.
  void set_batch(int64_t batch);
  // Fills every param without data with deterministic values derived from seed, node and role.
  void materialize_params(uint64_t seed);
  // True when every param has data.
  bool params_loaded() const;
};

}  // namespace synergy
