// Isolation runs: one layer of a network compiled alone, with the same shapes, params and backend,
// so that it can run back to back for as long as the sensor needs.
#pragma once

#include <memory>

#include "graph/graph.hpp"

namespace synergy {

class Engine;

// A graph holding only node `layer` of `graph`: its inputs become graph inputs, its params keep
// their data. Throws bad_input for an index out of range.
Graph single_layer_graph(const Graph& graph, size_t layer);

// That graph compiled on `engine`'s backend and context.
std::unique_ptr<Engine> single_layer_engine(const Engine& engine, size_t layer);

}  // namespace synergy
