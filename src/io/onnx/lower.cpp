#include "io/onnx/lower.hpp"

#include "graph/op.hpp"
#include "io/onnx/fold.hpp"
#include "util/error.hpp"

namespace synergy::onnx_io {

LowerContext::LowerContext(const OnnxModel& model, int64_t batch) : model_(model) {
  graph_.name = model.graph_name;
  constants_ = model.constants;
  for (const auto& in : model.inputs) {
    Dims dims = in.dims;
    if (dims[0] < 0) dims[0] = batch;
    if (graph_.inputs.empty()) file_batch_ = dims[0];
    const ValueId v = graph_.add_value(in.name, Shape(std::move(dims)));
    graph_.inputs.push_back(v);
    values_[in.name] = v;
  }
  for (const auto& n : model.nodes)
    for (const auto& i : n.inputs) ++uses_[i];
  for (const auto& o : model.outputs) ++uses_[o];
}

bool LowerContext::is_constant(const OnnxNode& n, size_t i) const {
  return present(n, i) && constants_.count(n.inputs[i]);
}

const ConstTensor& LowerContext::constant(const OnnxNode& n, size_t i) const {
  if (!present(n, i)) throw bad_input("input " + std::to_string(i) + " is required");
  auto it = constants_.find(n.inputs[i]);
  if (it == constants_.end()) {
    throw unsupported("input '" + n.inputs[i] + "' must be a constant (initializer), not computed");
  }
  return it->second;
}

ValueId LowerContext::value(const OnnxNode& n, size_t i) const {
  if (!present(n, i)) throw bad_input("input " + std::to_string(i) + " is required");
  auto it = values_.find(n.inputs[i]);
  if (it == values_.end()) {
    throw unsupported("input '" + n.inputs[i] +
                      "' is a constant where a computed tensor is expected");
  }
  return it->second;
}

int LowerContext::uses(const std::string& tensor) const {
  auto it = uses_.find(tensor);
  return it == uses_.end() ? 0 : it->second;
}

void LowerContext::emit(const OnnxNode& src, Attrs attrs, std::vector<ValueId> inputs,
                        std::vector<Param> params, size_t num_outputs) {
  Node node{src.name, std::move(attrs), std::move(inputs), {}, std::move(params)};
  node.outputs.assign(num_outputs, -1);  // shape rules may look at the output count
  const OpDef& def = op_def(node);
  const auto arity = static_cast<int>(node.inputs.size());
  if (arity < def.min_inputs || arity > def.max_inputs) {
    throw bad_input("takes " + std::to_string(def.min_inputs) + ".." +
                    std::to_string(def.max_inputs) + " inputs, has " + std::to_string(arity));
  }
  std::vector<Shape> in;
  for (ValueId v : node.inputs) {
    in.push_back(graph_.shape(v));
    if (in.back().rank() == 0) throw bad_input("an input is a scalar (rank 0)");
  }
  std::vector<Shape> out = def.infer(node, in);
  if (out.size() > src.outputs.size()) {
    throw bad_input("has " + std::to_string(src.outputs.size()) + " outputs, needs " +
                    std::to_string(out.size()));
  }
  for (size_t i = out.size(); i < src.outputs.size(); ++i) {
    if (uses(src.outputs[i]) > 0) {
      throw unsupported("output " + std::to_string(i) + " ('" + src.outputs[i] +
                        "') is used, but only the inference outputs are supported");
    }
  }
  for (const auto& spec : def.params(node, in)) {
    Param* p = node.param(spec.role);
    if (!p) continue;
    if (static_cast<int64_t>(p->data.size()) != spec.shape.numel()) {
      throw bad_input("param '" + spec.role + "' has " + std::to_string(p->data.size()) +
                      " values, the op needs " + spec.shape.str());
    }
    p->shape = spec.shape;
  }
  node.outputs.clear();
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].numel();
    if (src.outputs[i].empty() || values_.count(src.outputs[i]) ||
        constants_.count(src.outputs[i])) {
      throw bad_input("output '" + src.outputs[i] + "' is empty or already defined");
    }
    const ValueId v = graph_.add_value(src.outputs[i], out[i]);
    values_[src.outputs[i]] = v;
    producers_[v] = graph_.nodes.size();
    node.outputs.push_back(v);
  }
  graph_.nodes.push_back(std::move(node));
  dropped_.push_back(false);
}

