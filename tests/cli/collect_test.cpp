// `synergy sample` then `synergy collect`: every network of the folder profiled into the store
// once; run again, nothing is profiled twice (in the same precision); out of budget, it stops
// between networks and says how many are left; a folder without networks is bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "common/skip.hpp"
#include "run_binary.hpp"
#include "store/result_store.hpp"

namespace synergy::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kQuick =
    " --energy none --backend onednn --max-time 300ms --layer-time 100ms --format json";

class Collect : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(synergy_binary())) << "binary not built: " << synergy_binary();
    const RunResult s = run_synergy("sample shuffle --count 3 --seed 9 --out " + nets());
    ASSERT_EQ(s.exit_code, 0) << s.err;
  }
  std::string nets() const { return dir_ / "nets"; }
  std::string store() const { return dir_ / "runs.db"; }
  ScratchDir dir_;
};

TEST_F(Collect, ProfilesEachNetworkOnceAndResumes) {
  const RunResult none =
      run_synergy("collect " + nets() + kQuick + " --budget 0s --store " + store());
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_NE(none.err.find("0 profiled, 0 already stored, 3 left (budget spent"), std::string::npos)
      << none.err;
  const RunResult first = run_synergy("collect " + nets() + kQuick + " --store " + store());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("3 profiled, 0 already stored, 0 left"), std::string::npos) << first.err;
  {
    ResultStore s(store());
    const auto runs = s.runs();
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].model, "shuffle_s9_0");
    EXPECT_EQ(runs[2].model, "shuffle_s9_2");
  }
  // One more network in the folder: only it is profiled.
  ASSERT_EQ(run_synergy("sample shuffle --count 1 --first 3 --seed 9 --out " + nets()).exit_code,
            0);
  const RunResult again = run_synergy("collect " + nets() + kQuick + " --store " + store());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("1 profiled, 3 already stored, 0 left"), std::string::npos) << again.err;
  EXPECT_EQ(ResultStore(store()).runs().size(), 4u);
}

// A run in another precision is another run: fp32 runs do not stand for bf16 ones.
TEST_F(Collect, AnotherPrecisionIsProfiledAgain) {
  ASSERT_EQ(run_synergy("collect " + nets() + kQuick + " --store " + store()).exit_code, 0);
  const RunResult bf16 =
      run_synergy("collect " + nets() + kQuick + " --precision bf16 --store " + store());
  if (bf16.exit_code == 2 && bf16.err.find("needs a CPU with AVX-512 BF16") != std::string::npos)
    GTEST_SKIP() << test::skip::kNoBf16Cpu << ": " << bf16.err;
  ASSERT_EQ(bf16.exit_code, 0) << bf16.err;
  EXPECT_NE(bf16.err.find("3 profiled, 0 already stored, 0 left"), std::string::npos) << bf16.err;
  const auto runs = ResultStore(store()).runs();
  ASSERT_EQ(runs.size(), 6u);
  EXPECT_EQ(runs[0].precision, "fp32");
  EXPECT_EQ(runs[5].precision, "bf16");
  const RunResult again =
      run_synergy("collect " + nets() + kQuick + " --precision bf16 --store " + store());
  EXPECT_NE(again.err.find("0 profiled, 3 already stored"), std::string::npos) << again.err;
}

TEST_F(Collect, AFolderWithoutNetworksIsBadInput) {
  const RunResult r = run_synergy("collect " + (dir_ / "empty") + kQuick);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a folder"), std::string::npos) << r.err;
  fs::create_directories(dir_ / "empty");
  const RunResult e = run_synergy("collect " + (dir_ / "empty") + kQuick);
  EXPECT_EQ(e.exit_code, 2);
  EXPECT_NE(e.err.find("no .onnx or .prototxt files"), std::string::npos) << e.err;
  EXPECT_EQ(run_synergy("collect " + nets() + kQuick + " --no-store").exit_code, 2);
}

}  // namespace
}  // namespace synergy::testing
