// ONNX files PyTorch wrote from torchvision architectures: the imported conv and fully-connected
// MAC totals equal those PyTorch forward hooks counted (tests/data/onnx/macs.json, written by
// scripts/make_onnx_samples.py). Small samples are committed; full-size ones are regenerated
// into the build folder when /usr/bin/python3 has torch, and skipped otherwise.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "graph/cost.hpp"
#include "io/onnx/onnx.hpp"
#include "roundtrip.hpp"

namespace synergy {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(SYNERGY_SOURCE_DIR) / "tests/data/onnx";

nlohmann::json expectations() {
  std::ifstream in(kData / "macs.json");
  return nlohmann::json::parse(in);
}

struct Macs {
  int64_t conv = 0, fc = 0;
};

Macs conv_fc_macs(const Graph& g) {
  Macs m;
  for (const auto& row : analyze(g).layers) {
    if (row.type == "Conv") m.conv += row.cost.macs;
    if (row.type == "FullyConnected") m.fc += row.cost.macs;
  }
  return m;
}

void expect_hook_counts(const fs::path& file, const nlohmann::json& expected) {
  SCOPED_TRACE(file.string());
  const Graph g = import_onnx_file(file.string());
  const Macs m = conv_fc_macs(g);
  EXPECT_EQ(m.conv, expected.at("conv_macs").get<int64_t>());
  EXPECT_EQ(m.fc, expected.at("fc_macs").get<int64_t>());
  // Same totals at batch 4, and with BatchNorm folded.
  Graph batched = g;
  batched.set_batch(4);
  EXPECT_EQ(conv_fc_macs(batched).conv, 4 * m.conv);
  const Graph folded = import_onnx_file(file.string(), OnnxImportOptions{1, true});
  EXPECT_EQ(conv_fc_macs(folded).conv, m.conv);
}

TEST(OnnxSamples, CommittedSamplesMatchForwardHookCounts) {
  const auto json = expectations();
  ASSERT_FALSE(json.at("small").empty());
  for (const auto& [name, expected] : json.at("small").items()) {
    expect_hook_counts(kData / expected.at("file").get<std::string>(), expected);
  }
}

TEST(OnnxSamples, CommittedSamplesSurviveExportAndImport) {
  const auto json = expectations();
  for (const auto& [name, expected] : json.at("small").items()) {
    SCOPED_TRACE(name);
    expect_same_costs_after_round_trip(
        import_onnx_file((kData / expected.at("file").get<std::string>()).string()));
  }
}

// The fuzz target's seeds are valid models, so fuzzing starts from inside the importer.
TEST(OnnxSamples, FuzzSeedsImport) {
  int seeds = 0;
  for (const auto& f : fs::directory_iterator(fs::path(SYNERGY_SOURCE_DIR) / "fuzz/corpus/onnx")) {
    SCOPED_TRACE(f.path().string());
    const Graph g = import_onnx_file(f.path().string());
    EXPECT_GT(conv_fc_macs(g).conv, 0);
    ++seeds;
  }
  EXPECT_GE(seeds, 4);
}

bool python_has_torch() {
  return std::system("/usr/bin/python3 -c 'import torch, torchvision, onnx' >/dev/null 2>&1") == 0;
}

TEST(OnnxSamples, FullSizeTorchvisionNetworksMatchForwardHookCounts) {
  const auto json = expectations();
  const fs::path dir = fs::path(SYNERGY_BINARY_DIR) / "onnx_samples";
  bool missing = false;
  for (const auto& [name, expected] : json.at("full").items()) {
    missing = missing || !fs::exists(dir / expected.at("file").get<std::string>());
  }
  if (missing) {
    if (!python_has_torch()) GTEST_SKIP() << "/usr/bin/python3 lacks torch/torchvision/onnx";
    const std::string cmd = "/usr/bin/python3 " SYNERGY_SOURCE_DIR
                            "/scripts/make_onnx_samples.py --set full --out " +
                            dir.string() + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  for (const auto& [name, expected] : json.at("full").items()) {
    expect_hook_counts(dir / expected.at("file").get<std::string>(), expected);
  }
}

}  // namespace
}  // namespace synergy
