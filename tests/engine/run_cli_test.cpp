// The contract of `synergy run`: arguments -> exit code -> output, run as a child process. Its
// result is profile's record (time only), written by the same reporters and kept in the store.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/run_binary.hpp"
#include "common/busy_processes.hpp"
#include "common/scoped_env.hpp"
#include "common/skip.hpp"
#include "engine/engine.hpp"
#include "engine/npy.hpp"
#include "engine/onednn/onednn_backend.hpp"
#include "helpers.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

using ::testing::HasSubstr;

struct Outcome {
  int code = -1;
  std::string out, err;
};

// Each call captures stderr in its own file: ctest runs these tests in parallel.
Outcome synergy_run(const std::string& args) {
  const testing::RunResult r = testing::run_synergy("run " + args);
  return {r.exit_code, r.out, r.err};
}

// A fresh directory per test for the .npy files it writes.
std::string fresh_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "synergy-run-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) ADD_FAILURE() << "mkdtemp failed";
  return tmpl + "/";
}

const char* kQuick = " --backend reference --warmup 0 --iterations 2 --threads 1 --no-store";

struct Case {
  std::string args;
  int code;
  std::string stdout_has;
  std::string stderr_has;
};

TEST(RunCli, ContractTable) {
  const std::string data = std::string(SYNERGY_SOURCE_DIR) + "/tests/engine/data/";
  const std::vector<Case> cases{
      {"--help", 0, "examples:", ""},
      {"", 2, "", "model"},
      {std::string("allcnn_c") + kQuick, 0, "median", ""},
      {"allcnn_c --backend tpu", 2, "", "reference"},
      {"no_such_net --backend reference", 2, "", "allcnn_c"},
      {std::string("allcnn_c") + kQuick + " --input " + data + "numpy_2x3.npy", 2, "",
       "takes 1x3x32x32"},
      {std::string("allcnn_c") + kQuick + " --input " + data + "numpy_f64.npy", 2, "", "'<f8'"},
      {std::string("allcnn_c") + kQuick + " --input /nonexistent.npy", 2, "", "/nonexistent.npy"},
      {"allcnn_c --iterations 2 --min-time 1s", 2, "", "excludes"},
      {"allcnn_c --format xml", 2, "", "xml"},
      {"allcnn_c --threads -1", 2, "", "threads"},
      {"allcnn_c --min-time 2", 2, "", "duration"},
      {std::string("allcnn_c") + kQuick + " --top-k 3", 0, "top-3", ""},
      {std::string("allcnn_c") + kQuick + " --per-layer", 0, "GMAC/s", ""},
      {std::string("allcnn_c") + kQuick, 0, "per layer: not timed", ""},
      {std::string("allcnn_c") + kQuick + " --trace t.json", 2, "", "--per-layer"},
      {std::string("allcnn_c") + kQuick + " --per-layer --top-types 2", 0,
       "by layer type (2 of 4 types, by time)", ""},
      {std::string("allcnn_c") + kQuick + " --per-layer --sort-types layers", 0, "by layers", ""},
      {"allcnn_c --sort-types power", 2, "", "power"},
  };
  for (const auto& c : cases) {
    const Outcome o = synergy_run(c.args);
    EXPECT_EQ(o.code, c.code) << "synergy run " << c.args << "\nstderr: " << o.err;
    EXPECT_THAT(o.out, HasSubstr(c.stdout_has)) << c.args;
    EXPECT_THAT(o.err, HasSubstr(c.stderr_has)) << c.args;
  }
}

TEST(RunCli, CsvHasOneRowPerLayerAfterTheNetwork) {
  const Outcome o = synergy_run(std::string("allcnn_c") + kQuick + " --per-layer --format csv");
  ASSERT_EQ(o.code, 0) << o.err;
  std::istringstream lines(o.out);
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  const size_t layers = build_zoo_network("allcnn_c").nodes.size();
  ASSERT_EQ(rows.size(), layers + 2);
  EXPECT_EQ(rows[0].rfind("model,scope,index,layer,type,fused_into,view,time_ns_mean", 0), 0u);
  EXPECT_EQ(rows[1].rfind("allcnn_c,network,", 0), 0u);
  EXPECT_EQ(rows[2].rfind("allcnn_c,layer,0,", 0), 0u);
  const std::string tail = ",backend,precision,relative_l2_error_vs_fp32,partial";
  EXPECT_EQ(rows[0].substr(rows[0].size() - tail.size()), tail);
  EXPECT_EQ(rows[1].substr(rows[1].size() - 22), ",reference,fp32,,false") << rows[1];
}

