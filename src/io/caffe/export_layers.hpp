// The Caffe type and the parameter block of one exportable graph node.
#pragma once

#include <string>

#include "graph/graph.hpp"
#include "io/caffe/text_writer.hpp"

namespace synergy::caffe {

// "Convolution", "Pooling", ... (the node must pass caffe_limitation()).
std::string caffe_type(const Node& node);
// Writes the node's `<type>_param { ... }` block, if it needs one.
void write_layer_params(const Node& node, TextWriter& out);

}  // namespace synergy::caffe
