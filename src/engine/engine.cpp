#include "engine/engine.hpp"

#include "graph/op.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

// Names of the registered backends that support node `index` (never throws).
std::string supporting_backends(const Graph& graph, size_t index, const std::string& except) {
  std::string list;
  for (const auto& name : backend_names()) {
    if (name == except) continue;
    if (!make_backend(name)->supports(graph, index).ok) continue;
    list += list.empty() ? "" : ", ";
    list += name;
  }
  return list.empty() ? "none" : list;
}

// Uniform in [-1, 1) (splitmix64).
float next_uniform(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return static_cast<float>(static_cast<double>(z >> 11) * 0x1.0p-52 - 1.0);
}

}  // namespace

void check_supported(const Graph& graph, const Backend& backend) {
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const Support s = backend.supports(graph, i);
    if (s.ok) continue;
    const Node& n = graph.nodes[i];
    throw unsupported("backend '" + backend.name() + "' cannot run layer '" + n.name + "' (" +
                      std::string(op_def(n).name) + "): " + s.reason +
                      "; backends that can: " + supporting_backends(graph, i, backend.name()));
  }
}

void check_inputs(const Graph& graph, std::span<const Tensor> inputs) {
  if (inputs.size() != graph.inputs.size()) {
    throw bad_input("network '" + graph.name + "' takes " + std::to_string(graph.inputs.size()) +
                    " input(s), got " + std::to_string(inputs.size()));
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Value& v = graph.values[static_cast<size_t>(graph.inputs[i])];
    if (inputs[i].shape != v.shape) {
      throw bad_input("input '" + v.name + "' must have shape " + v.shape.str() + ", got " +
                      inputs[i].shape.str());
    }
    if (static_cast<int64_t>(inputs[i].data.size()) != v.shape.numel()) {
      throw bad_input("input '" + v.name + "' holds " + std::to_string(inputs[i].data.size()) +
                      " values, its shape " + v.shape.str() + " needs " +
                      std::to_string(v.shape.numel()));
    }
  }
}

Engine::Engine(Graph graph, std::unique_ptr<Backend> backend, const EngineContext& context)
    : graph_(std::make_unique<Graph>(std::move(graph))),
      backend_(std::move(backend)),
      context_(context) {
  graph_->materialize_params(context_.seed);
  check_supported(*graph_, *backend_);
  program_ = backend_->compile(*graph_, context_);
}

Engine::Engine(Graph graph, const std::string& backend_name, const EngineContext& context)
    : Engine(std::move(graph), make_backend(backend_name), context) {}

std::vector<Tensor> Engine::make_outputs() const {
  std::vector<Tensor> out;
  for (ValueId v : graph_->outputs) {
    const Shape& s = graph_->shape(v);
    out.push_back({s, std::vector<float>(static_cast<size_t>(s.numel()), 0.0f)});
  }
  return out;
}

std::vector<Tensor> Engine::random_inputs(uint64_t seed) const {
  std::vector<Tensor> in;
  uint64_t state = seed ^ 0x5DEECE66DULL;
  for (ValueId v : graph_->inputs) {
    const Shape& s = graph_->shape(v);
    Tensor t{s, std::vector<float>(static_cast<size_t>(s.numel()))};
    for (float& x : t.data) x = next_uniform(state);
    in.push_back(std::move(t));
  }
  return in;
}

}  // namespace synergy