// The record of profile: times in ns with their sample counts, every timed run one sample, no
// energy (and why), the network's MACs per layer.
TEST(RunCli, JsonIsTheProfileRecordWithoutEnergy) {
  const Outcome o = synergy_run(std::string("allcnn_c") + kQuick + " --per-layer --format json");
  ASSERT_EQ(o.code, 0) << o.err;
  const auto j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["format"], "synergy-profile");
  const auto& time = j["network"]["time_ns"];
  EXPECT_EQ(time["count"], 2);
  EXPECT_EQ(j["network"]["iterations_per_sample"], 1);
  EXPECT_GT(time["mean"].get<double>(), 0.0);
  EXPECT_LE(time["min"].get<double>(), time["median"].get<double>());
  EXPECT_TRUE(j["network"]["energy_j"].is_null());
  EXPECT_THAT(j["context"]["energy_unavailable_reason"].get<std::string>(),
              HasSubstr("synergy run measures time only"));
  EXPECT_EQ(j["context"]["backend"], "reference");
  EXPECT_EQ(j["context"]["threads"], 1);
  ASSERT_EQ(j["layers"].size(), build_zoo_network("allcnn_c").nodes.size());
  for (const auto& l : j["layers"]) {
    EXPECT_EQ(l["time_ns"]["count"], 2) << l["name"];
    EXPECT_TRUE(l["energy"].is_null());
  }
  EXPECT_GT(j["layers"][0]["macs"].get<int64_t>(), 0);
  // Per type: every layer counted once, shares summing to one.
  int64_t typed = 0;
  double share = 0.0;
  for (const auto& t : j["by_type"]) {
    typed += t["layers"].get<int64_t>();
    share += t["time_share"].get<double>();
  }
  EXPECT_EQ(typed, static_cast<int64_t>(j["layers"].size()));
  EXPECT_NEAR(share, 1.0, 1e-9);
  // Without --per-layer: the network alone, and no per-layer figure claimed.
  const Outcome plain = synergy_run(std::string("allcnn_c") + kQuick + " --format json");
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_TRUE(nlohmann::json::parse(plain.out)["layers"].empty());
}

// A run is stored like a profile (listed, shown again), but it is not a profile `collect` counts
// as done nor one a model learns layer costs from.
TEST(RunCli, IsStoredUnlessToldNotToAndCountsAsNoProfile) {
  const std::string dir = fresh_dir();
  const std::string store = " --store " + dir + "s.db";
  const Outcome o =
      synergy_run("allcnn_c --backend reference --warmup 0 --iterations 3 --threads 1" + store +
                  " --format json");
  ASSERT_EQ(o.code, 0) << o.err;
  const testing::RunResult listed = testing::run_synergy("runs list --format json" + store);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto runs = nlohmann::json::parse(listed.out);
  ASSERT_EQ(runs.at("runs").size(), 1u) << listed.out;
  const auto& run = runs.at("runs")[0];
  const testing::RunResult shown = testing::run_synergy(
      "runs show " + std::to_string(run.at("id").get<int64_t>()) + " --format json" + store);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(nlohmann::json::parse(shown.out).at("network"),
            nlohmann::json::parse(o.out).at("network"));
  const testing::RunResult fit = testing::run_synergy(
      "fit --features macs --target time_ms --data " + dir + "s.db --out " + dir + "m.json");
  EXPECT_EQ(fit.exit_code, 2) << fit.out;
  EXPECT_THAT(fit.err, HasSubstr("no profile results with a completed sample and per-layer times"));
  // collect profiles the network, for the stored run is no profile of it.
  std::filesystem::create_directory(dir + "nets");
  ASSERT_EQ(testing::run_synergy("export allcnn_c -o " + dir + "nets/allcnn_c.onnx").exit_code, 0);
  const testing::RunResult collected = testing::run_synergy(
      "collect " + dir + "nets --backend reference --threads 1 --energy none --max-time 200ms " +
      "--layer-time 20ms --ci 50%" + store);
  ASSERT_EQ(collected.exit_code, 0) << collected.err;
  EXPECT_THAT(collected.err, HasSubstr("1 profiled, 0 already stored"));
  std::filesystem::remove_all(dir);
}

