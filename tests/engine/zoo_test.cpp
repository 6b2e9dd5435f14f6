// Every zoo network on every backend agrees with the reference backend.
// Tolerance: relative L2 error < 1e-4 and max |error| / max |reference| < 1e-3 on the network's
// output (float32 sums in different orders drift through deep networks). The reference is slow
// on big networks, so by default only networks under 2 GMACs run; SYNERGY_ZOO_ALL=1 runs all.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

#include "engine/engine.hpp"
#include "graph/cost.hpp"
#include "helpers.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

constexpr int64_t kCheapMacs = 2'000'000'000;

bool run_all() {
  const char* v = std::getenv("SYNERGY_ZOO_ALL");
  return v && std::string(v) == "1";
}

// The reference's output for a zoo network, computed once per test process.
const std::vector<Tensor>& reference_output(const std::string& name) {
  static std::map<std::string, std::vector<Tensor>> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  Engine ref(build_zoo_network(name), "reference", {0, 3});
  auto out = ref.make_outputs();
  ref.run(ref.random_inputs(9), out);
  return cache.emplace(name, std::move(out)).first->second;
}

using ZooParam = std::tuple<std::string, std::string>;
class ZooOnBackend : public ::testing::TestWithParam<ZooParam> {};

TEST_P(ZooOnBackend, AgreesWithReference) {
  const auto& [network, backend] = GetParam();
  if (std::string why; test::backend_unavailable(backend, &why)) GTEST_SKIP() << why;
  Graph g = build_zoo_network(network);
  const int64_t macs = analyze(g).total.macs;
  if (macs > kCheapMacs && !run_all()) {
    GTEST_SKIP() << network << " has " << macs << " MACs; set SYNERGY_ZOO_ALL=1 to run it";
  }
  Engine engine(std::move(g), backend, {0, 3});
  auto out = engine.make_outputs();
  engine.run(engine.random_inputs(9), out);
  const auto& want = reference_output(network);
  ASSERT_EQ(out.size(), want.size());
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_LT(test::relative_l2_error(out[i], want[i]), 1e-4) << network << " on " << backend;
    EXPECT_LT(test::relative_max_error(out[i], want[i]), 1e-3) << network << " on " << backend;
  }
}

std::vector<ZooParam> zoo_pairs() {
  std::vector<ZooParam> p;
  for (const auto& e : zoo_entries())
    for (const auto& b : backend_names())
      if (b != "reference") p.emplace_back(e.name, b);
  return p;
}

std::string zoo_pair_name(const ::testing::TestParamInfo<ZooParam>& info) {
  return std::get<0>(info.param) + "_" + std::get<1>(info.param);
}

INSTANTIATE_TEST_SUITE_P(Zoo, ZooOnBackend, ::testing::ValuesIn(zoo_pairs()), zoo_pair_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ZooOnBackend);

}  // namespace
}  // namespace synergy
