// The profiling session end to end: a small network on the reference engine, with no sensor and
// with a synthetic sensor of known constant power.
#include "profile/session.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "common/busy_processes.hpp"
#include "engine/engine.hpp"
#include "graph/builder.hpp"
#include "measure/synthetic/synthetic_source.hpp"
#include "profile/isolation.hpp"
#include "util/error.hpp"
#include "zoo/blocks.hpp"

namespace synergy {
namespace {

constexpr int64_t kMs = 1'000'000;

Graph tiny_net() {
  GraphBuilder b("tiny", "test");
  ValueId x = b.input("data", Shape{{1, 3, 24, 24}});
  x = zoo::conv_relu(b, "conv1", "relu1", x, zoo::conv(16, 3, 1, 1));
  x = b.add1("pool1", zoo::max_pool(2, 2, 0, Rounding::Floor), {x});
  x = zoo::conv_relu(b, "conv2", "relu2", x, zoo::conv(16, 3, 1, 1));
  x = b.add1("fc", zoo::fc(10), {x});
  return b.finish({x});
}

ProfileOptions quick_options() {
  ProfileOptions o;
  o.max_time_ns = 600 * kMs;
  o.min_sample_ns = 40 * kMs;
  o.layer_time_ns = 200 * kMs;
  o.attribution_time_ns = 1500 * kMs;
  o.idle_time_ns = 100 * kMs;
  o.target_ci = 0.5;  // a wide target: a few samples suffice
  return o;
}

TEST(ProfileSession, TimesLayersWithoutASensor) {
  Engine engine(tiny_net(), "reference", EngineContext{1, 1});
  ProfileOptions o = quick_options();
  o.layer_iterations = 12;
  const ProfileOutcome out = profile_network(engine, EnergySetup{}, {"task-clock"}, o);
  EXPECT_FALSE(out.partial);
  EXPECT_FALSE(out.network_energy.has_value());
  EXPECT_FALSE(out.attribution.has_value());
  EXPECT_FALSE(out.idle_power_w.has_value());
  ASSERT_EQ(out.layer_names.size(), engine.graph().nodes.size());
  ASSERT_EQ(out.layer_time_ns.size(), out.layer_names.size());
  EXPECT_EQ(out.timeline.iterations.size(), 12u);
  for (const auto& s : out.layer_time_ns) {
    EXPECT_EQ(s.count, 12);
    EXPECT_GT(s.mean, 0.0);
  }
  EXPECT_GE(out.network_time.summary.count, 3);
  ASSERT_EQ(out.counter_events, std::vector<std::string>{"task-clock"});
  ASSERT_EQ(out.layer_counters.size(), out.layer_names.size());
  // task-clock counts ns of CPU time: one thread's CPU time is about its wall time at most (less
  // when the CPU is shared), and more than nothing.
  double cpu = 0, wall = 0;
  for (size_t l = 0; l < out.layer_names.size(); ++l) {
    cpu += out.layer_counters[l][0];
    wall += out.layer_time_ns[l].mean;
  }
  EXPECT_GT(cpu, 0.0);
  EXPECT_LE(cpu, 1.5 * wall);  // plus the counter reads' own cost
}

// End to end on a constant 50 W counter that steps every 5 ms, read by the real sampler thread
// (late whenever the machine is busy): every figure is 50 W within what it states.
TEST(ProfileSession, SyntheticSensorReachesEveryPhase) {
  constexpr double kWatts = 50.0;
  SyntheticConfig cfg;
  cfg.power_w = [](double) { return kWatts; };
  cfg.energy_j = [](double t) { return kWatts * t; };
  cfg.update_period_ns = 5 * kMs;
  SyntheticSource source(cfg);
  Engine engine(tiny_net(), "reference", EngineContext{1, 1});
  const ProfileOutcome out = profile_network(engine, EnergySetup{&source, 0}, {}, quick_options());
  EXPECT_FALSE(out.partial);
  EXPECT_GT(out.poll_period_ns, 0);
  ASSERT_TRUE(out.idle_power_w.has_value());
  // Edges are located to a quarter period (1.25 ms) at worst: a 100 ms window's mean power is
  // off by at most 2 x 0.625 / 100.
  EXPECT_NEAR(*out.idle_power_w, kWatts, 0.0125 * kWatts);
  // On a busy machine every network sample may have too few located edges: then said, not shown.
  const bool said = std::any_of(out.warnings.begin(), out.warnings.end(), [](const auto& w) {
    return w.find("left out") != std::string::npos;
  });
  EXPECT_TRUE(out.network_energy.has_value() || said);
  const size_t samples = out.network_energy ? out.network_time.values.size() : 0;
  if (out.network_energy) {
    ASSERT_EQ(out.network_energy->values.size(), out.network_time.values.size());
  }
  int64_t finite = 0;
  for (size_t i = 0; i < samples; ++i) {
    const double e = out.network_energy->values[i];
    if (!std::isfinite(e)) continue;
    ++finite;
    // Its window of located edges covers half the sample or more, each edge within P/8; or, with
    // polls too late for that, its window of every edge is off by 1 % at most.
    const double expected = kWatts * out.network_time.values[i] * 1e-9;
    const double sample_ns =
        out.network_time.values[i] * static_cast<double>(out.network_time.iterations_per_sample);
    const double bound = std::max(2.0 * (5.0 * kMs / 8.0) / (0.5 * sample_ns), 0.01);
    EXPECT_NEAR(e, expected, bound * expected) << "sample " << i;
  }
  if (out.network_energy) {
    EXPECT_EQ(out.network_energy->summary.count, finite);
  }
  ASSERT_TRUE(out.attribution.has_value());
  EXPECT_EQ(out.attribution->method, AttributionMethod::Trace);
  ASSERT_TRUE(out.sensor.has_value());
  EXPECT_EQ(out.sensor->source, "synthetic");
  EXPECT_GT(out.attribution->sensor_intervals, 50);
  ASSERT_EQ(out.attribution->layers.size(), out.layer_names.size());
  EXPECT_GE(out.timeline.iterations.size(), 100u);
  // Whether an estimate meets the +-5 % target depends on how busy the machine is; whether it
  // holds the truth within what it states does not. Withdrawn estimates are checked too.
  int estimated = 0, too_short = 0;
  std::printf("outside layers: %.4f W over %lld intervals\n",
              out.attribution->outside_layers_power_w,
              (long long)out.attribution->sensor_intervals);
  for (const auto& l : out.attribution->layers) {
    const std::string& name = out.layer_names[static_cast<size_t>(l.layer)];
    std::printf("%-8s t=%.4f ms P=%.4f U=%.4f est=%d meas=%d n=%lld %s\n", name.c_str(),
                out.layer_time_ns[size_t(l.layer)].mean / 1e6, l.power_w, l.power_uncertainty_w,
                l.estimated, l.measured, (long long)l.samples, l.note.c_str());
    if (!l.measured) {
      EXPECT_FALSE(l.note.empty()) << name << ": withdrawn without a reason";
    }
    // A layer under 0.1 % of the run (relu2 takes 0.2-0.3 us of ~300 us, whichever side of the
    // line this machine puts it) is left unsolved and says so; every other layer is estimated.
    if (!l.estimated) {
      EXPECT_NE(l.note.find("too short to attribute"), std::string::npos) << name << ": " << l.note;
      ++too_short;
      continue;
    }
    ++estimated;
    // Within 4 x the 95 % half-width. Over 161 runs beside three busy processes, 4.2 % of 598
    // layers missed their half-width and the largest miss was 2.8 times it: a few runs carry an
    // error the jackknife does not see. Coverage itself is tested on synthetic runs with many
    // seeds (attribution_test).
    EXPECT_NEAR(l.power_w, kWatts, std::max(4.0 * l.power_uncertainty_w, 1e-6)) << name;
    if (!l.measured) continue;
    EXPECT_LE(l.power_uncertainty_w, 0.05 * l.power_w) << name;  // the default target
    // The energy is the power stated (checked against the truth above) times the time shown.
    const double shown = l.power_w * out.layer_time_ns[static_cast<size_t>(l.layer)].mean * 1e-9;
    EXPECT_NEAR(l.energy_j, shown, 1e-9 * shown) << name << ": energy = power x the time shown";
  }
  EXPECT_EQ(estimated + too_short, static_cast<int>(out.attribution->layers.size()));
  EXPECT_LE(too_short, 1);
}

TEST(ProfileSession, IsolateRunsEachLayerAlone) {
  constexpr double kWatts = 80.0;
  SyntheticConfig cfg;
  cfg.power_w = [](double) { return kWatts; };
  cfg.energy_j = [](double t) { return kWatts * t; };
  cfg.update_period_ns = 5 * kMs;
  SyntheticSource source(cfg);
  Engine engine(tiny_net(), "reference", EngineContext{1, 1});
  ProfileOptions o = quick_options();
  o.attribution = AttributionMethod::Isolate;
  const ProfileOutcome out = profile_network(engine, EnergySetup{&source, 0}, {}, o);
  ASSERT_TRUE(out.attribution.has_value());
  EXPECT_EQ(out.attribution->method, AttributionMethod::Isolate);
  ASSERT_EQ(out.attribution->layers.size(), out.layer_names.size());
  for (const auto& l : out.attribution->layers) {
    ASSERT_TRUE(l.measured) << l.note;
    EXPECT_EQ(l.samples, 3);
    EXPECT_GT(l.time_ns.mean, 0.0);
    // Constant power: every window's mean power is the truth, whatever the layer, up to where
    // its edges were located (a twentieth of a period each, over ten periods or more).
    EXPECT_NEAR(l.power_w, kWatts, 0.01 * kWatts);
  }
}

TEST(ProfileSession, SingleLayerGraphKeepsShapesAndParams) {
  Engine engine(tiny_net(), "reference", EngineContext{1, 1});
  const Graph g = single_layer_graph(engine.graph(), 3);  // conv2
  ASSERT_EQ(g.nodes.size(), 1u);
  EXPECT_EQ(g.nodes[0].name, engine.graph().nodes[3].name);
  EXPECT_EQ(g.shape(g.outputs[0]).str(),
            engine.graph().shape(engine.graph().nodes[3].outputs[0]).str());
  EXPECT_TRUE(g.params_loaded());
  EXPECT_THROW(single_layer_graph(engine.graph(), 99), Error);
}

TEST(ProfileSession, InterruptEndsWithPartialResults) {
  Engine engine(tiny_net(), "reference", EngineContext{1, 1});
  ProfileOptions o = quick_options();
  int polls = 0;
  o.interrupted = [&polls] { return ++polls > 40; };
  const ProfileOutcome out = profile_network(engine, EnergySetup{}, {}, o);
  EXPECT_TRUE(out.partial);
  EXPECT_EQ(out.layer_names.size(), engine.graph().nodes.size());
}

// Sharing its CPU with a spinning process, the profile says which phases waited for the CPU and
// how long, and warns that their times are inflated.
TEST(ProfileSession, ASharedCpuIsMeasuredAndWarnedOf) {
  Engine engine(tiny_net(), "reference", EngineContext{1, 1});
  ProfileOptions o = quick_options();
  o.max_time_ns = 300 * kMs;
  o.layer_time_ns = 200 * kMs;
  ProfileOutcome out;
  {
    test::PinnedToOneCpu pin;
    ASSERT_TRUE(pin.pinned());
    test::BusyProcesses spinner(1, pin.cpu());
    out = profile_network(engine, EnergySetup{}, {}, o);
  }
  ASSERT_EQ(out.cpu_share.size(), 2u);  // no sensor: no attribution phase
  EXPECT_EQ(out.cpu_share[0].phase, "network");
  EXPECT_EQ(out.cpu_share[1].phase, "layers");
  for (const auto& p : out.cpu_share) {
    ASSERT_TRUE(p.share.wait_fraction().has_value()) << p.phase;
    EXPECT_GT(*p.share.wait_fraction(), 0.25) << p.phase << ": " << p.share.describe();
    EXPECT_GT(p.share.wall_ns, 100 * kMs) << p.phase;
  }
  int warned = 0;
  for (const auto& w : out.warnings)
    if (w.find("the CPU was shared during the ") != std::string::npos &&
        w.find("threads waited") != std::string::npos)
      ++warned;
  EXPECT_EQ(warned, 2);
}

}  // namespace
}  // namespace synergy
