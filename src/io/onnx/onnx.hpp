// ONNX import and export.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "graph/graph.hpp"

namespace synergy {

struct OnnxImportOptions {
  int64_t batch = 1;
  // Folds each BatchNormalization into the convolution before it (when that convolution
  // feeds nothing else); by default BatchNorm stays a layer of its own.
  bool fold_batch_norm = false;
};

// Parses an ONNX model (opsets 9-17) into a graph with shapes inferred and initializers as params.
// Throws bad_input naming `origin` (file name) and the node on malformed or unsupported input.
Graph import_onnx_bytes(std::string_view bytes, const std::string& origin, int64_t batch = 1);
Graph import_onnx_bytes(std::string_view bytes, const std::string& origin,
                        const OnnxImportOptions& options);
Graph import_onnx_file(const std::string& path, int64_t batch = 1);
Graph import_onnx_file(const std::string& path, const OnnxImportOptions& options);

// Serialises a graph as an ONNX model (opset 13) with every param as an initializer; params
// without data are written with seeded random values (materialize_params with kOnnxExportSeed).
std::string export_onnx_bytes(const Graph& graph);
void export_onnx_file(const Graph& graph, const std::string& path);

inline constexpr uint64_t kOnnxExportSeed = 1;

}  // namespace synergy
