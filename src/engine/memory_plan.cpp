#include "engine/memory_plan.hpp"

#include <algorithm>

#include "engine/kernel_program.hpp"
#include "util/checked.hpp"

namespace synergy {
namespace {

constexpr int64_t kAlign = 16;  // floats: 64 bytes

int64_t aligned(int64_t floats) {
  return (floats + kAlign - 1) / kAlign * kAlign;
}

struct Block {
  int64_t size = 0;
  size_t free_from = 0;  // first node index at which the block may be reused
};

// The value whose buffer `v` uses: itself, or the root of its chain of views.
ValueId root_of(const MemoryPlan& plan, ValueId v) {
  while (plan.view_of[static_cast<size_t>(v)] >= 0) v = plan.view_of[static_cast<size_t>(v)];
  return v;
}

// Last node index reading each root buffer (through views too); graph outputs live to the end.
std::vector<size_t> last_uses(const Graph& graph, const MemoryPlan& plan) {
  std::vector<size_t> last(graph.values.size(), 0);
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    for (ValueId v : graph.nodes[i].inputs) last[static_cast<size_t>(root_of(plan, v))] = i;
    for (ValueId v : graph.nodes[i].outputs) {
      auto& l = last[static_cast<size_t>(root_of(plan, v))];
      l = std::max(l, i);
    }
  }
  for (ValueId v : graph.outputs) last[static_cast<size_t>(root_of(plan, v))] = graph.nodes.size();
  return last;
}

// Smallest free block that fits; else the largest free block (grown); else a new one.
size_t pick_block(std::vector<Block>& blocks, int64_t need, size_t now) {
  size_t best = blocks.size(), largest = blocks.size();
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (blocks[b].free_from > now) continue;
    if (blocks[b].size >= need && (best == blocks.size() || blocks[b].size < blocks[best].size))
      best = b;
    if (largest == blocks.size() || blocks[b].size > blocks[largest].size) largest = b;
  }
  if (best == blocks.size()) best = largest;
  if (best == blocks.size()) {
    blocks.push_back({});
    best = blocks.size() - 1;
  }
  blocks[best].size = std::max(blocks[best].size, need);
  return best;
}

}  // namespace

MemoryPlan plan_memory(const Graph& graph) {
  MemoryPlan plan;
  plan.offset.assign(graph.values.size(), MemoryPlan::kNoBuffer);
  plan.view_of.assign(graph.values.size(), -1);
  for (const auto& n : graph.nodes) {
    if (is_view_node(n)) plan.view_of[static_cast<size_t>(n.outputs[0])] = n.inputs[0];
  }
  const std::vector<size_t> last = last_uses(graph, plan);
  std::vector<Block> blocks;
  std::vector<size_t> block_of(graph.values.size(), 0);
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const Node& n = graph.nodes[i];
    if (is_view_node(n)) continue;
    for (ValueId v : n.outputs) {
      const int64_t need = aligned(graph.shape(v).numel());
      plan.unshared_floats = checked_add(plan.unshared_floats, need, "memory plan");
      const size_t b = pick_block(blocks, need, i);
      // Busy through its last reader; a value nobody reads is free after its own node.
      blocks[b].free_from = std::max(last[static_cast<size_t>(v)], i) + 1;
      block_of[static_cast<size_t>(v)] = b;
    }
  }
  std::vector<int64_t> block_offset(blocks.size(), 0);
  for (size_t b = 0; b < blocks.size(); ++b) {
    block_offset[b] = plan.arena_floats;
    plan.arena_floats = checked_add(plan.arena_floats, blocks[b].size, "memory plan");
  }
  for (const auto& n : graph.nodes) {
    if (is_view_node(n)) continue;
    for (ValueId v : n.outputs) {
      plan.offset[static_cast<size_t>(v)] = block_offset[block_of[static_cast<size_t>(v)]];
    }
  }
  return plan;
}

}  // namespace synergy
