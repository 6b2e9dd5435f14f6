// Caffe deploy prototxt (and optional .caffemodel weights) import, prototxt export.
#pragma once

#include <string>
#include <string_view>

#include "graph/graph.hpp"

namespace synergy {

// Parses a deploy prototxt (input:/input_shape/Input layer) into a graph with shapes inferred;
// `batch` replaces the batch dimension the file declares. `weights` is the binary content of a
// .caffemodel (empty: params left for seeded init). See docs/formats.md for the layer mapping.
// Throws bad_input naming `origin` and the layer on malformed or unsupported input.
Graph import_caffe(std::string_view prototxt, const std::string& origin,
                   std::string_view weights = {}, int64_t batch = 1);
Graph import_caffe_files(const std::string& prototxt_path, const std::string& weights_path = {},
                         int64_t batch = 1);

// Writes a graph as a deploy prototxt (Caffe layer types; ops Caffe lacks are an error naming
// them).
std::string export_caffe_prototxt(const Graph& graph);

}  // namespace synergy
