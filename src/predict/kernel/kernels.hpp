// The kernels an engine executes for a network: a host layer with the layers fused into it
// (folded batch norm, post-op activations) is one kernel; a view is none. Each kernel gets a
// kind and op-specific features, so that a predictor learns what the engine actually runs.
#pragma once

#include <string>
#include <vector>

#include "graph/cost.hpp"
#include "graph/graph.hpp"

namespace synergy::predict {

// How a backend runs a graph's layers: per layer, the layer whose kernel runs it (-1: its own),
// whether it is a view (no kernel at all), and its kernel's algorithm where it is not the direct
// one ("winograd_4x3"; empty, or "" per layer, where all are direct).
struct KernelLayout {
  std::vector<int> host;
  std::vector<bool> view;
  std::vector<std::string> algorithm;
};

struct Kernel {
  std::string name;  // the host layer's name
  // "conv", "conv_depthwise", "conv_grouped", "conv_winograd", "pool", "binary", ...
  std::string kind;
  std::vector<size_t> layers;    // the host first, then the layers fused into it
  std::vector<double> features;  // in kernel_feature_names() order
  std::string algorithm;         // the host's, as the layout names it ("" for the direct form)
};

// macs, flops (all fused layers), input_bytes (the host's), output_bytes (the last fused
// layer's), weight_bytes, traffic_bytes, intensity (flops / traffic), kernel_area, stride,
// groups, in_channels, out_channels, out_pixels (output height x width), fused_layers, batch,
// algorithm_macs (the products the host's algorithm computes: Winograd's fewer, else macs),
// network_traffic_bytes (fully connected kernels only, else 0: the traffic of all the network's
// kernels, to a quarter power of two, which decides whether its weights stay cached).
// Features are only appended, so that a model trained on fewer reads the leading ones.
const std::vector<std::string>& kernel_feature_names();
size_t kernel_feature_index(const std::string& name);  // throws Runtime on an unknown name

// The kernels of `graph` under `layout`, in graph order of their hosts. Throws bad_input when
// the layout does not match the graph.
std::vector<Kernel> kernels_of(const Graph& graph, const NetworkCost& cost,
                               const KernelLayout& layout);

}  // namespace synergy::predict
