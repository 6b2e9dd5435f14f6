// ONNX files exported by PyTorch give PyTorch's output for the same input on every backend
// (relative L2 error < 1e-4). The .input.npy / .output.npy pairs next to the models in
// tests/data/onnx come from tests/engine/make_pytorch_reference.py.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/engine.hpp"
#include "engine/npy.hpp"
#include "helpers.hpp"
#include "io/load.hpp"

namespace synergy {
namespace {

namespace fs = std::filesystem;

const fs::path kSamples = fs::path(SYNERGY_SOURCE_DIR) / "tests" / "data" / "onnx";

// Names of the samples that have a model, an input and an output.
std::vector<std::string> samples() {
  std::vector<std::string> names;
  if (!fs::exists(kSamples)) return names;
  for (const auto& entry : fs::directory_iterator(kSamples)) {
    const std::string file = entry.path().filename().string();
    const std::string suffix = ".input.npy";
    if (file.size() <= suffix.size() || file.substr(file.size() - suffix.size()) != suffix)
      continue;
    const std::string name = file.substr(0, file.size() - suffix.size());
    if (fs::exists(kSamples / (name + ".onnx")) && fs::exists(kSamples / (name + ".output.npy")))
      names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

using SampleParam = std::tuple<std::string, std::string>;
class PytorchSample : public ::testing::TestWithParam<SampleParam> {};

TEST_P(PytorchSample, MatchesPytorch) {
  const auto& [name, backend] = GetParam();
  if (std::string why; test::backend_unavailable(backend, &why)) GTEST_SKIP() << why;
  Graph g = load_network((kSamples / (name + ".onnx")).string());
  ASSERT_TRUE(g.params_loaded()) << "the sample's weights must come from the file";
  Engine engine(std::move(g), backend, {0, 1});
  std::vector<Tensor> in{read_npy((kSamples / (name + ".input.npy")).string())};
  const Tensor want = read_npy((kSamples / (name + ".output.npy")).string());
  auto out = engine.make_outputs();
  engine.run(in, out);
  ASSERT_EQ(out.at(0).data.size(), want.data.size());
  out[0].shape = want.shape;  // PyTorch may drop or keep unit axes differently
  EXPECT_LT(test::relative_l2_error(out[0], want), 1e-4) << name << " on " << backend;
}

std::vector<SampleParam> sample_pairs() {
  std::vector<SampleParam> p;
  for (const auto& s : samples())
    for (const auto& b : backend_names()) p.emplace_back(s, b);
  return p;
}

std::string sample_pair_name(const ::testing::TestParamInfo<SampleParam>& info) {
  return std::get<0>(info.param) + "_" + std::get<1>(info.param);
}

INSTANTIATE_TEST_SUITE_P(Onnx, PytorchSample, ::testing::ValuesIn(sample_pairs()),
                         sample_pair_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PytorchSample);

TEST(PytorchSamples, ArePresent) {
  EXPECT_GE(samples().size(), 1u) << "run tests/engine/make_pytorch_reference.py";
}

}  // namespace
}  // namespace synergy