// The OpenMP wait follows the load at start: with every core kept busy by this test's processes a
// 2-thread run sees its threads share cores and says so (which wait that picks is
// OpenmpWait.SleepsAtOnceOnlyWhereOthersHoldCoresTheThreadsNeed's); a wait the user set is kept
// and named.
TEST(RunCli, TheWaitFollowsTheLoadAtStart) {
  test::ScopedEnv chosen("SYNERGY_OPENMP_WAIT", nullptr);
  test::ScopedEnv busy_cores("SYNERGY_OTHERS_BUSY_CORES", nullptr);
  test::ScopedEnv spin("GOMP_SPINCOUNT", nullptr);
  const std::string args =
      "allcnn_c --backend reference --warmup 0 --iterations 1 --threads 2 --no-store";
  {
    test::ScopedEnv policy("OMP_WAIT_POLICY", nullptr);
    test::BusyProcesses busy(static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN)));
    const Outcome o = synergy_run(args + " --format json");
    ASSERT_EQ(o.code, 0) << o.err;
    const std::string wait = nlohmann::json::parse(o.out)["context"]["openmp_wait"];
    EXPECT_THAT(wait, HasSubstr("other processes kept"));
    EXPECT_THAT(wait, ::testing::AnyOf(HasSubstr("some threads share a core"),
                                       HasSubstr("every thread shares a core")));
  }
  test::ScopedEnv policy("OMP_WAIT_POLICY", "active");
  const Outcome o = synergy_run(args);
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_THAT(o.out, HasSubstr("OpenMP wait: as set: OMP_WAIT_POLICY=active"));
}

// The CLI's --input/--output path gives exactly what the engine computes in-process.
TEST(RunCli, InputAndOutputFilesRoundTripThroughTheEngine) {
  Engine engine(build_zoo_network("allcnn_c"), "reference", {1, 1});
  auto in = test::random_inputs_for(engine.graph(), 4);
  auto want = engine.make_outputs();
  engine.run(in, want);
  const std::string dir = fresh_dir();
  const std::string in_path = dir + "in.npy", out_path = dir + "out.npy";
  write_npy(in_path, in[0]);
  const Outcome o = synergy_run(std::string("allcnn_c") + kQuick + " --seed 1 --input " + in_path +
                                " --output " + out_path + " --top-k 2 --format json");
  ASSERT_EQ(o.code, 0) << o.err;
  // The two largest values of each image's output, largest first, as the engine computed them.
  const auto top = nlohmann::json::parse(o.out).at("network").at("top_k");
  ASSERT_EQ(static_cast<int64_t>(top.at("images").size()), want[0].shape[0]);
  const auto& first = top.at("images")[0];
  ASSERT_EQ(first.size(), 2u);
  const int64_t classes = want[0].shape.numel() / want[0].shape[0];
  const auto best = std::max_element(want[0].data.begin(), want[0].data.begin() + classes);
  EXPECT_EQ(first[0].at("index"), best - want[0].data.begin());
  EXPECT_FLOAT_EQ(first[0].at("value").get<float>(), *best);
  EXPECT_GE(first[0].at("value").get<double>(), first[1].at("value").get<double>());
  const Tensor got = read_npy(out_path);
  EXPECT_EQ(got.shape, want[0].shape);
  EXPECT_EQ(got.data, want[0].data);
  std::filesystem::remove_all(dir);
}

// One timed run of every layer of AlexNet on onednn, nothing stored.
const std::string kAlexnetLayerArgs =
    " --backend onednn --warmup 0 --iterations 1 --threads 1 --per-layer --no-store";

// AlexNet's relu1 follows conv1 alone: oneDNN runs it as conv1's post-op unless told not to;
// its Dropouts are views of their inputs.
TEST(RunCli, FusedLayersAndViewsAreNamedAndNoFuseRunsThemAlone) {
  const Outcome fused = synergy_run("alexnet" + kAlexnetLayerArgs + " --format json");
  ASSERT_EQ(fused.code, 0) << fused.err;
  const auto j = nlohmann::json::parse(fused.out);
  ASSERT_EQ(j["layers"][1]["name"], "relu1");
  EXPECT_EQ(j["layers"][1]["fused_into"], "conv1");
  EXPECT_EQ(j["layers"][0]["fused_into"], "");
  const Outcome table = synergy_run("alexnet" + kAlexnetLayerArgs);
  EXPECT_THAT(table.out, HasSubstr("(fused into conv1: counted there)"));
  const Outcome csv = synergy_run("alexnet" + kAlexnetLayerArgs + " --format csv");
  EXPECT_THAT(csv.out, HasSubstr("\nalexnet,layer,1,relu1,Activation,conv1,0,"));
  EXPECT_THAT(table.out, HasSubstr("(view of its input: no kernel, no data moved)"));
  for (const auto& layer : j["layers"])
    EXPECT_EQ(layer.at("view"), layer.at("type") == "Dropout") << layer.at("name");
  const Outcome alone = synergy_run("alexnet" + kAlexnetLayerArgs + " --no-fuse --format json");
  ASSERT_EQ(alone.code, 0) << alone.err;
  const auto unfused = nlohmann::json::parse(alone.out);
  for (const auto& layer : unfused.at("layers"))
    EXPECT_EQ(layer.at("fused_into"), "") << layer.at("name");
}

