// The engine facade: owns a graph, checks that a backend supports every layer, compiles once,
// runs many times.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/backend.hpp"

namespace synergy {

// Throws unsupported naming the first layer `backend` cannot run, why, and which of the
// registered backends can.
void check_supported(const Graph& graph, const Backend& backend);

class Engine {
 public:
  // Materializes missing params with context.seed, checks support of every node, compiles.
  Engine(Graph graph, std::unique_ptr<Backend> backend, const EngineContext& context);
  // Same, with the backend picked by name (make_backend).
  Engine(Graph graph, const std::string& backend_name, const EngineContext& context);

  const Graph& graph() const { return *graph_; }
  const Backend& backend() const { return *backend_; }
  const EngineContext& context() const { return context_; }

  // Observed layers are those `observer` wants (asked here, once). nullptr = none.
  void set_observer(LayerObserver* observer) { program_->set_observer(observer); }
  // One inference. Input shapes must equal the graph's; outputs are resized on first use.
  void run(std::span<const Tensor> inputs, std::span<Tensor> outputs) {
    program_->run(inputs, outputs);
  }

  // See Program::fused_into.
  int fused_into(size_t layer) const { return program_->fused_into(layer); }
  // See Program::is_view.
  bool is_view(size_t layer) const { return program_->is_view(layer); }
  // See Program::algorithm.
  std::string algorithm(size_t layer) const { return program_->algorithm(layer); }

  // Tensors shaped like the graph's outputs (zeros), to reuse across runs.
  std::vector<Tensor> make_outputs() const;
  // Inputs shaped like the graph's, uniform in [-1, 1) from `seed`.
  std::vector<Tensor> random_inputs(uint64_t seed) const;

 private:
  std::unique_ptr<Graph> graph_;  // stable address: the program refers to it
  std::unique_ptr<Backend> backend_;
  EngineContext context_;
  std::unique_ptr<Program> program_;
};

// Throws bad_input unless `inputs` match the graph's inputs in count and shape.
void check_inputs(const Graph& graph, std::span<const Tensor> inputs);

}  // namespace synergy
