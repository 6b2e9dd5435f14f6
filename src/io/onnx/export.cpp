// ONNX export: graph -> ModelProto (opset 13), params as initializers.
#include <onnx/onnx_pb.h>

#include <fstream>

#include "io/onnx/export_context.hpp"
#include "io/onnx/onnx.hpp"
#include "io/onnx/tensor.hpp"
#include "util/error.hpp"

namespace synergy {
namespace onnx_io {

ExportContext::ExportContext(const Graph& graph, onnx::GraphProto& out) : graph_(graph), out_(out) {
  for (const auto& v : graph.values) value_names_.push_back(fresh(v.name.empty() ? "t" : v.name));
}

std::string ExportContext::fresh(const std::string& base) {
  std::string name = base;
  for (int i = 1; used_.count(name); ++i) name = base + "_" + std::to_string(i);
  used_.insert(name);
  return name;
}

onnx::NodeProto& ExportContext::node(const std::string& op, const std::string& name,
                                     std::vector<std::string> inputs,
                                     std::vector<std::string> outputs) {
  onnx::NodeProto& n = *out_.add_node();
  n.set_op_type(op);
  n.set_name(name);
  for (auto& i : inputs) n.add_input(std::move(i));
  for (auto& o : outputs) n.add_output(std::move(o));
  return n;
}

std::string ExportContext::floats(const std::string& base, const Dims& dims,
                                  std::span<const float> values) {
  const std::string name = fresh(base);
  encode_floats(*out_.add_initializer(), name, dims, values);
  return name;
}

std::string ExportContext::ints(const std::string& base, std::span<const int64_t> values) {
  const std::string name = fresh(base);
  encode_ints(*out_.add_initializer(), name, {static_cast<int64_t>(values.size())}, values);
  return name;
}

std::string ExportContext::scalar(const std::string& base, float value) {
  return floats(base, {}, std::span<const float>(&value, 1));
}

void set_attr(onnx::NodeProto& n, const std::string& name, int64_t v) {
  auto& a = *n.add_attribute();
  a.set_name(name);
  a.set_type(onnx::AttributeProto::INT);
  a.set_i(v);
}

void set_attr(onnx::NodeProto& n, const std::string& name, float v) {
  auto& a = *n.add_attribute();
  a.set_name(name);
  a.set_type(onnx::AttributeProto::FLOAT);
  a.set_f(v);
}

void set_attr(onnx::NodeProto& n, const std::string& name, const std::string& v) {
  auto& a = *n.add_attribute();
  a.set_name(name);
  a.set_type(onnx::AttributeProto::STRING);
  a.set_s(v);
}

void set_attr(onnx::NodeProto& n, const std::string& name, std::span<const int64_t> v) {
  auto& a = *n.add_attribute();
  a.set_name(name);
  a.set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a.add_ints(x);
}

namespace {

void describe(onnx::ValueInfoProto& info, const std::string& name, const Shape& shape) {
  info.set_name(name);
  auto& t = *info.mutable_type()->mutable_tensor_type();
  t.set_elem_type(onnx::TensorProto::FLOAT);
  for (int64_t d : shape.dims) t.mutable_shape()->add_dim()->set_dim_value(d);
}

}  // namespace
}  // namespace onnx_io

std::string export_onnx_bytes(const Graph& graph) {
  Graph g = graph;
  if (!g.params_loaded()) g.materialize_params(kOnnxExportSeed);
  onnx::ModelProto m;
  m.set_ir_version(7);
  m.set_producer_name("synergy");
  auto& opset = *m.add_opset_import();
  opset.set_domain("");
  opset.set_version(13);
  onnx::GraphProto& out = *m.mutable_graph();
  out.set_name(g.name.empty() ? "network" : g.name);
  out.set_doc_string(g.source);
  onnx_io::ExportContext ctx(g, out);
  for (ValueId v : g.inputs) onnx_io::describe(*out.add_input(), ctx.name(v), g.shape(v));
  for (const auto& n : g.nodes) {
    try {
      onnx_io::export_node(ctx, n);
    } catch (const Error& e) {
      throw Error(e.kind(), "cannot export node '" + n.name + "' to ONNX: " + e.what());
    }
  }
  for (ValueId v : g.outputs) onnx_io::describe(*out.add_output(), ctx.name(v), g.shape(v));
  std::string bytes;
  if (!m.SerializeToString(&bytes)) throw unsupported("the model exceeds ONNX's 2 GiB limit");
  return bytes;
}

void export_onnx_file(const Graph& graph, const std::string& path) {
  const std::string bytes = export_onnx_bytes(graph);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw bad_input("cannot write '" + path + "'");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw Error(ErrorKind::Runtime, "write to '" + path + "' failed");
}

}  // namespace synergy
