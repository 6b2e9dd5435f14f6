// Per-layer observation: the executor calls an observer around each layer it asks for.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

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

// Device execution interval of one observed layer, on the host clock (synergy::now_ns()).
struct DeviceLayerSpan {
  size_t layer = 0;  // index into graph.nodes
  int64_t start_ns = 0;
  int64_t end_ns = 0;
};

// An observer that also wants device times. An asynchronous backend (GPU) calls before_layer/
// after_layer when it enqueues a layer and, once the inference has finished on the device and
// before after_run, reports the device intervals of the observed layers in layer order.
class DeviceTimeObserver : public LayerObserver {
 public:
  virtual void device_spans(std::span<const DeviceLayerSpan> spans) = 0;
};

}  // namespace synergy
