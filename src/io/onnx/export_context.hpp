// State of one ONNX export: unique tensor names, nodes and initializers being written.
#pragma once

#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "graph/graph.hpp"

namespace onnx {
class GraphProto;
class NodeProto;
}  // namespace onnx

namespace synergy::onnx_io {

class ExportContext {
 public:
  ExportContext(const Graph& graph, onnx::GraphProto& out);

  const Graph& graph() const { return graph_; }
  const std::string& name(ValueId v) const { return value_names_[static_cast<size_t>(v)]; }
  // A tensor name not used so far, derived from `base`.
  std::string fresh(const std::string& base);
  onnx::NodeProto& node(const std::string& op, const std::string& name,
                        std::vector<std::string> inputs, std::vector<std::string> outputs);
  std::string floats(const std::string& base, const Dims& dims, std::span<const float> values);
  std::string ints(const std::string& base, std::span<const int64_t> values);
  std::string scalar(const std::string& base, float value);

 private:
  const Graph& graph_;
  onnx::GraphProto& out_;
  std::unordered_set<std::string> used_;
  std::vector<std::string> value_names_;
};

void set_attr(onnx::NodeProto& n, const std::string& name, int64_t v);
void set_attr(onnx::NodeProto& n, const std::string& name, float v);
void set_attr(onnx::NodeProto& n, const std::string& name, const std::string& v);
void set_attr(onnx::NodeProto& n, const std::string& name, std::span<const int64_t> v);

// Writes one graph node as one or more ONNX nodes; throws unsupported for what ONNX lacks.
void export_node(ExportContext& ctx, const Node& node);

}  // namespace synergy::onnx_io
