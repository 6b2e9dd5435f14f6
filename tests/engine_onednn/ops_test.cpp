// The chains of chain_cases.hpp (where post-op fusion and folded batch norm apply) on the onednn
// backend, fused and unfused, and on blas, against the reference backend. Single ops, where
// nothing fuses, are checked on every backend by the engine's harness (tests/engine).
#include <gtest/gtest.h>

#include "chain_cases.hpp"
#include "engine/backends.hpp"
#include "engine/onednn/onednn_backend.hpp"
#include "harness.hpp"

namespace synergy::onednn_test {
namespace {

// Relative L2 error allowed against the reference (float32, different summation orders).
constexpr double kTolerance = 1e-5;

enum class Variant { Onednn, OnednnUnfused, Blas };

std::unique_ptr<Backend> make(Variant v) {
  switch (v) {
    case Variant::Onednn:
      return make_onednn_backend();
    case Variant::OnednnUnfused:
      return make_onednn_backend(OnednnOptions{false, false, false});
    case Variant::Blas:
      return make_blas_backend();
  }
  return nullptr;
}

std::string variant_name(Variant v) {
  return v == Variant::Onednn ? "onednn" : v == Variant::OnednnUnfused ? "onednn_unfused" : "blas";
}

using Param = std::tuple<Variant, test::OpCase>;

std::string param_name(const testing::TestParamInfo<Param>& info) {
  return variant_name(std::get<0>(info.param)) + "_" + std::get<1>(info.param).name;
}

class MatchesReference : public testing::TestWithParam<Param> {};

TEST_P(MatchesReference, WithinTolerance) {
  const auto& [variant, c] = GetParam();
  auto backend = make(variant);
  const double error = error_vs_reference(*backend, c.build(), 11, c.input_scale);
  RecordProperty("relative_l2_error", std::to_string(error));
  EXPECT_LT(error, kTolerance);
}

const auto kVariants = testing::Values(Variant::Onednn, Variant::OnednnUnfused, Variant::Blas);

INSTANTIATE_TEST_SUITE_P(Chains, MatchesReference,
                         testing::Combine(kVariants, testing::ValuesIn(chain_cases())), param_name);

}  // namespace
}  // namespace synergy::onednn_test
