// Every zoo network on every backend agrees with the reference backend.
// Tolerance: relative L2 error < 1e-4 and max |error| / max |reference| < 1e-3 on the network's
// output (float32 sums in different orders drift through deep networks). The reference is slow
// on big networks, so a network over 2 GMACs runs at a smaller input where its layers allow (the
// same layers over fewer positions, about 1 GMAC); SYNERGY_ZOO_ALL=1 runs every network at its
// canonical size.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <map>

#include "engine/engine.hpp"
#include "graph/cost.hpp"
#include "helpers.hpp"
#include "util/error.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

constexpr int64_t kCheapMacs = 2'000'000'000;
constexpr int64_t kReducedMacs = 1'000'000'000;

bool run_all() {
  const char* v = std::getenv("SYNERGY_ZOO_ALL");
  return v && std::string(v) == "1";
}

// Network `g` with its square image input set to `side` and shapes inferred again; false when
// a layer does not fit that size.
bool resize_input(Graph& g, int64_t side) {
  Value& in = g.values.at(static_cast<size_t>(g.inputs.at(0)));
  in.shape = Shape{in.shape[0], in.shape[1], side, side};
  try {
    g.infer_shapes();
  } catch (const Error&) {
    return false;
  }
  return true;
}

// The zoo network, at a smaller input when it is over kCheapMacs: the side scaled by the square
// root of kReducedMacs / MACs (MACs grow with the positions), rounded down to 8 and raised until
// every layer fits. A fixed 7x7 average pooling at the end keeps the input large (ResNet-50
// runs at 200, Inception-BN at its canonical 224): the reference takes seconds on them.
Graph bounded_network(const std::string& name) {
  const Graph g = build_zoo_network(name);
  const int64_t macs = analyze(g).total.macs;
  if (macs <= kCheapMacs || run_all()) return g;
  const int64_t full = g.shape(g.inputs.at(0))[2];
  const double ratio = std::sqrt(static_cast<double>(kReducedMacs) / static_cast<double>(macs));
  for (int64_t side = std::max<int64_t>(8, static_cast<int64_t>(full * ratio) / 8 * 8); side < full;
       side += 8) {
    Graph smaller = g;
    if (resize_input(smaller, side)) return smaller;
  }
  return g;
}

// The reference's output for a zoo network, computed once per test process.
const std::vector<Tensor>& reference_output(const std::string& name) {
  static std::map<std::string, std::vector<Tensor>> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  Engine ref(bounded_network(name), "reference", {0, 3});
  auto out = ref.make_outputs();
  ref.run(ref.random_inputs(9), out);
  return cache.emplace(name, std::move(out)).first->second;
}

void expect_agrees_with_reference(const std::string& network, const std::string& backend) {
  Engine engine(bounded_network(network), backend, {0, 3});
  auto out = engine.make_outputs();
  engine.run(engine.random_inputs(9), out);
  const auto& want = reference_output(network);
  ASSERT_EQ(out.size(), want.size());
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_LT(test::relative_l2_error(out[i], want[i]), 1e-4) << network << " on " << backend;
    EXPECT_LT(test::relative_max_error(out[i], want[i]), 1e-3) << network << " on " << backend;
  }
}

bool is_cpu_backend(const std::string& backend) {
  return backend == "onednn" || backend == "blas";
}

// The CPU backends of a network in one test: the reference runs once for all of them (each test
// is a process of its own under ctest).
class ZooOnCpuBackends : public ::testing::TestWithParam<std::string> {};

TEST_P(ZooOnCpuBackends, AgreeWithReference) {
  const std::string& network = GetParam();
  const Graph g = bounded_network(network);
  RecordProperty("input", g.shape(g.inputs.at(0)).str());
  for (const auto& backend : backend_names()) {
    if (is_cpu_backend(backend)) expect_agrees_with_reference(network, backend);
  }
}

std::vector<std::string> zoo_names() {
  std::vector<std::string> names;
  for (const auto& e : zoo_entries()) names.emplace_back(e.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Zoo, ZooOnCpuBackends, ::testing::ValuesIn(zoo_names()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

// Every other backend (the GPU's) per network, skipped where it cannot run.
using ZooParam = std::tuple<std::string, std::string>;
class ZooOnBackend : public ::testing::TestWithParam<ZooParam> {};

TEST_P(ZooOnBackend, AgreesWithReference) {
  const auto& [network, backend] = GetParam();
  if (std::string why; test::backend_unavailable(backend, &why)) GTEST_SKIP() << why;
  expect_agrees_with_reference(network, backend);
}

std::vector<ZooParam> zoo_pairs() {
  std::vector<ZooParam> p;
  for (const auto& e : zoo_entries())
    for (const auto& b : backend_names())
      if (b != "reference" && !is_cpu_backend(b)) p.emplace_back(e.name, b);
  return p;
}

std::string zoo_pair_name(const ::testing::TestParamInfo<ZooParam>& info) {
  return std::get<0>(info.param) + "_" + std::get<1>(info.param);
}

INSTANTIATE_TEST_SUITE_P(Zoo, ZooOnBackend, ::testing::ValuesIn(zoo_pairs()), zoo_pair_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ZooOnBackend);

}  // namespace
}  // namespace synergy
