// ONNX import and export.
#pragma once

#include <string>
#include <string_view>

#include "graph/graph.hpp"

namespace synergy {

// Parses an ONNX model (opsets 9-17) into a graph with shapes inferred and initializers as params.
// Throws bad_input naming `origin` (file name) and the node on malformed or unsupported input.
Graph import_onnx_bytes(std::string_view bytes, const std::string& origin, int64_t batch = 1);
Graph import_onnx_file(const std::string& path, int64_t batch = 1);

// Serialises a graph (params materialized or not: missing params are written seeded-random
// when `seed` is given via materialize_params beforehand) as an ONNX model (opset 13).
std::string export_onnx_bytes(const Graph& graph);
void export_onnx_file(const Graph& graph, const std::string& path);

}  // namespace synergy
