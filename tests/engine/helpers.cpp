#include "helpers.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "common/skip.hpp"
#include "engine/engine.hpp"
#include "util/error.hpp"

namespace synergy::test {

Graph single_op(Attrs attrs, const std::vector<Shape>& inputs, int num_outputs) {
  GraphBuilder b("single", "test");
  std::vector<ValueId> ins;
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::string name = "x";  // (no "x" + to_string: GCC 12 warns falsely under -O3)
    name += std::to_string(i);
    ins.push_back(b.input(name, inputs[i]));
  }
  return b.finish(b.add("op", std::move(attrs), ins, num_outputs));
}

void set_param(Graph& graph, const std::string& role, std::vector<float> data) {
  Param* p = graph.nodes.at(0).param(role);
  if (!p) throw std::runtime_error("no param " + role);
  p->data = std::move(data);
}

std::vector<Tensor> random_inputs_for(const Graph& graph, uint64_t seed) {
  std::vector<Tensor> in;
  uint64_t state = seed * 2654435761ULL + 1;
  for (ValueId v : graph.inputs) {
    Tensor t{graph.shape(v), {}};
    t.data.resize(static_cast<size_t>(t.shape.numel()));
    for (float& x : t.data) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      x = static_cast<float>(static_cast<double>(state >> 40) / static_cast<double>(1 << 24) * 2.0 -
                             1.0);
    }
    in.push_back(std::move(t));
  }
  return in;
}

std::vector<Tensor> run_on(const std::string& backend, Graph graph, std::vector<Tensor> inputs,
                           int threads, uint64_t seed) {
  Engine engine(std::move(graph), backend, EngineContext{threads, seed});
  std::vector<Tensor> out = engine.make_outputs();
  engine.run(inputs, out);
  return out;
}

bool backend_unavailable(const std::string& backend, std::string* why) {
  try {
    Engine e(single_op(ActivationAttrs{}, {Shape{1, 2}}), backend, EngineContext{1, 1});
  } catch (const Error& e) {
    // A GPU backend without a device refuses as unsupported (a usage error); missing hardware
    // elsewhere is unavailable.
    if (e.kind() != ErrorKind::Unavailable && e.kind() != ErrorKind::Unsupported) throw;
    *why = std::string(skip::kNoGpu) + ": " + e.what();
    return true;
  }
  return false;
}

double relative_max_error(const Tensor& a, const Tensor& b, double floor) {
  if (a.shape != b.shape || a.data.size() != b.data.size()) return INFINITY;
  double diff = 0.0, mag = floor;
  for (size_t i = 0; i < a.data.size(); ++i) {
    if (std::isnan(a.data[i]) != std::isnan(b.data[i])) return INFINITY;
    diff = std::max(diff, std::fabs(static_cast<double>(a.data[i]) - b.data[i]));
    mag = std::max(mag, std::fabs(static_cast<double>(b.data[i])));
  }
  return diff / mag;
}

}  // namespace synergy::test
