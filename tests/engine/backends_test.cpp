// The harness: every op case on every registered backend, checked against the reference.
// Backends run with 2 threads, the reference with 1 (so the reference itself is also checked
// for thread-count independence). Tolerance: max |backend - reference| / max |reference|,
// 1e-4 for convolution and fully-connected layers, 1e-5 for everything else.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/engine.hpp"
#include "helpers.hpp"
#include "op_cases.hpp"

namespace synergy {
namespace {

using Param2 = std::tuple<size_t, std::string>;

class BackendHarness : public ::testing::TestWithParam<Param2> {};

TEST_P(BackendHarness, MatchesReference) {
  const auto& [index, backend] = GetParam();
  if (std::string why; test::backend_unavailable(backend, &why)) GTEST_SKIP() << why;
  const test::OpCase& c = test::op_cases().at(index);
  Graph g = c.build();
  const auto in = test::scaled_random_inputs(g, 11, c.input_scale);
  const auto want = test::run_on("reference", g, in, 1, 5);
  const auto got = test::run_on(backend, g, in, 2, 5);
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    ASSERT_EQ(got[i].shape, want[i].shape) << c.name;
    for (float x : got[i].data) ASSERT_TRUE(std::isfinite(x)) << c.name << " output not finite";
    EXPECT_LE(test::relative_max_error(got[i], want[i]), c.tolerance)
        << c.name << " output " << i << " on " << backend;
  }
}

// The pairs whose backend supports the case (a capability query, no device needed).
std::vector<Param2> supported_pairs() {
  std::vector<Param2> p;
  for (size_t i = 0; i < test::op_cases().size(); ++i) {
    const Graph g = test::op_cases()[i].build();
    for (const auto& b : backend_names())
      if (make_backend(b)->supports(g, 0).ok) p.emplace_back(i, b);
  }
  return p;
}

std::string pair_name(const ::testing::TestParamInfo<Param2>& info) {
  return test::op_cases().at(std::get<0>(info.param)).name + "_" + std::get<1>(info.param);
}

INSTANTIATE_TEST_SUITE_P(Ops, BackendHarness, ::testing::ValuesIn(supported_pairs()), pair_name);

// The CPU backends run every case: none may drop out of the harness by declining it.
TEST(BackendHarnessTable, CpuBackendsSupportEveryCase) {
  for (const auto& b : backend_names()) {
    if (b != "reference" && b != "onednn" && b != "blas") continue;
    for (const auto& c : test::op_cases()) {
      const Support s = make_backend(b)->supports(c.build(), 0);
      EXPECT_TRUE(s.ok) << b << " declines " << c.name << ": " << s.reason;
    }
  }
}

TEST(BackendHarnessTable, CoversEveryOp) {
  std::vector<bool> seen(static_cast<size_t>(OpKind::Count_), false);
  for (const auto& c : test::op_cases()) {
    Graph g = c.build();
    seen[static_cast<size_t>(g.nodes.at(0).kind())] = true;
  }
  for (size_t k = 0; k < seen.size(); ++k) EXPECT_TRUE(seen[k]) << "no case for op kind " << k;
}

}  // namespace
}  // namespace synergy
