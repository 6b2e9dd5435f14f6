#include "io/caffe/emitter.hpp"

#include "graph/op.hpp"
#include "util/error.hpp"

namespace synergy::caffe {

ValueId Emitter::id(const std::string& name) const {
  auto it = ids_.find(name);
  if (it == ids_.end()) throw bad_input("value '" + name + "' is not defined");
  return it->second;
}

void Emitter::input(const std::string& name, Dims dims) {
  if (ids_.count(name)) throw bad_input("input '" + name + "' is declared twice");
  Shape s(std::move(dims));
  s.numel();
  const ValueId v = g_.add_value(name, std::move(s));
  g_.inputs.push_back(v);
  ids_[name] = v;
}

const Shape& Emitter::shape(const std::string& name) const {
  return g_.shape(id(name));
}

void Emitter::node(const std::string& name, Attrs attrs, const std::vector<std::string>& inputs,
                   const std::vector<std::string>& outputs) {
  Node n{name, std::move(attrs), {}, {}, {}};
  std::vector<Shape> in;
  for (const auto& i : inputs) {
    n.inputs.push_back(id(i));
    in.push_back(shape(i));
  }
  const OpDef& def = op_def(n);
  const auto arity = static_cast<int>(n.inputs.size());
  if (arity < def.min_inputs || arity > def.max_inputs) {
    throw bad_input("takes " + std::to_string(def.min_inputs) + ".." +
                    std::to_string(def.max_inputs) + " bottoms, has " + std::to_string(arity));
  }
  if (outputs.empty()) throw bad_input("has no top");
  for (const auto& o : outputs) {
    if (ids_.count(o)) throw bad_input("value '" + o + "' is defined twice");
  }
  for (const auto& o : outputs) n.outputs.push_back(g_.add_value(o));
  const std::vector<Shape> out = def.infer(n, in);
  if (out.size() != outputs.size()) {
    throw bad_input("produces " + std::to_string(out.size()) + " outputs but has " +
                    std::to_string(outputs.size()) + " tops");
  }
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].numel();
    g_.values[static_cast<size_t>(n.outputs[i])].shape = out[i];
    ids_[outputs[i]] = n.outputs[i];
  }
  g_.nodes.push_back(std::move(n));
}

std::vector<ValueId> Emitter::unconsumed() const {
  std::vector<bool> used(g_.values.size(), false), produced(g_.values.size(), false);
  for (const auto& n : g_.nodes) {
    for (ValueId v : n.inputs) used[static_cast<size_t>(v)] = true;
    for (ValueId v : n.outputs) produced[static_cast<size_t>(v)] = true;
  }
  std::vector<ValueId> out;
  for (size_t v = 0; v < g_.values.size(); ++v)
    if (produced[v] && !used[v]) out.push_back(static_cast<ValueId>(v));
  return out;
}

}  // namespace synergy::caffe
