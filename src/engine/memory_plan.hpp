// Buffer reuse: values whose lifetimes do not overlap share one region of a single arena.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/graph.hpp"

namespace synergy {

struct MemoryPlan {
  static constexpr int64_t kNoBuffer = -1;
  // Per value: float offset of its buffer in the arena; kNoBuffer for graph inputs and for
  // views (see view_of).
  std::vector<int64_t> offset;
  // Per value: the value it is a view of (Reshape/Flatten/Dropout output), or -1.
  std::vector<ValueId> view_of;
  int64_t arena_floats = 0;     // arena size
  int64_t unshared_floats = 0;  // what one buffer per value would take (for reports)
};

// Lifetimes follow node order: a value lives from its producer to its last consumer (graph
// outputs to the end). A node's outputs never share memory with its inputs. Offsets are
// aligned to 16 floats (64 bytes).
MemoryPlan plan_memory(const Graph& graph);

}  // namespace synergy
