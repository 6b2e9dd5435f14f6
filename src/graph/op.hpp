// The op registry: one OpDef per op states its name, arity, shape rule, params and cost.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/cost.hpp"
#include "graph/graph.hpp"

namespace synergy {

// How a missing param is initialised (keeps activations in range through deep networks).
enum class ParamInit { FanIn, Zero, One, Variance, Small };

struct ParamSpec {
  std::string role;
  Shape shape;
  ParamInit init = ParamInit::FanIn;
  int64_t fan_in = 1;  // FanIn: uniform in +-sqrt(6/fan_in) (He), keeps activations in range
};

struct OpDef {
  std::string_view name;  // "Conv", "Pool", ...
  OpKind kind;
  int min_inputs;
  int max_inputs;
  // Output shapes from input shapes; throws bad_input with the reason (the caller adds the node).
  std::vector<Shape> (*infer)(const Node& node, std::span<const Shape> inputs);
  // Params this op needs for these input shapes (empty for most ops).
  std::vector<ParamSpec> (*params)(const Node& node, std::span<const Shape> inputs);
  // Analytic cost for one execution at these shapes.
  LayerCost (*cost)(const Node& node, std::span<const Shape> inputs,
                    std::span<const Shape> outputs);
};

// The explicit table of built-in ops, indexed by OpKind.
const OpDef& op_def(OpKind kind);
const OpDef& op_def(const Node& node);
// Lists every op name, for error messages ("supported ops: ...").
std::string supported_op_names();

}  // namespace synergy
