// Networks drawn from the design spaces: well formed over many draws, the same for the same
// (space, seed, index), written to ONNX and read back unchanged, and run alike on every CPU
// backend and the reference; the dense and inception spaces' ranges read back layer by layer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "engine/engine.hpp"
#include "graph/cost.hpp"
#include "helpers.hpp"
#include "io/onnx/onnx.hpp"
#include "util/error.hpp"
#include "zoo/spaces/spaces.hpp"

namespace synergy {
namespace {

std::vector<std::string> space_names() {
  std::vector<std::string> names;
  for (const auto& s : zoo::design_spaces()) names.push_back(s.name);
  return names;
}

class Space : public ::testing::TestWithParam<std::string> {};

TEST_P(Space, DrawsWellFormedNetworksAcrossItsRanges) {
  std::set<int64_t> sides;
  std::set<int64_t> depths;
  for (int64_t i = 0; i < 40; ++i) {
    const Graph g = zoo::sample_network(GetParam(), 5, i);
    EXPECT_EQ(g.name, GetParam() + "_s5_" + std::to_string(i));
    const Shape in = g.shape(g.inputs.at(0));
    ASSERT_EQ(in.dims.size(), 4u);
    const int64_t side = in.dims[2];
    EXPECT_TRUE(side >= 96 && side <= 320 && side % 32 == 0) << side;
    sides.insert(side);
    const NetworkCost cost = analyze(g);
    EXPECT_GT(cost.total.macs, 0);
    EXPECT_LT(cost.total.macs, int64_t{40'000'000'000}) << g.name;
    depths.insert(static_cast<int64_t>(cost.layers.size()));
    EXPECT_EQ(g.shape(g.outputs.at(0)).dims.back() > 0, true);
  }
  // Forty draws cover most of the eight resolutions and vary in depth.
  EXPECT_GE(sides.size(), 6u);
  EXPECT_GE(depths.size(), 6u);
}

TEST_P(Space, TheSameSeedAndIndexGiveTheSameNetworkAndOnnxFile) {
  Graph a = zoo::sample_network(GetParam(), 42, 3);
  Graph b = zoo::sample_network(GetParam(), 42, 3);
  a.materialize_params(7);
  b.materialize_params(7);
  const std::string bytes = export_onnx_bytes(a);
  EXPECT_EQ(bytes, export_onnx_bytes(b));
  EXPECT_NE(analyze(zoo::sample_network(GetParam(), 42, 4)).total.macs +
                analyze(zoo::sample_network(GetParam(), 43, 3)).total.macs,
            2 * analyze(a).total.macs);
  const Graph back = import_onnx_bytes(bytes, "sampled.onnx");
  EXPECT_EQ(analyze(back).total.macs, analyze(a).total.macs);
  EXPECT_EQ(analyze(back).total.params, analyze(a).total.params);
}

// The cheapest of the first few networks on each CPU backend against the reference.
TEST_P(Space, RunsAlikeOnEveryCpuBackend) {
  Graph chosen = zoo::sample_network(GetParam(), 11, 0);
  for (int64_t i = 1; i < 6; ++i) {
    Graph g = zoo::sample_network(GetParam(), 11, i);
    if (analyze(g).total.macs < analyze(chosen).total.macs) chosen = std::move(g);
  }
  RecordProperty("network", chosen.name);
  Engine ref(chosen, "reference", {0, 3});
  auto want = ref.make_outputs();
  ref.run(ref.random_inputs(9), want);
  for (const std::string backend : {"blas", "onednn"}) {
    if (std::string why; test::backend_unavailable(backend, &why)) continue;
    Engine engine(chosen, backend, {0, 3});
    auto out = engine.make_outputs();
    engine.run(engine.random_inputs(9), out);
    ASSERT_EQ(out.size(), want.size());
    for (size_t k = 0; k < out.size(); ++k) {
      EXPECT_LT(test::relative_l2_error(out[k], want[k]), 1e-4) << chosen.name << " " << backend;
      EXPECT_LT(test::relative_max_error(out[k], want[k]), 1e-3) << chosen.name << " " << backend;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(DesignSpaces, Space, ::testing::ValuesIn(space_names()),
                         [](const auto& p) { return p.param; });

TEST(DesignSpaces, AnUnknownSpaceNamesTheKnownOnes) {
  try {
    zoo::sample_network("transformer", 1, 0);
    ADD_FAILURE() << "sampled an unknown space";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_NE(std::string(e.what()).find(
                  "plain, residual, inverted, shuffle, dense, inception, grouped, classic"),
              std::string::npos)
        << e.what();
  }
}

int64_t channels(const Graph& g, ValueId v) {
  return g.shape(v)[1];
}

// Blocks, layers, growth, bottleneck, compression and stem as spaces.cpp describes them.
TEST(DesignSpaces, DenseDrawsWithinItsRanges) {
  std::set<int64_t> growths, block_counts, layer_counts;
  std::set<bool> bottlenecks, compressions, pooled_stride2_stems;
  for (int64_t i = 0; i < 40; ++i) {
    const Graph g = zoo::sample_network("dense", 5, i);
    SCOPED_TRACE(g.name);
    const int64_t side = g.shape(g.inputs.at(0))[2];
    std::map<int, int> layers;  // per block
    std::set<int64_t> growth_seen, bottleneck_widths;
    bool pooled = false, stride2 = false;
    for (const Node& n : g.nodes) {
      int k = 0, l = 0;
      char rest[32] = {};
      const int fields = std::sscanf(n.name.c_str(), "dense%d.layer%d.%31s", &k, &l, rest);
      const std::string part = fields == 3 ? rest : "";
      if (part == "concat") {
        ASSERT_EQ(n.inputs.size(), 2u);
        growth_seen.insert(channels(g, n.outputs[0]) - channels(g, n.inputs[0]));
        layers[k] = std::max(layers[k], l);
        // Every block runs at half the input side or less.
        ASSERT_LE(2 * g.shape(n.outputs[0])[2], side);
      } else if (part == "conv1") {
        bottleneck_widths.insert(channels(g, n.outputs[0]));
      } else if (n.name.rfind("transition", 0) == 0 && n.kind() == OpKind::Conv) {
        const int64_t in = channels(g, n.inputs[0]), out = channels(g, n.outputs[0]);
        ASSERT_TRUE(out == in || out == in / 2) << in << " -> " << out;
        compressions.insert(out != in);
      } else if (n.name == "stem") {
        stride2 = n.as<ConvAttrs>().stride.h == 2;
        ASSERT_EQ(n.as<ConvAttrs>().kernel.h, stride2 ? 7 : 3);
      } else if (n.name == "stem_pool") {
        pooled = true;
      }
    }
    ASSERT_EQ(growth_seen.size(), 1u);  // one growth rate per network
    const int64_t growth = *growth_seen.begin();
    ASSERT_GE(growth, 8);
    ASSERT_LE(growth, 32);
    growths.insert(growth);
    // Bottleneck 1x1s are four times the growth rate wide, or there are none.
    ASSERT_LE(bottleneck_widths.size(), 1u);
    if (!bottleneck_widths.empty()) {
      ASSERT_EQ(*bottleneck_widths.begin(), 4 * growth);
    }
    bottlenecks.insert(!bottleneck_widths.empty());
    ASSERT_GE(layers.size(), 2u);
    ASSERT_LE(layers.size(), 4u);
    block_counts.insert(static_cast<int64_t>(layers.size()));
    for (const auto& [block, count] : layers) {
      ASSERT_GE(count, 2) << block;
      ASSERT_LE(count, 8) << block;
      layer_counts.insert(count);
    }
    ASSERT_TRUE(stride2 || pooled);  // the stride-1 stem is always pooled
    if (stride2) pooled_stride2_stems.insert(pooled);
  }
  EXPECT_GE(growths.size(), 4u);
  EXPECT_EQ(block_counts.size(), 3u);
  EXPECT_GE(layer_counts.size(), 6u);
  EXPECT_EQ(bottlenecks.size(), 2u);
  EXPECT_EQ(compressions.size(), 2u);
  EXPECT_EQ(pooled_stride2_stems.size(), 2u);
}

// Stages, modules, branches and widths as spaces.cpp describes them.
TEST(DesignSpaces, InceptionDrawsWithinItsRanges) {
  std::set<int64_t> stage_counts, module_counts, branch_counts;
  std::set<std::string> third_branches;
  for (int64_t i = 0; i < 40; ++i) {
    const Graph g = zoo::sample_network("inception", 5, i);
    SCOPED_TRACE(g.name);
    std::map<int, int> modules;  // per stage
    for (const Node& n : g.nodes) {
      if (n.kind() == OpKind::Conv) {
        const int64_t c = channels(g, n.outputs[0]);
        ASSERT_TRUE(c % 8 == 0 && c >= 8 && c <= 512) << n.name << " " << c;
      }
      int s = 0, m = 0;
      char rest[32] = {};
      if (std::sscanf(n.name.c_str(), "stage%d.%d.%31s", &s, &m, rest) != 3) continue;
      ASSERT_GE(s, 1);
      ASSERT_LE(s, 4);
      ASSERT_GE(m, 0);
      ASSERT_LE(m, 2);
      modules[s] = std::max(modules[s], m + 1);
      const std::string part = rest;
      if (part == "5x5" || part == "double_3x3_1") third_branches.insert(part);
      if (part == "concat") {
        ASSERT_TRUE(n.inputs.size() == 3 || n.inputs.size() == 4) << n.inputs.size();
        branch_counts.insert(static_cast<int64_t>(n.inputs.size()));
      }
    }
    ASSERT_GE(modules.size(), 2u);
    ASSERT_LE(modules.size(), 4u);
    ASSERT_EQ(modules.rbegin()->first, static_cast<int>(modules.size()));  // stages 1 to N
    stage_counts.insert(static_cast<int64_t>(modules.size()));
    for (const auto& [stage, count] : modules) module_counts.insert(count);
  }
  EXPECT_EQ(stage_counts.size(), 3u);
  EXPECT_EQ(module_counts, std::set<int64_t>({1, 2, 3}));
  EXPECT_EQ(branch_counts, std::set<int64_t>({3, 4}));
  EXPECT_EQ(third_branches.size(), 2u);
}

// Group widths, stages, blocks and heads as spaces.cpp describes them.
TEST(DesignSpaces, GroupedDrawsWithinItsRanges) {
  std::set<int64_t> group_counts, stage_counts;
  std::set<std::string> heads;
  std::set<bool> softmaxes;
  for (int64_t i = 0; i < 40; ++i) {
    const Graph g = zoo::sample_network("grouped", 5, i);
    SCOPED_TRACE(g.name);
    std::set<int64_t> group_widths;
    int stages = 0;
    for (const Node& n : g.nodes) {
      int s = 0, blk = 0;
      char rest[32] = {};
      if (std::sscanf(n.name.c_str(), "stage%d.b%d.%31s", &s, &blk, rest) == 3) {
        ASSERT_LE(blk, 4);
        stages = std::max(stages, s);
        if (std::string(rest) == "b") {
          const auto& a = n.as<ConvAttrs>();
          group_widths.insert(channels(g, n.inputs[0]) / a.groups);
          group_counts.insert(a.groups);
          ASSERT_EQ(a.kernel.h, 3);
        }
      }
      if (n.name == "head_mean") heads.insert(n.kind() == OpKind::ReduceMean ? "mean" : "?");
      if (n.name == "head_flatten") heads.insert(n.kind() == OpKind::Flatten ? "flatten" : "?");
    }
    ASSERT_EQ(group_widths.size(), 1u);  // one group width per network
    const std::set<int64_t> allowed{8, 16, 24, 32, 48, 64};
    ASSERT_TRUE(allowed.count(*group_widths.begin())) << *group_widths.begin();
    ASSERT_GE(stages, 2);
    ASSERT_LE(stages, 4);
    stage_counts.insert(stages);
    softmaxes.insert(g.nodes.back().kind() == OpKind::Softmax);
  }
  EXPECT_GE(*group_counts.rbegin(), 8);  // groups double by stage
  EXPECT_EQ(stage_counts.size(), 3u);
  EXPECT_EQ(heads, std::set<std::string>({"mean", "flatten"}));
  EXPECT_EQ(softmaxes.size(), 2u);
}

// LRN, groups, the number of 3x3 convolutions and the classifier as spaces.cpp describes them.
TEST(DesignSpaces, ClassicDrawsWithinItsRanges) {
  std::set<int64_t> groups, conv_counts, lrn_counts;
  for (int64_t i = 0; i < 40; ++i) {
    const Graph g = zoo::sample_network("classic", 5, i);
    SCOPED_TRACE(g.name);
    int convs = 0, dropouts = 0, lrns = 0;
    for (const Node& n : g.nodes) {
      convs += n.kind() == OpKind::Conv ? 1 : 0;
      dropouts += n.kind() == OpKind::Dropout ? 1 : 0;
      lrns += n.kind() == OpKind::Lrn ? 1 : 0;
      if (n.name == "conv2") groups.insert(n.as<ConvAttrs>().groups);
    }
    ASSERT_LE(lrns, 2);
    lrn_counts.insert(lrns);
    ASSERT_GE(convs, 3);
    ASSERT_LE(convs, 5);
    conv_counts.insert(convs);
    ASSERT_EQ(dropouts, 2);
    ASSERT_EQ(g.nodes.back().kind(), OpKind::Softmax);
  }
  EXPECT_EQ(lrn_counts, std::set<int64_t>({0, 1, 2}));
  EXPECT_EQ(groups, std::set<int64_t>({1, 2}));
  EXPECT_EQ(conv_counts.size(), 3u);
}

}  // namespace
}  // namespace synergy
