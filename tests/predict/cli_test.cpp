// The command-line contract of fit, evaluate, predict and study: arguments -> exit code -> output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "util/error.hpp"

namespace synergy::cli {
namespace {

namespace fs = std::filesystem;

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs a subcommand the way main() does, mapping errors to exit codes.
Result invoke(int (*command)(int, char**), std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out;
  std::streambuf* saved = std::cout.rdbuf(out.rdbuf());
  testing::internal::CaptureStderr();
  Result r;
  try {
    r.code = command(static_cast<int>(argv.size()), argv.data());
  } catch (const Error& e) {
    std::cerr << e.what() << "\n";
    r.code = exit_code_for(e.kind());
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    r.code = 1;
  }
  r.err = testing::internal::GetCapturedStderr();
  std::cout.rdbuf(saved);
  r.out = out.str();
  return r;
}

class CliTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("synergy_predict_cli_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string file(const std::string& name, const std::string& text) {
    std::string p = (dir_ / name).string();
    std::ofstream(p) << text;
    return p;
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

const char* kGood =
    "network,device,macs,bytes,energy\n"
    "a,tx1,1,5,2.1\nb,tx1,2,3,3.9\nc,tx1,3,8,6.2\nd,tx1,4,1,7.8\ne,tx1,5,6,10.1\n";

TEST_F(CliTest, FitWritesAModelThatPredictLoads) {
  std::string data = file("d.csv", kGood);
  Result fit = invoke(run_fit, {"fit", "--data", data, "--target", "energy", "--features", "macs",
                                "--no-intercept", "--cv", "loo", "--out", path("m.json")});
  ASSERT_EQ(fit.code, 0) << fit.err;
  EXPECT_THAT(fit.out, testing::HasSubstr("macs"));
  EXPECT_THAT(fit.out, testing::HasSubstr("sample std"));
  ASSERT_TRUE(fs::exists(path("m.json")));
  std::string feats = file("f.csv", "network,macs\nnew,10\n");
  Result p = invoke(run_predict,
                    {"predict", "--model", path("m.json"), "--data", feats, "--format", "csv"});
  ASSERT_EQ(p.code, 0) << p.err;
  // Through-origin slope sum(xy)/sum(x^2) = 110.2 / 55 applied to 10 MACs.
  std::ostringstream expected;
  expected << "new,(total),," << 110.2 / 55.0 * 10;
  EXPECT_THAT(p.out, testing::HasSubstr(expected.str().substr(0, 18)));
}

struct BadCase {
  const char* name;
  const char* csv;
  std::vector<std::string> extra;
  const char* message;
};

TEST_F(CliTest, BadInputExitsWithTwoAndSaysWhy) {
  const std::vector<BadCase> cases{
      {"missing column", kGood, {"--features", "flops"}, "no numeric column 'flops'"},
      {"nan feature",
       "network,macs,energy\na,1,1\nb,nan,2\nc,3,3\n",
       {"--features", "macs"},
       "NaN"},
      {"inf feature",
       "network,macs,energy\na,1,1\nb,inf,2\nc,3,3\n",
       {"--features", "macs"},
       "infinite"},
      {"constant feature",
       "network,macs,energy\na,2,1\nb,2,2\nc,2,3\n",
       {"--features", "macs"},
       "constant"},
      {"too few networks",
       "network,macs,energy\na,1,1\nb,2,2\n",
       {"--features", "macs", "--cv", "loo"},
       "at least 3 networks"},
      {"unknown cv",
       kGood,
       {"--features", "macs", "--cv", "jackknife"},
       "unknown cross-validation"},
      {"bad term", kGood, {"--features", "macs^7"}, "powers must be 1 to 4"},
      {"per-type without layers", kGood, {"--features", "macs", "--per-layer-type"}, "per-layer"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args{"fit",    "--data", file("bad.csv", c.csv), "--target",
                                  "energy", "--out",  path("x.json")};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    Result r = invoke(run_fit, args);
    EXPECT_EQ(r.code, 2) << c.name;
    EXPECT_THAT(r.err, testing::HasSubstr(c.message)) << c.name;
  }
}

TEST_F(CliTest, UsageErrorsAndHelp) {
  EXPECT_EQ(invoke(run_fit, {"fit", "--bogus"}).code, 2);
  EXPECT_EQ(invoke(run_predict, {"predict", "alexnet"}).code, 2);  // --model missing
  Result help = invoke(run_evaluate, {"evaluate", "--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_THAT(help.out, testing::HasSubstr("examples:"));
  EXPECT_EQ(invoke(run_fit, {"fit", "--data", path("none.csv"), "--target", "e", "--features", "m",
                             "--out", path("o.json")})
                .code,
            2);
}

TEST_F(CliTest, PredictRejectsAMalformedModelFile) {
  std::string bad = file("bad.json", "{\"format\": \"synergy-model\", \"version\": 1}");
  Result r = invoke(run_predict,
                    {"predict", "--model", bad, "--data", file("f.csv", "network,macs\nx,1\n")});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, testing::HasSubstr("malformed model"));
}

// A per-layer model predicts only the layer types it was fitted on: a network with others is an
// error unless --allow-uncovered, which then says how much was left out.
TEST_F(CliTest, UncoveredLayersAreAnErrorUnlessAllowed) {
  std::ostringstream data;
  data << "network,layer,layer_type,macs,energy\n";
  for (int n = 1; n <= 4; ++n)
    data << "t" << n << ",c1,Conv," << n << "," << 2 * n + 1 << "\nt" << n << ",c2,Conv," << 2 * n
         << "," << 4 * n + 1 << "\n";
  ASSERT_EQ(invoke(run_fit, {"fit", "--data", file("d.csv", data.str()), "--target", "energy",
                             "--features", "macs", "--per-layer-type", "--out", path("m.json")})
                .code,
            0);
  const std::string feats =
      file("f.csv", "network,layer,layer_type,macs\nx,a,Conv,3\nx,b,Transpose,1\n");
  Result refused = invoke(run_predict, {"predict", "--model", path("m.json"), "--data", feats});
  EXPECT_EQ(refused.code, 2);
  EXPECT_THAT(refused.err, testing::HasSubstr("x: 1 layers, e.g. b (Transpose)"));
  EXPECT_THAT(refused.err, testing::HasSubstr("--allow-uncovered"));
  EXPECT_TRUE(refused.out.empty());
  Result allowed = invoke(
      run_predict, {"predict", "--model", path("m.json"), "--data", feats, "--allow-uncovered"});
  ASSERT_EQ(allowed.code, 0) << allowed.err;
  EXPECT_THAT(allowed.out, testing::HasSubstr("covers 50 % of the layers, 75 % of the MACs"));
}

// Outside the training range the prediction says so, in the table, JSON and (on stderr) CSV.
TEST_F(CliTest, PredictionsOutsideTheTrainingRangeSaySo) {
  ASSERT_EQ(invoke(run_fit, {"fit", "--data", file("d.csv", kGood), "--target", "energy",
                             "--features", "macs", "--out", path("m.json")})
                .code,
            0);
  const std::string feats = file("f.csv", "network,macs\nnear,3\nfar,50\n");
  const std::string words = "'macs' is 50, above the largest of the 5 training networks (5)";
  Result table = invoke(run_predict, {"predict", "--model", path("m.json"), "--data", feats});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_THAT(table.out, testing::HasSubstr("warning: far: " + words));
  EXPECT_THAT(table.out, testing::Not(testing::HasSubstr("warning: near")));
  Result json = invoke(run_predict,
                       {"predict", "--model", path("m.json"), "--data", feats, "--format", "json"});
  EXPECT_THAT(json.out, testing::HasSubstr(words));
  Result csv = invoke(run_predict,
                      {"predict", "--model", path("m.json"), "--data", feats, "--format", "csv"});
  EXPECT_THAT(csv.err, testing::HasSubstr(words));
}

TEST_F(CliTest, EvaluateComparesFeatureSetsSideBySide) {
  Result r =
      invoke(run_evaluate, {"evaluate", "--data", file("d.csv", kGood), "--target", "energy",
                            "--features", "macs", "--features", "macs,bytes", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, testing::HasSubstr("model,cv,networks,mean_rel_err_%"));
  EXPECT_THAT(r.out, testing::HasSubstr("\nmacs,loo,5,"));
  EXPECT_THAT(r.out, testing::HasSubstr("\"macs,bytes\",loo,5,"));
}

TEST_F(CliTest, StudyPrintsPublishedFigures) {
  Result r = invoke(run_study, {"study"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, testing::HasSubstr("tx1-openblas-mac-only"));
  EXPECT_THAT(r.out, testing::HasSubstr("published: model B (MACs only): 7.08"));
  EXPECT_EQ(invoke(run_study, {"study", "--data-dir", path("missing")}).code, 2);
}

}  // namespace
}  // namespace synergy::cli
