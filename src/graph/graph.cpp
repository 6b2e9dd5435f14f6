#include "graph/graph.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "graph/op.hpp"
#include "util/checked.hpp"

namespace synergy {

const Param* Node::param(const std::string& role) const {
  for (const auto& p : params)
    if (p.name == role) return &p;
  return nullptr;
}

Param* Node::param(const std::string& role) {
  for (auto& p : params)
    if (p.name == role) return &p;
  return nullptr;
}

ValueId Graph::add_value(std::string value_name, Shape shape) {
  values.push_back({std::move(value_name), std::move(shape)});
  return static_cast<ValueId>(values.size() - 1);
}

int64_t Graph::batch() const {
  if (inputs.empty() || shape(inputs[0]).rank() == 0) return 1;
  return shape(inputs[0])[0];
}

namespace {

Error node_error(const Node& n, const std::string& what) {
  return bad_input("node '" + n.name + "' (" + std::string(op_def(n).name) + "): " + what);
}

void check_value(const Graph& g, const Node& n, ValueId v) {
  if (v < 0 || static_cast<size_t>(v) >= g.values.size()) {
    throw node_error(n, "refers to value id " + std::to_string(v) + " which does not exist");
  }
}

}  // namespace

void Graph::validate() const {
  if (inputs.empty()) throw bad_input("graph '" + name + "' has no input");
  if (outputs.empty()) throw bad_input("graph '" + name + "' has no output");
  std::unordered_set<std::string> names;
  for (const auto& n : nodes) {
    if (n.name.empty()) throw bad_input("a node of graph '" + name + "' has no name");
    if (!names.insert(n.name).second) throw bad_input("node name '" + n.name + "' is used twice");
    const OpDef& d = op_def(n);
    const auto ni = static_cast<int>(n.inputs.size());
    if (ni < d.min_inputs || ni > d.max_inputs) {
      throw node_error(n, "takes " + std::to_string(d.min_inputs) + ".." +
                              std::to_string(d.max_inputs) + " inputs, has " + std::to_string(ni));
    }
    if (n.outputs.empty()) throw node_error(n, "has no output");
    for (ValueId v : n.inputs) check_value(*this, n, v);
    for (ValueId v : n.outputs) check_value(*this, n, v);
  }
  for (ValueId v : inputs) {
    if (v < 0 || static_cast<size_t>(v) >= values.size()) throw bad_input("bad graph input id");
  }
  for (ValueId v : outputs) {
    if (v < 0 || static_cast<size_t>(v) >= values.size()) throw bad_input("bad graph output id");
  }
}

void Graph::sort_topologically() {
  validate();
  std::vector<int> producer(values.size(), -1);
  for (size_t i = 0; i < nodes.size(); ++i) {
    for (ValueId v : nodes[i].outputs) {
      if (producer[static_cast<size_t>(v)] >= 0) {
        throw node_error(
            nodes[i], "output '" + values[static_cast<size_t>(v)].name + "' is also produced by '" +
                          nodes[static_cast<size_t>(producer[static_cast<size_t>(v)])].name + "'");
      }
      producer[static_cast<size_t>(v)] = static_cast<int>(i);
    }
  }
  std::vector<bool> available(values.size(), false);
  for (ValueId v : inputs) {
    if (producer[static_cast<size_t>(v)] >= 0)
      throw bad_input("a graph input is produced by a node");
    available[static_cast<size_t>(v)] = true;
  }
  // Kahn's algorithm, stable: among ready nodes the earliest in the original order goes first.
  std::vector<Node> ordered;
  ordered.reserve(nodes.size());
  std::vector<bool> placed(nodes.size(), false);
  bool progress = true;
  while (ordered.size() < nodes.size() && progress) {
    progress = false;
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (placed[i]) continue;
      bool ready = true;
      for (ValueId v : nodes[i].inputs) ready = ready && available[static_cast<size_t>(v)];
      if (!ready) continue;
      for (ValueId v : nodes[i].outputs) available[static_cast<size_t>(v)] = true;
      placed[i] = true;
      ordered.push_back(std::move(nodes[i]));
      progress = true;
    }
  }
  if (ordered.size() < nodes.size()) {
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (placed[i]) continue;
      for (ValueId v : nodes[i].inputs) {
        if (producer[static_cast<size_t>(v)] < 0 && !available[static_cast<size_t>(v)]) {
          throw node_error(nodes[i], "input '" + values[static_cast<size_t>(v)].name +
                                         "' is neither a graph input nor produced by a node");
        }
      }
      throw node_error(nodes[i], "is part of a cycle");
    }
  }
  nodes = std::move(ordered);
  for (ValueId v : outputs) {
    if (!available[static_cast<size_t>(v)]) {
      throw bad_input("graph output '" + values[static_cast<size_t>(v)].name +
                      "' is never produced");
    }
  }
}

