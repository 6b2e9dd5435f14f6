#include "io/onnx/normalize.hpp"

#include <unordered_set>

#include "io/onnx/attributes.hpp"
#include "util/error.hpp"

namespace synergy::onnx_io {
namespace {

Error node_error(const OnnxNode& n, const std::string& what) {
  return bad_input("node '" + n.name + "' (" + n.op + "): " + what);
}

ConstTensor constant_value(const OnnxNode& n) {
  if (auto t = attr_tensor(n, "value")) return *t;
  if (has_attr(n, "value_float"))
    return ConstTensor::of_floats({}, {attr_float(n, "value_float", 0)});
  if (has_attr(n, "value_int")) return ConstTensor::of_ints({}, {attr_int(n, "value_int", 0)});
  if (auto v = attr_floats(n, "value_floats")) {
    const auto size = static_cast<int64_t>(v->size());
    return ConstTensor::of_floats({size}, std::move(*v));
  }
  if (auto v = attr_ints(n, "value_ints")) {
    const auto size = static_cast<int64_t>(v->size());
    return ConstTensor::of_ints({size}, std::move(*v));
  }
  throw bad_input("Constant without a supported value attribute");
}

void fold_constant_nodes(OnnxModel& m) {
  std::vector<OnnxNode> kept;
  for (auto& n : m.nodes) {
    if (n.op != "Constant") {
      kept.push_back(std::move(n));
      continue;
    }
    if (n.outputs.size() != 1) throw node_error(n, "needs exactly one output");
    try {
      if (!m.constants.emplace(n.outputs[0], constant_value(n)).second) {
        throw bad_input("output '" + n.outputs[0] + "' is defined twice");
      }
    } catch (const Error& e) {
      throw node_error(n, e.what());
    }
  }
  m.nodes = std::move(kept);
}

// Kahn's algorithm over tensor names, stable with respect to the file's order.
void sort_topologically(OnnxModel& m) {
  std::unordered_set<std::string> available{""};
  for (const auto& in : m.inputs) available.insert(in.name);
  for (const auto& [name, t] : m.constants) available.insert(name);
  std::vector<OnnxNode> ordered;
  std::vector<bool> placed(m.nodes.size(), false);
  for (bool progress = true; progress && ordered.size() < m.nodes.size();) {
    progress = false;
    for (size_t i = 0; i < m.nodes.size(); ++i) {
      if (placed[i]) continue;
      bool ready = true;
      for (const auto& in : m.nodes[i].inputs) ready = ready && available.count(in);
      if (!ready) continue;
      for (const auto& out : m.nodes[i].outputs) {
        if (out.empty()) continue;
        if (!available.insert(out).second) {
          throw node_error(m.nodes[i], "output '" + out + "' is already defined");
        }
      }
      placed[i] = true;
      ordered.push_back(std::move(m.nodes[i]));
      progress = true;
    }
  }
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    if (placed[i]) continue;
    std::unordered_set<std::string> produced;
    for (const auto& n : m.nodes)
      for (const auto& out : n.outputs) produced.insert(out);
    for (const auto& in : m.nodes[i].inputs) {
      if (!available.count(in) && !produced.count(in)) {
        throw node_error(m.nodes[i], "input '" + in +
                                         "' is neither a graph input, an "
                                         "initializer nor produced by a node");
      }
    }
    throw node_error(m.nodes[i], "is part of a cycle");
  }
  m.nodes = std::move(ordered);
}

}  // namespace

void normalize(OnnxModel& model) {
  fold_constant_nodes(model);
  sort_topologically(model);
}

}  // namespace synergy::onnx_io
