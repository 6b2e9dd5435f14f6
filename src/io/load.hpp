// Loads a network by zoo name or by file (.onnx, .prototxt), with shapes inferred.
#pragma once

#include <cstdint>
#include <string>

#include "graph/graph.hpp"

namespace synergy {

struct LoadOptions {
  int64_t batch = 1;
  std::string weights_path;  // optional .caffemodel for a prototxt
};

// `spec` is a zoo name ("alexnet"), a sampled network's name ("inverted_s7_3", see synergy
// sample) or a path ending in .onnx / .prototxt. Throws bad_input
// naming the file (and node) on malformed input, listing the zoo names on an unknown name.
Graph load_network(const std::string& spec, const LoadOptions& options = {});

}  // namespace synergy
