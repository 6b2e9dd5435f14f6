// The memory plan: buffers are shared only between values whose lifetimes do not overlap.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/kernel_program.hpp"
#include "engine/memory_plan.hpp"
#include "graph/builder.hpp"
#include "helpers.hpp"

namespace synergy {
namespace {

ActivationAttrs relu() {
  return {ActivationKind::Relu, 0, 0};
}

// x -> r1 -> r2 -> r3 -> r4: two buffers suffice.
Graph chain() {
  GraphBuilder b("chain", "test");
  ValueId v = b.input("x", Shape{1, 3, 8, 8});
  for (const char* name : {"r1", "r2", "r3", "r4"}) v = b.add1(name, relu(), {v});
  return b.finish({v});
}

// A fire-module-like graph: squeeze, two expands, concat, flatten, and an early output.
Graph branches() {
  GraphBuilder b("branches", "test");
  ValueId x = b.input("x", Shape{1, 4, 6, 6});
  ValueId s = b.add1("squeeze", ConvAttrs{2, {1, 1}, {1, 1}, {1, 1}, {}, 1, true}, {x});
  ValueId e1 = b.add1("e1", ConvAttrs{3, {1, 1}, {1, 1}, {1, 1}, {}, 1, true}, {s});
  ValueId e3 = b.add1("e3", ConvAttrs{5, {3, 3}, {1, 1}, {1, 1}, Pads::same(1), 1, true}, {s});
  ValueId r1 = b.add1("r1", relu(), {e1});
  ValueId r3 = b.add1("r3", relu(), {e3});
  ValueId c = b.add1("cat", ConcatAttrs{1}, {r1, r3});
  ValueId f = b.add1("flat", FlattenAttrs{1}, {c});
  ValueId fc = b.add1("fc", FullyConnectedAttrs{7, true}, {f});
  ValueId sm = b.add1("prob", SoftmaxAttrs{1}, {fc});
  return b.finish({sm, s});
}

// Node index range [first, last] during which each value's buffer must stay intact.
struct Life {
  size_t first = 0, last = 0;
};

void expect_no_conflicts(const Graph& g, const MemoryPlan& plan) {
  auto root = [&](ValueId v) {
    while (plan.view_of[static_cast<size_t>(v)] >= 0) v = plan.view_of[static_cast<size_t>(v)];
    return v;
  };
  std::vector<Life> life(g.values.size());
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    for (ValueId v : g.nodes[i].outputs) life[static_cast<size_t>(root(v))].first = i;
  }
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    for (ValueId v : g.nodes[i].inputs) {
      auto& l = life[static_cast<size_t>(root(v))].last;
      l = std::max(l, i);
    }
    for (ValueId v : g.nodes[i].outputs) {
      auto& l = life[static_cast<size_t>(root(v))].last;
      l = std::max(l, i);
    }
  }
  for (ValueId v : g.outputs) life[static_cast<size_t>(root(v))].last = g.nodes.size();
  for (size_t a = 0; a < g.values.size(); ++a) {
    for (size_t b = a + 1; b < g.values.size(); ++b) {
      if (plan.offset[a] < 0 || plan.offset[b] < 0) continue;
      const bool overlap_time = life[a].first <= life[b].last && life[b].first <= life[a].last;
      const int64_t a_end = plan.offset[a] + g.values[a].shape.numel();
      const int64_t b_end = plan.offset[b] + g.values[b].shape.numel();
      const bool overlap_space = plan.offset[a] < b_end && plan.offset[b] < a_end;
      EXPECT_FALSE(overlap_time && overlap_space)
          << g.values[a].name << " and " << g.values[b].name << " share memory while both live";
      EXPECT_LE(std::max(a_end, b_end), plan.arena_floats);
    }
  }
}

TEST(MemoryPlan, ChainNeedsTwoBuffers) {
  Graph g = chain();
  MemoryPlan plan = plan_memory(g);
  EXPECT_EQ(plan.arena_floats, 2 * 192);
  EXPECT_EQ(plan.unshared_floats, 4 * 192);
  expect_no_conflicts(g, plan);
}

TEST(MemoryPlan, BranchesNeverShareLiveBuffers) {
  Graph g = branches();
  MemoryPlan plan = plan_memory(g);
  EXPECT_LT(plan.arena_floats, plan.unshared_floats);
  expect_no_conflicts(g, plan);
}

TEST(MemoryPlan, ViewsShareTheirSourceBuffer) {
  Graph g = branches();
  MemoryPlan plan = plan_memory(g);
  for (const auto& n : g.nodes) {
    if (n.name != "flat") continue;
    EXPECT_EQ(plan.offset[static_cast<size_t>(n.outputs[0])], MemoryPlan::kNoBuffer);
    EXPECT_EQ(plan.view_of[static_cast<size_t>(n.outputs[0])], n.inputs[0]);
  }
  for (ValueId v : g.inputs) EXPECT_EQ(plan.offset[static_cast<size_t>(v)], MemoryPlan::kNoBuffer);
}

TEST(MemoryPlan, OffsetsAreAligned) {
  Graph g = branches();
  MemoryPlan plan = plan_memory(g);
  for (int64_t o : plan.offset) EXPECT_EQ(o < 0 ? 0 : o % 16, 0);
}

// An early graph output must survive the rest of the network even though nothing reads it.
TEST(MemoryPlan, EarlyOutputSurvivesUntilTheEnd) {
  GraphBuilder b("early", "test");
  ValueId x = b.input("x", Shape{1, 2, 3, 3});
  ValueId a = b.add1("a", relu(), {x});
  ValueId s = b.add1("s", ActivationAttrs{ActivationKind::Sigmoid, 0, 0}, {a});
  ValueId t = b.add1("t", ActivationAttrs{ActivationKind::Tanh, 0, 0}, {s});
  ValueId d = b.add1("d", relu(), {t});
  Graph g = b.finish({a, d});
  auto in = test::random_inputs_for(g, 3);
  auto out = test::run_on("reference", g, in);
  for (size_t i = 0; i < in[0].data.size(); ++i) {
    EXPECT_EQ(out[0].data[i], std::max(0.0f, in[0].data[i]));
  }
  expect_no_conflicts(g, plan_memory(g));
}

}  // namespace
}  // namespace synergy
