// Which graph nodes a Caffe deploy prototxt can express.
#pragma once

#include <string>

#include "graph/graph.hpp"

namespace synergy::caffe {

// Empty when Caffe can express node `index` exactly (shapes and costs survive a re-import);
// otherwise the reason ("Transpose has no Caffe layer").
std::string caffe_limitation(const Graph& graph, size_t index);

// Throws bad_input naming every node Caffe cannot express, or when shapes are not inferred.
void require_caffe_expressible(const Graph& graph);

}  // namespace synergy::caffe
