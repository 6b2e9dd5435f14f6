// The CLI contract of `synergy profile --gpu-counters` (skipped when the binary is not built).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "../cli/run_binary.hpp"
#include "common/skip.hpp"
#include "engine/cudnn/cudnn_backend.hpp"

namespace synergy::testing {
namespace {

#define SKIP_WITHOUT_BINARY()                                           \
  do {                                                                  \
    if (!std::filesystem::exists(synergy_binary()))                     \
      GTEST_SKIP() << "synergy binary not built: " << synergy_binary(); \
  } while (0)

const std::string kQuick = " --energy none --no-store --iterations 2 --max-time 1s ";

TEST(GpuCountersCli, HelpShowsTheOption) {
  SKIP_WITHOUT_BINARY();
  const RunResult r = run_synergy("profile --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--gpu-counters"), std::string::npos);
}

TEST(GpuCountersCli, OtherBackendsAreAUsageError) {
  SKIP_WITHOUT_BINARY();
  for (const char* args :
       {"profile allcnn_c --gpu-counters", "profile allcnn_c --gpu-counters fp32",
        "profile allcnn_c --backend reference --gpu-counters dram"}) {
    const RunResult r = run_synergy(std::string(args) + kQuick);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find("--gpu-counters needs --backend cudnn"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "") << args;
  }
}

TEST(GpuCountersCli, UnknownPresetIsAUsageErrorListingTheKnownOnes) {
  SKIP_WITHOUT_BINARY();
  const RunResult r =
      run_synergy("profile allcnn_c --backend cudnn --gpu-counters fp32,bogus" + kQuick);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex("bogus.*known:.*dram"))) << r.err;
}

TEST(GpuCountersCli, OnAGpuTheColumnsAppearWithTheirProvenance) {
  SKIP_WITHOUT_BINARY();
  const std::string why = cuda_unavailable_reason();
  if (!why.empty()) GTEST_SKIP() << test::skip::kNoGpu << ": " << why;
  const RunResult r = run_synergy("profile allcnn_c --backend cudnn --gpu-counters dram" + kQuick +
                                  "--format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  if (r.err.find("GPU counters unavailable") != std::string::npos)
    GTEST_SKIP() << test::skip::kNoGpuCounters << ": " << r.err;
  EXPECT_NE(r.out.find("\"dram_bytes\""), std::string::npos);
  EXPECT_NE(r.out.find("CUPTI range profiler"), std::string::npos);
}

}  // namespace
}  // namespace synergy::testing
