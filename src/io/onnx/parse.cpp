// Pass 1: bytes -> OnnxModel.
#include <onnx/onnx_pb.h>

#include <climits>
#include <unordered_set>

#include "io/onnx/model.hpp"
#include "util/error.hpp"

namespace synergy::onnx_io {
namespace {

int default_opset(const onnx::ModelProto& m) {
  for (const auto& o : m.opset_import()) {
    if (o.domain().empty() || o.domain() == "ai.onnx") {
      if (o.version() < kMinOpset || o.version() > kMaxOpset) {
        throw unsupported("opset " + std::to_string(o.version()) + " is not supported (opsets " +
                          std::to_string(kMinOpset) + "-" + std::to_string(kMaxOpset) + ")");
      }
      return static_cast<int>(o.version());
    }
  }
  throw bad_input("the model declares no opset for the default ONNX domain");
}

OnnxInput parse_input(const onnx::ValueInfoProto& v) {
  const std::string where = "input '" + v.name() + "'";
  if (!v.type().has_tensor_type()) throw bad_input(where + " is not a tensor");
  const auto& t = v.type().tensor_type();
  if (t.elem_type() != onnx::TensorProto::FLOAT) {
    throw bad_input(where + " has element type " + std::to_string(t.elem_type()) +
                    " (float expected)");
  }
  if (!t.has_shape() || t.shape().dim_size() == 0) throw bad_input(where + " has no shape");
  OnnxInput in{v.name(), {}};
  for (int i = 0; i < t.shape().dim_size(); ++i) {
    const auto& d = t.shape().dim(i);
    if (d.has_dim_value()) {
      if (d.dim_value() < 1) {
        throw bad_input(where + " has dimension " + std::to_string(d.dim_value()) + " at axis " +
                        std::to_string(i));
      }
      in.dims.push_back(d.dim_value());
    } else if (i == 0) {
      in.dims.push_back(-1);  // symbolic batch
    } else {
      throw bad_input(where + " has a symbolic dimension at axis " + std::to_string(i) +
                      " (only the batch may be symbolic)");
    }
  }
  return in;
}

std::string unique_name(const onnx::NodeProto& n, size_t index,
                        std::unordered_set<std::string>& used) {
  std::string name = n.name();
  if (name.empty() || used.count(name)) name = n.op_type() + "_" + std::to_string(index);
  while (used.count(name)) name += "_";
  used.insert(name);
  return name;
}

OnnxNode parse_node(const onnx::NodeProto& n, size_t index, std::unordered_set<std::string>& used) {
  if (!n.domain().empty() && n.domain() != "ai.onnx") {
    throw unsupported("node '" + n.name() + "' uses op '" + n.domain() + "::" + n.op_type() +
                      "' from a domain other than the default ONNX one");
  }
  OnnxNode node{unique_name(n, index, used), n.op_type(), {}, {}, &n};
  node.inputs.assign(n.input().begin(), n.input().end());
  node.outputs.assign(n.output().begin(), n.output().end());
  return node;
}

}  // namespace

OnnxModel parse_model(std::string_view bytes) {
  if (bytes.size() > static_cast<size_t>(INT_MAX)) throw bad_input("file larger than 2 GiB");
  OnnxModel model;
  model.proto = std::make_shared<onnx::ModelProto>();
  if (bytes.empty() || !model.proto->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    throw bad_input("not an ONNX model (protobuf parsing failed: truncated or not ONNX)");
  }
  const onnx::ModelProto& m = *model.proto;
  if (!m.has_graph()) throw bad_input("the model has no graph");
  model.opset = default_opset(m);
  const onnx::GraphProto& g = m.graph();
  model.graph_name = g.name();
  for (const auto& init : g.initializer()) {
    if (!model.constants.emplace(init.name(), decode_tensor(init)).second) {
      throw bad_input("initializer '" + init.name() + "' is defined twice");
    }
  }
  for (const auto& v : g.input()) {
    if (!model.constants.count(v.name())) model.inputs.push_back(parse_input(v));
  }
  if (model.inputs.empty()) throw bad_input("the graph has no data input");
  for (const auto& v : g.output()) model.outputs.push_back(v.name());
  if (model.outputs.empty()) throw bad_input("the graph has no output");
  std::unordered_set<std::string> used;
  for (int i = 0; i < g.node_size(); ++i) {
    model.nodes.push_back(parse_node(g.node(i), static_cast<size_t>(i), used));
  }
  return model;
}

}  // namespace synergy::onnx_io
