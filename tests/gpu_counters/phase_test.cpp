// The GPU-counter phase of a profile, on this machine's CPU backends: checks of the option and
// the unavailable path (a message, the profile's columns untouched, never zeros).
#include <gtest/gtest.h>

#include "common/skip.hpp"
#include "engine/cudnn/cudnn_backend.hpp"
#include "engine/engine.hpp"
#include "graph/graph.hpp"
#include "profile/gpu_counters_phase.hpp"
#include "profile/session.hpp"
#include "util/error.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

TEST(GpuCounterRequest, OnlyTheCudnnBackend) {
  for (const char* backend : {"", "onednn", "blas", "reference"}) {
    try {
      gpu_counter_request("fp32", backend);
      FAIL() << "accepted backend '" << backend << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::BadInput);
      EXPECT_NE(std::string(e.what()).find("--backend cudnn"), std::string::npos);
    }
  }
}

TEST(GpuCounterRequest, PresetsAreCheckedAndEmptyMeansDefault) {
  EXPECT_THROW(gpu_counter_request("fp32,bogus", "cudnn"), Error);
  const GpuMetricRequest d = gpu_counter_request("", "cudnn");
  const GpuMetricRequest named = gpu_counter_request("default", "cudnn");
  EXPECT_EQ(d.measured, named.measured);
  EXPECT_FALSE(d.measured.empty());
}

TEST(GpuCountersPhase, UnavailableLeavesTheProfileAsItWasAndSaysWhy) {
  if (cuda_unavailable_reason().empty())
    GTEST_SKIP() << test::skip::kGpuPresent << ": a CUDA device is here";
  Engine engine(build_zoo_network("allcnn_c"), "reference", EngineContext{});
  ProfileOutcome o;
  for (const auto& n : engine.graph().nodes) o.layer_names.push_back(n.name);
  o.counter_events = {"task-clock"};
  o.layer_counters.assign(o.layer_names.size(), {1.0});
  testing::internal::CaptureStderr();
  const std::string provenance = add_gpu_counters(engine, gpu_counter_request("", "cudnn"), 1, o);
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(provenance, "");
  EXPECT_NE(err.find("GPU counters unavailable: "), std::string::npos) << err;
  ASSERT_EQ(o.warnings.size(), 1u);
  EXPECT_EQ(o.warnings[0].rfind("GPU counters unavailable: ", 0), 0u);
  EXPECT_GT(o.warnings[0].size(), std::string("GPU counters unavailable: ").size());
  EXPECT_EQ(o.counter_events, std::vector<std::string>{"task-clock"});
  for (const auto& row : o.layer_counters) EXPECT_EQ(row.size(), 1u);
  // The engine still runs: the phase left no observer behind.
  const auto in = engine.random_inputs(1);
  auto out = engine.make_outputs();
  engine.run(in, out);
  EXPECT_FALSE(out.empty());
}

}  // namespace
}  // namespace synergy
