// Networks drawn from the design spaces: well formed over many draws, the same for the same
// (space, seed, index), written to ONNX and read back unchanged, and run alike on every CPU
// backend and the reference.
#include <gtest/gtest.h>

#include <algorithm>
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
    EXPECT_NE(std::string(e.what()).find("plain, residual, inverted, shuffle"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace synergy
