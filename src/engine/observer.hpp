// Per-layer observation: the executor calls an observer around each layer it asks for.
#pragma once

#include <cstddef>

namespace synergy {

class Graph;

class LayerObserver {
 public:
  virtual ~LayerObserver() = default;
  // Asked once at plan time per layer (index into graph.nodes). Layers answered false run with
  // no call and no timestamp: unobserved layers pay nothing.
  virtual bool wants(const Graph& graph, size_t layer) const = 0;
  // Called on the executing thread right before and right after the layer's kernel runs.
  // For asynchronous backends (GPU), `after` is called when the layer's work is enqueued and
  // the backend reports device timestamps separately.
  virtual void before_layer(size_t layer) = 0;
  virtual void after_layer(size_t layer) = 0;
  // Called around each whole inference (iteration), even when no layer is observed.
  virtual void before_run() {}
  virtual void after_run() {}
};

}  // namespace synergy