// AlexNet's conv3 (3x3, stride 1, dense) runs on oneDNN's Winograd kernel where the CPU has one,
// its grouped conv4 and conv5 directly: the record and the table say so; --no-winograd computes
// every convolution directly.
TEST(RunCli, WinogradLayersAreSaidAndNoWinogradComputesDirectly) {
  const Outcome direct =
      synergy_run("alexnet" + kAlexnetLayerArgs + " --no-winograd --format json");
  ASSERT_EQ(direct.code, 0) << direct.err;
  const auto direct_json = nlohmann::json::parse(direct.out);
  for (const auto& layer : direct_json.at("layers"))
    EXPECT_EQ(layer.at("algorithm"), "") << layer.at("name");
  if (!onednn_has_winograd())
    GTEST_SKIP() << test::skip::kNoAvx512Cpu << ": oneDNN has no Winograd kernel for this CPU";
  const Outcome fast = synergy_run("alexnet" + kAlexnetLayerArgs + " --format json");
  ASSERT_EQ(fast.code, 0) << fast.err;
  const auto fast_json = nlohmann::json::parse(fast.out);
  for (const auto& layer : fast_json.at("layers")) {
    const std::string name = layer.at("name");
    const std::string algorithm = layer.at("algorithm");
    EXPECT_EQ(algorithm.substr(0, 9), name == "conv3" ? "winograd_" : "") << name;
  }
  EXPECT_THAT(synergy_run("alexnet" + kAlexnetLayerArgs).out,
              ::testing::ContainsRegex("\\(winograd_[24]x3 kernel: fewer multiplications than the "
                                       "MACs counted\\)"));
}

// bf16 on onednn states its error against fp32 on the same input in every format, in run and in
// profile's record; fp32 states none. Where the CPU lacks bf16 (here capped with
// DNNL_MAX_CPU_ISA) the run is refused, exit 2.
TEST(RunCli, Bf16StatesItsErrorAgainstFp32) {
  if (const std::string why = onednn_bf16_refusal(); !why.empty())
    GTEST_SKIP() << test::skip::kNoBf16Cpu << ": " << why;
  const std::string args =
      "allcnn_c --backend onednn --warmup 0 --iterations 2 --threads 1 --no-store";
  const Outcome json = synergy_run(args + " --precision bf16 --format json");
  ASSERT_EQ(json.code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j.at("context").at("precision"), "bf16");
  const double error = j.at("network").at("relative_l2_error_vs_fp32").get<double>();
  EXPECT_GT(error, 1e-4);  // bfloat16 ran: float32 would agree to ~1e-7
  EXPECT_LT(error, 5e-2);
  const Outcome table = synergy_run(args + " --precision bf16");
  EXPECT_THAT(table.out, HasSubstr("accuracy: relative L2 error "));
  EXPECT_THAT(table.out, HasSubstr(" against fp32 (same backend and input)"));
  const Outcome csv = synergy_run(args + " --precision bf16 --format csv");
  EXPECT_THAT(csv.out, HasSubstr(",onednn,bf16,0.0"));  // the network row's error
  const Outcome fp32 = synergy_run(args + " --format json");
  ASSERT_EQ(fp32.code, 0) << fp32.err;
  EXPECT_TRUE(
      nlohmann::json::parse(fp32.out).at("network").at("relative_l2_error_vs_fp32").is_null());

  const std::string profile =
      "profile allcnn_c --backend onednn --threads 1 --energy none --no-store --max-time 300ms "
      "--layer-time 50ms";
  const testing::RunResult bf16 = testing::run_synergy(profile + " --precision bf16 --format json");
  ASSERT_EQ(bf16.exit_code, 0) << bf16.err;
  const double profiled =
      nlohmann::json::parse(bf16.out).at("network").at("relative_l2_error_vs_fp32").get<double>();
  EXPECT_GT(profiled, 1e-4);
  EXPECT_LT(profiled, 5e-2);
  const testing::RunResult plain = testing::run_synergy(profile + " --format json");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_TRUE(
      nlohmann::json::parse(plain.out).at("network").at("relative_l2_error_vs_fp32").is_null());
}

TEST(RunCli, Bf16IsRefusedWhereTheCpuLacksIt) {
  test::ScopedEnv capped("DNNL_MAX_CPU_ISA", "AVX2");
  const Outcome o =
      synergy_run("allcnn_c --backend onednn --iterations 1 --precision bf16 --no-store");
  EXPECT_EQ(o.code, 2) << o.err;
  EXPECT_THAT(o.err, HasSubstr("--precision bf16 needs a CPU with AVX-512 BF16 or AMX"));
  const Outcome blas =
      synergy_run("allcnn_c --backend blas --iterations 1 --precision bf16 --no-store");
  EXPECT_EQ(blas.code, 2) << blas.err;
  EXPECT_THAT(blas.err, HasSubstr("bf16 runs on onednn and cudnn"));
}

}  // namespace
}  // namespace synergy
