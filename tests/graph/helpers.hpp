// Small graphs for testing one op at a time.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graph/builder.hpp"
#include "graph/cost.hpp"
#include "util/error.hpp"

namespace synergy::testing {

// A graph with inputs "x0", "x1", ... and one node "op" whose outputs are the graph's outputs.
inline Graph one_op(Attrs attrs, std::vector<Shape> inputs, int num_outputs = 1) {
  GraphBuilder b("test", "unit test");
  std::vector<ValueId> ins;
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::string name = "x";  // appended, not concatenated: GCC 12 warns falsely on "x" + s
    name += std::to_string(i);
    ins.push_back(b.input(name, inputs[i]));
  }
  return b.finish(b.add("op", std::move(attrs), ins, num_outputs));
}

inline Shape out_shape(Attrs attrs, std::vector<Shape> inputs) {
  Graph g = one_op(std::move(attrs), std::move(inputs));
  return g.shape(g.outputs.at(0));
}

inline LayerCost op_cost(Attrs attrs, std::vector<Shape> inputs) {
  return analyze(one_op(std::move(attrs), std::move(inputs))).layers.at(0).cost;
}

// Runs `fn`, expects a bad_input Error whose message contains every one of `parts`.
template <class Fn>
void expect_bad_input(Fn&& fn, std::vector<std::string> parts) {
  try {
    fn();
    ADD_FAILURE() << "expected a bad_input error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput) << e.what();
    for (const auto& p : parts)
      EXPECT_NE(std::string(e.what()).find(p), std::string::npos) << e.what();
  }
}

inline ConvAttrs conv_attrs(int64_t out, int64_t k, int64_t stride = 1, int64_t pad = 0,
                            int64_t groups = 1) {
  ConvAttrs a;
  a.out_channels = out;
  a.kernel = {k, k};
  a.stride = {stride, stride};
  a.pads = Pads::same(pad);
  a.groups = groups;
  return a;
}

inline PoolAttrs pool_attrs(int64_t k, int64_t stride, int64_t pad, Rounding r,
                            PoolKind kind = PoolKind::Max) {
  PoolAttrs a;
  a.kind = kind;
  a.kernel = {k, k};
  a.stride = {stride, stride};
  a.pads = Pads::same(pad);
  a.rounding = r;
  return a;
}

}  // namespace synergy::testing
