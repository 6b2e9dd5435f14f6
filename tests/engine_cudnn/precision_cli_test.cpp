// `synergy run` and `synergy profile` with --precision and --cuda-graph: the settings reach the
// engine (CPU backends refuse them, exit 2), show in the output's context, and a cudnn request
// without a GPU is hardware unavailable (exit 3) that names the reason.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli/run_binary.hpp"
#include "engine/backend.hpp"
#include "gpu_harness.hpp"

namespace synergy {
namespace {

using ::testing::HasSubstr;

const std::string kRunQuick =
    " --backend reference --warmup 0 --iterations 2 --threads 1 --no-store";
const std::string kProfileQuick =
    " --energy none --iterations 3 --max-time 300ms --ci 50% --seed 3 --backend reference "
    "--no-store";

struct Case {
  std::string args;
  int code;
  std::string stdout_has, stderr_has;
};

TEST(PrecisionCli, ContractTable) {
  const std::vector<Case> cases{
      {"run --help", 0, "--precision", ""},
      {"run --help", 0, "--cuda-graph", ""},
      {"profile --help", 0, "--precision", ""},
      {"run allcnn_c" + kRunQuick + " --precision fp8", 2, "", "bf16"},
      {"run allcnn_c" + kRunQuick + " --precision fp16", 2, "", "'reference' runs fp32 only"},
      {"run allcnn_c" + kRunQuick + " --precision tf32", 2, "", "tf32"},
      {"run allcnn_c" + kRunQuick + " --cuda-graph", 2, "", "CUDA graphs"},
      {"run allcnn_c" + kRunQuick + " --precision fp32", 0, "precision fp32", ""},
      {"profile allcnn_c" + kProfileQuick + " --precision bf16", 2, "", "bf16"},
      {"profile allcnn_c" + kProfileQuick + " --cuda-graph", 2, "", "CUDA graphs"},
      {"profile allcnn_c" + kProfileQuick + " --precision half", 2, "", "fp16"},
  };
  for (const auto& c : cases) {
    const auto r = testing::run_synergy(c.args);
    EXPECT_EQ(r.exit_code, c.code) << "synergy " << c.args << "\nstderr: " << r.err;
    EXPECT_THAT(r.out, HasSubstr(c.stdout_has)) << c.args;
    EXPECT_THAT(r.err, HasSubstr(c.stderr_has)) << c.args;
  }
}

TEST(PrecisionCli, RunJsonContextCarriesTheSettings) {
  const auto r = testing::run_synergy("run allcnn_c" + kRunQuick + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("context").at("precision"), "fp32");
  EXPECT_EQ(j.at("context").at("cuda_graph"), false);
}

TEST(PrecisionCli, ProfileRecordCarriesTheSettings) {
  const auto r = testing::run_synergy("profile allcnn_c" + kProfileQuick + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("context").at("precision"), "fp32");
  EXPECT_EQ(j.at("context").at("cuda_graph"), false);
  const auto table = testing::run_synergy("profile allcnn_c" + kProfileQuick);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("precision fp32"));
}

bool cudnn_registered() {
  const auto names = backend_names();
  return std::find(names.begin(), names.end(), "cudnn") != names.end();
}

TEST(PrecisionCli, CudnnWithoutGpuIsHardwareUnavailableNamingTheReason) {
  if (!cudnn_registered()) GTEST_SKIP() << test::skip::kNoCuda << ": cudnn is not in the registry";
  if (test::gpu_skip_reason().empty())
    GTEST_SKIP() << test::skip::kGpuPresent << ": a CUDA device is here";
  for (const std::string cmd :
       {"run allcnn_c --iterations 2 --no-store", "profile allcnn_c --no-store"}) {
    const auto r = testing::run_synergy(cmd + " --backend cudnn --precision fp16");
    EXPECT_EQ(r.exit_code, 3) << cmd << "\nstderr: " << r.err;
    EXPECT_THAT(r.err, HasSubstr("backend 'cudnn' cannot run here"));
    EXPECT_THAT(r.err, HasSubstr(test::gpu_skip_reason()));
  }
}

TEST(PrecisionCli, CudnnRunsEveryPrecisionAndShowsIt) {
  SKIP_WITHOUT_GPU();
  for (const std::string p : {"fp32", "tf32", "fp16", "bf16"}) {
    const auto r =
        testing::run_synergy("run allcnn_c --backend cudnn --warmup 1 --iterations 3 " +
                             std::string("--cuda-graph --format json --no-store --precision ") + p);
    ASSERT_EQ(r.exit_code, 0) << p << ": " << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("context").at("precision"), p);
    EXPECT_EQ(j.at("context").at("cuda_graph"), true);
  }
}

}  // namespace
}  // namespace synergy
