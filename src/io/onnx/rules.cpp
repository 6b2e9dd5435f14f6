// The table of mapping rules and the helpers they share.
#include "io/onnx/rules.hpp"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <map>

namespace synergy::onnx_io {
namespace {

const std::map<std::string_view, MapRule>& table() {
  using namespace rules;
  static const std::map<std::string_view, MapRule> t{
      {"Add", add},
      {"AveragePool", average_pool},
      {"BatchNormalization", batch_norm},
      {"Clip", clip},
      {"Concat", concat},
      {"Conv", conv},
      {"Div", div},
      {"Dropout", dropout},
      {"Flatten", flatten},
      {"Gemm", gemm},
      {"GlobalAveragePool", global_average_pool},
      {"GlobalMaxPool", global_max_pool},
      {"HardSigmoid", hard_sigmoid},
      {"HardSwish", hard_swish},
      {"Identity", identity},
      {"LRN", lrn},
      {"LeakyRelu", leaky_relu},
      {"MatMul", mat_mul},
      {"MaxPool", max_pool},
      {"Mul", mul},
      {"Pad", pad},
      {"ReduceMean", reduce_mean},
      {"Relu", relu},
      {"Reshape", reshape},
      {"Sigmoid", sigmoid},
      {"Slice", slice},
      {"Softmax", softmax},
      {"Split", split},
      {"Squeeze", squeeze},
      {"Sub", sub},
      {"Tanh", tanh},
      {"Transpose", transpose},
      {"Unsqueeze", unsqueeze},
  };
  return t;
}

}  // namespace

MapRule map_rule(std::string_view op) {
  auto it = table().find(op);
  return it == table().end() ? nullptr : it->second;
}

std::string supported_onnx_ops() {
  std::string s;
  for (const auto& [name, rule] : table()) {
    if (!s.empty()) s += ", ";
    s += name;
  }
  return s + " (and, on constants: Cast, ConstantOfShape, Gather, Shape)";
}

namespace rules {

Param make_param(const std::string& role, const ConstTensor& t) {
  return make_param(role, t.dims, t.to_floats());
}

Param make_param(const std::string& role, Dims dims, std::vector<float> data) {
  return Param{role, Shape(std::move(dims)), std::move(data)};
}

const Shape& shape_of_rank(const LowerContext& ctx, ValueId v, size_t rank) {
  const Shape& s = ctx.shape(v);
  if (s.rank() != rank) {
    throw unsupported("input has shape " + s.str() + ", rank " + std::to_string(rank) +
                      " expected");
  }
  return s;
}

std::vector<int64_t> ints_of(const OnnxNode& n, const std::string& name, size_t count,
                             std::vector<int64_t> fallback) {
  auto v = attr_ints(n, name);
  if (!v) return fallback;
  if (v->size() != count) {
    throw bad_input("attribute '" + name + "' has " + std::to_string(v->size()) +
                    " entries, expected " + std::to_string(count));
  }
  return *v;
}

bool is_helper_node(const OnnxNode& n) {
  return n.proto->doc_string() == kHelperDoc;
}

std::vector<int64_t> optional_ints(const LowerContext& ctx, const OnnxNode& n, size_t input) {
  if (!ctx.present(n, input)) return {};
  return ctx.constant(n, input).to_ints();
}

}  // namespace rules
}  // namespace synergy::onnx_io
