// The built-in networks (no files to download), at their canonical input size, batch 1.
#pragma once

#include <span>
#include <string>

#include "graph/graph.hpp"

namespace synergy {

struct ZooEntry {
  const char* name;    // "alexnet"
  const char* title;   // "AlexNet (BVLC Caffe)"
  const char* source;  // the paper it comes from
  Graph (*build)();    // shapes inferred, params not loaded
};

std::span<const ZooEntry> zoo_entries();
// Throws bad_input listing every zoo name when `name` is unknown.
Graph build_zoo_network(const std::string& name);

}  // namespace synergy
