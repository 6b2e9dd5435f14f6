// Pass 3: lowering ONNX nodes to graph nodes, one mapping rule per op type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/graph.hpp"
#include "io/onnx/model.hpp"

namespace synergy::onnx_io {

// State shared by the mapping rules while the graph is built. Shapes are inferred node by node,
// so that Shape and friends fold to constants as soon as their input is known.
class LowerContext {
 public:
  LowerContext(const OnnxModel& model, int64_t batch);

  int opset() const { return model_.opset; }
  // The batch the file was written with (its inputs' dim 0); Reshape targets equal to it
  // become 0 (copy) so that set_batch works afterwards.
  int64_t file_batch() const { return file_batch_; }
  Graph& graph() { return graph_; }

  bool present(const OnnxNode& n, size_t i) const {
    return i < n.inputs.size() && !n.inputs[i].empty();
  }
  bool is_constant(const OnnxNode& n, size_t i) const;
  // Input i as a constant (throws bad_input when it is computed at run time or absent).
  const ConstTensor& constant(const OnnxNode& n, size_t i) const;
  // Input i as a run-time value (throws when it is a constant or absent).
  ValueId value(const OnnxNode& n, size_t i) const;
  const Shape& shape(ValueId v) const { return graph_.shape(v); }
  // How many nodes (and graph outputs) read the tensor.
  int uses(const std::string& tensor) const;

  // Adds a graph node named after `src` whose outputs are `src`'s outputs; infers its shapes.
  void emit(const OnnxNode& src, Attrs attrs, std::vector<ValueId> inputs,
            std::vector<Param> params = {}, size_t num_outputs = 1);
  // Makes `output` another name for an existing value or constant.
  void alias(const std::string& output, const std::string& input);
  void set_constant(const std::string& name, ConstTensor t);
  // The graph node that produced v (nullptr for graph inputs), and dropping a producer whose
  // work a later node absorbed (its output must have no other reader).
  Node* producer(ValueId v);
  void drop_producer(ValueId v);
  // Values of helper nodes an exporter added (a Flatten before Gemm) that a later rule may absorb.
  void mark_helper(ValueId v) { helpers_.push_back(v); }
  bool is_helper(ValueId v) const;

  Graph finish();

 private:
  const OnnxModel& model_;
  int64_t file_batch_ = 1;
  Graph graph_;
  std::unordered_map<std::string, ValueId> values_;
  std::unordered_map<std::string, ConstTensor> constants_;
  std::unordered_map<std::string, int> uses_;
  std::unordered_map<ValueId, size_t> producers_;
  std::vector<bool> dropped_;
  std::vector<ValueId> helpers_;
};

using MapRule = void (*)(LowerContext& ctx, const OnnxNode& node);

// The mapping rule of an op type, or nullptr.
MapRule map_rule(std::string_view op);
// Every op type the importer maps, for error messages.
std::string supported_onnx_ops();

// Lowers a normalised model into a graph at the file's batch (shapes inferred, not validated).
Graph lower(const OnnxModel& model, int64_t batch);

}  // namespace synergy::onnx_io