void Graph::infer_shapes() {
  for (auto& n : nodes) {
    const OpDef& d = op_def(n);
    std::vector<Shape> in;
    in.reserve(n.inputs.size());
    for (ValueId v : n.inputs) in.push_back(shape(v));
    try {
      for (const auto& s : in) {
        if (s.rank() == 0) throw bad_input("an input has no shape");
        s.numel();
      }
      std::vector<Shape> out = d.infer(n, in);
      if (out.size() != n.outputs.size()) {
        throw bad_input("produces " + std::to_string(out.size()) + " outputs, graph has " +
                        std::to_string(n.outputs.size()));
      }
      for (size_t i = 0; i < out.size(); ++i) {
        out[i].numel();
        values[static_cast<size_t>(n.outputs[i])].shape = out[i];
      }
      std::vector<Param> params;
      for (auto& spec : d.params(n, in)) {
        Param p{spec.role, spec.shape, {}};
        if (Param* given = n.param(spec.role); given && !given->data.empty()) {
          if (static_cast<int64_t>(given->data.size()) != spec.shape.numel()) {
            throw bad_input("param '" + spec.role + "' has " + std::to_string(given->data.size()) +
                            " values, expected " + spec.shape.str());
          }
          p.data = std::move(given->data);
        }
        params.push_back(std::move(p));
      }
      n.params = std::move(params);
    } catch (const Error& e) {
      if (std::string(e.what()).rfind("node '", 0) == 0) throw;
      throw node_error(n, e.what());
    }
  }
}

void Graph::set_batch(int64_t new_batch) {
  if (new_batch < 1 || new_batch > 1'000'000) {
    throw bad_input("batch size must be in 1..1000000, got " + std::to_string(new_batch));
  }
  for (ValueId v : inputs) {
    Shape& s = values[static_cast<size_t>(v)].shape;
    if (s.rank() > 0) s[0] = new_batch;
  }
  infer_shapes();
}

namespace {

// splitmix64: a small, fast, well-mixed generator for deterministic weights.
struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [-1, 1).
  float symmetric() {
    return static_cast<float>(static_cast<double>(next() >> 11) * 0x1.0p-52 - 1.0);
  }
};

uint64_t hash_name(const std::string& s, uint64_t seed) {
  uint64_t h = 1469598103934665603ULL ^ seed;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

void fill(Param& p, ParamInit init, int64_t fan_in, uint64_t seed) {
  SplitMix rng{seed};
  p.data.resize(static_cast<size_t>(p.shape.numel()));
  const float bound = std::sqrt(6.0f / static_cast<float>(std::max<int64_t>(fan_in, 1)));
  for (float& x : p.data) {
    const float u = rng.symmetric();
    switch (init) {
      case ParamInit::FanIn:
        x = bound * u;
        break;
      case ParamInit::Zero:
        x = 0.0f;
        break;
      case ParamInit::One:
        x = 1.0f + 0.1f * u;
        break;
      case ParamInit::Variance:
        x = 1.0f + 0.25f * (u + 1.0f);
        break;
      case ParamInit::Small:
        x = 0.05f * u;
        break;
    }
  }
}

}  // namespace

void Graph::materialize_params(uint64_t seed) {
  for (auto& n : nodes) {
    const OpDef& d = op_def(n);
    std::vector<Shape> in;
    for (ValueId v : n.inputs) in.push_back(shape(v));
    for (const auto& spec : d.params(n, in)) {
      Param* p = n.param(spec.role);
      if (!p) throw node_error(n, "param '" + spec.role + "' missing: infer shapes first");
      if (p->data.empty())
        fill(*p, spec.init, spec.fan_in, hash_name(n.name + "/" + spec.role, seed));
    }
  }
}

bool Graph::params_loaded() const {
  for (const auto& n : nodes)
    for (const auto& p : n.params)
      if (p.data.empty()) return false;
  return true;
}

}  // namespace synergy
