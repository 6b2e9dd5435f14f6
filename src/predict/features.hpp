// Analytic features of networks (from the graph's cost analysis) as dataset rows, so that a
// model fitted on measurements predicts networks that were never run.
#pragma once

#include <string>
#include <vector>

#include "graph/cost.hpp"
#include "graph/graph.hpp"
#include "predict/dataset.hpp"

namespace synergy::predict {

// Per-layer columns: macs, flops, params, weight_bytes, input_bytes, output_bytes,
// traffic_bytes, intensity, depthwise (0/1), grouped (0/1, grouped but not depthwise),
// depthwise_macs, kernel_area, stride, groups, batch.
std::vector<std::string> layer_feature_names();

// Per-network columns: the sums of the per-layer counts (macs ... traffic_bytes,
// depthwise_macs, grouped_macs), layers, intensity (flops / traffic_bytes), batch, and per op
// type `<type>_macs`, `<type>_flops`, `<type>_traffic_bytes`, `<type>_layers` for every op
// type (type in lower case, e.g. conv_macs, fullyconnected_macs, pool_flops), 0 when absent.
std::vector<std::string> network_feature_names();

// One row per layer of `graph`, named `network`, layer_type = op name ("Conv").
Dataset layer_features(const Graph& graph, const NetworkCost& cost, const std::string& network);
// One row for the whole network.
Dataset network_features(const Graph& graph, const NetworkCost& cost, const std::string& network);

// Appends the rows of `more` (same columns) to `into`; `into` may be empty.
void append_rows(Dataset& into, const Dataset& more);

// Adds every analytic feature that `data` lacks, loading each network by name (a zoo name or
// model file) at `batch`: network features to network rows, layer features to per-layer rows
// (matched by layer name; a layer the graph lacks keeps blank features). Columns already
// present are kept. Throws bad_input when a network cannot be loaded.
void join_network_features(Dataset& data, int64_t batch);

// Loads networks (zoo names or .onnx/.prototxt files) and returns their feature rows.
Dataset load_layer_features(const std::vector<std::string>& specs, int64_t batch);
Dataset load_network_features(const std::vector<std::string>& specs, int64_t batch);

}  // namespace synergy::predict
