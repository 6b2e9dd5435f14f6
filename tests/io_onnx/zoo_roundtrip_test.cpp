// Every zoo network exported to ONNX and imported back keeps its layers and analytic costs.
#include <gtest/gtest.h>

#include <cctype>

#include "roundtrip.hpp"
#include "util/error.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

class OnnxZooRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(OnnxZooRoundTrip, KeepsLayersAndCosts) {
  try {
    expect_same_costs_after_round_trip(build_zoo_network(GetParam()));
  } catch (const Error& e) {
    ADD_FAILURE() << e.what();
  }
}

std::vector<std::string> zoo_names() {
  std::vector<std::string> names;
  for (const auto& e : zoo_entries()) names.emplace_back(e.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Zoo, OnnxZooRoundTrip, ::testing::ValuesIn(zoo_names()),
                         [](const auto& param_info) {
                           std::string s = param_info.param;
                           for (char& c : s)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return s;
                         });

}  // namespace
}  // namespace synergy