void LowerContext::alias(const std::string& output, const std::string& input) {
  if (values_.count(output) || constants_.count(output)) {
    throw bad_input("output '" + output + "' is already defined");
  }
  if (auto c = constants_.find(input); c != constants_.end()) {
    ConstTensor copy = c->second;
    constants_[output] = std::move(copy);
    return;
  }
  auto v = values_.find(input);
  if (v == values_.end()) throw bad_input("input '" + input + "' is not defined");
  values_[output] = v->second;
}

void LowerContext::set_constant(const std::string& name, ConstTensor t) {
  if (name.empty()) return;
  if (values_.count(name) || !constants_.emplace(name, std::move(t)).second) {
    throw bad_input("output '" + name + "' is already defined");
  }
}

Node* LowerContext::producer(ValueId v) {
  auto it = producers_.find(v);
  if (it == producers_.end() || dropped_[it->second]) return nullptr;
  return &graph_.nodes[it->second];
}

void LowerContext::drop_producer(ValueId v) {
  auto it = producers_.find(v);
  if (it != producers_.end()) dropped_[it->second] = true;
}

bool LowerContext::is_helper(ValueId v) const {
  for (ValueId h : helpers_)
    if (h == v) return true;
  return false;
}

Graph LowerContext::finish() {
  std::vector<Node> kept;
  for (size_t i = 0; i < graph_.nodes.size(); ++i) {
    if (!dropped_[i]) kept.push_back(std::move(graph_.nodes[i]));
  }
  graph_.nodes = std::move(kept);
  for (const auto& name : model_.outputs) {
    auto it = values_.find(name);
    if (it == values_.end()) {
      throw bad_input("graph output '" + name + "' is " +
                      (constants_.count(name) ? "a constant" : "never produced"));
    }
    graph_.outputs.push_back(it->second);
  }
  return std::move(graph_);
}

namespace {

void fold_node(LowerContext& ctx, const OnnxNode& n, FoldRule rule) {
  FoldArgs args{n, ctx.opset(), {}};
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    args.inputs.push_back(ctx.present(n, i) ? &ctx.constant(n, i) : nullptr);
  }
  std::vector<ConstTensor> out = rule(args);
  for (size_t i = 0; i < n.outputs.size(); ++i) {
    if (i >= out.size()) {
      if (ctx.uses(n.outputs[i]) > 0) throw unsupported("only the first outputs can be folded");
      continue;
    }
    ctx.set_constant(n.outputs[i], std::move(out[i]));
  }
}

bool all_inputs_constant(const LowerContext& ctx, const OnnxNode& n) {
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    if (ctx.present(n, i) && !ctx.is_constant(n, i)) return false;
  }
  return !n.inputs.empty();
}

void lower_node(LowerContext& ctx, const OnnxNode& n) {
  if (n.op == "Shape" && ctx.present(n, 0) && !ctx.is_constant(n, 0)) {
    if (n.outputs.empty()) throw bad_input("Shape has no output");
    ctx.set_constant(n.outputs[0], fold_shape(n, ctx.shape(ctx.value(n, 0)).dims));
    return;
  }
  if (FoldRule fold = fold_rule(n.op); fold && all_inputs_constant(ctx, n)) {
    fold_node(ctx, n, fold);
    return;
  }
  MapRule rule = map_rule(n.op);
  if (!rule) {
    throw unsupported("op '" + n.op + "' is not supported; supported ops: " + supported_onnx_ops());
  }
  rule(ctx, n);
}

}  // namespace

Graph lower(const OnnxModel& model, int64_t batch) {
  LowerContext ctx(model, batch);
  for (const auto& n : model.nodes) {
    try {
      lower_node(ctx, n);
    } catch (const Error& e) {
      throw Error(e.kind(), "node '" + n.name + "' (" + n.op + "): " + e.what());
    }
  }
  return ctx.finish();
}

}  // namespace synergy::onnx_io
