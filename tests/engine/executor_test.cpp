// The engine facade and the kernel program: observation, support checks, input checks,
// determinism and repeated runs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/backends.hpp"
#include "engine/engine.hpp"
#include "engine/timing_observer.hpp"
#include "graph/builder.hpp"
#include "helpers.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// conv -> relu -> pool -> flatten -> fc
Graph small_net() {
  GraphBuilder b("small", "test");
  ValueId x = b.input("x", Shape{1, 3, 9, 9});
  ValueId c = b.add1("conv", ConvAttrs{8, {3, 3}, {2, 2}, {1, 1}, Pads::same(1), 1, true}, {x});
  ValueId r = b.add1("relu", ActivationAttrs{}, {c});
  PoolAttrs p;
  p.kernel = {2, 2};
  p.stride = {2, 2};
  p.rounding = Rounding::Ceil;
  ValueId q = b.add1("pool", p, {r});
  ValueId f = b.add1("flat", FlattenAttrs{1}, {q});
  return b.finish({b.add1("fc", FullyConnectedAttrs{5, true}, {f})});
}

std::string tag(char c, size_t layer) {
  std::string s(1, c);
  s += std::to_string(layer);
  return s;
}

class Recorder : public LayerObserver {
 public:
  explicit Recorder(std::vector<size_t> wanted) : wanted_(std::move(wanted)) {}
  bool wants(const Graph&, size_t layer) const override {
    ++asked;
    return std::find(wanted_.begin(), wanted_.end(), layer) != wanted_.end();
  }
  void before_layer(size_t layer) override { events.push_back(tag('+', layer)); }
  void after_layer(size_t layer) override { events.push_back(tag('-', layer)); }
  void before_run() override { events.push_back("run"); }
  void after_run() override { events.push_back("end"); }

  mutable int asked = 0;
  std::vector<std::string> events;

 private:
  std::vector<size_t> wanted_;
};

TEST(Executor, ObserverSeesOnlyTheLayersItWants) {
  Engine engine(small_net(), "reference", {1, 1});
  Recorder rec({0, 3});
  engine.set_observer(&rec);
  EXPECT_EQ(rec.asked, 5) << "asked once per layer, at plan time";
  auto in = engine.random_inputs(1);
  auto out = engine.make_outputs();
  engine.run(in, out);
  engine.run(in, out);
  EXPECT_EQ(rec.asked, 5) << "never asked again while running";
  EXPECT_THAT(rec.events, ElementsAre("run", "+0", "-0", "+3", "-3", "end", "run", "+0", "-0", "+3",
                                      "-3", "end"));
  engine.set_observer(nullptr);
  engine.run(in, out);
  EXPECT_EQ(rec.events.size(), 12u);
}

TEST(Executor, TimingObserverRecordsEveryLayerOnTheSharedClock) {
  Engine engine(small_net(), "reference", {1, 1});
  TimingObserver timing(engine.graph().nodes.size(), 3);
  engine.set_observer(&timing);
  auto in = engine.random_inputs(1);
  auto out = engine.make_outputs();
  for (int i = 0; i < 4; ++i) engine.run(in, out);
  ASSERT_EQ(timing.run_ns().size(), 3u) << "runs beyond the reserve are dropped";
  for (size_t l = 0; l < timing.layer_ns().size(); ++l) {
    ASSERT_EQ(timing.layer_ns()[l].size(), 3u);
    for (size_t r = 0; r < 3; ++r) {
      EXPECT_GE(timing.layer_ns()[l][r], 0);
      EXPECT_LE(timing.layer_ns()[l][r], timing.run_ns()[r]);
    }
  }
}

// An asynchronous backend reports device intervals after the run: they replace enqueue times.
TEST(Executor, TimingObserverTakesDeviceIntervalsOverEnqueueTimes) {
  TimingObserver timing(3, 2);
  timing.before_run();
  for (size_t l : {0u, 2u}) {
    timing.before_layer(l);
    timing.after_layer(l);
  }
  const DeviceLayerSpan spans[] = {{0, 100, 350}, {2, 400, 1400}};
  timing.device_spans(spans);
  timing.after_run();
  ASSERT_EQ(timing.layer_ns()[0].size(), 1u);
  EXPECT_EQ(timing.layer_ns()[0][0], 250);
  EXPECT_TRUE(timing.layer_ns()[1].empty());
  EXPECT_EQ(timing.layer_ns()[2][0], 1000);
}

// Views on every CPU backend: Dropout (identity at inference) and a Pad of zeros; a Flatten of
// NCHW except on oneDNN, where the conv output is blocked and flattening it reorders.
TEST(Executor, ProgramsNameTheirViews) {
  GraphBuilder b("viewed", "test");
  ValueId x = b.input("x", Shape{1, 3, 9, 9});
  ValueId c = b.add1("conv", ConvAttrs{8, {3, 3}, {1, 1}, {1, 1}, Pads::same(1), 1, true}, {x});
  ValueId f = b.add1("flat", FlattenAttrs{1}, {c});
  ValueId fc = b.add1("fc", FullyConnectedAttrs{5, true}, {f});
  ValueId d = b.add1("drop", DropoutAttrs{}, {fc});
  ValueId p = b.add1("pad0", PadAttrs{{0, 0, 0, 0}, PadMode::Constant, 0.0f}, {d});
  const Graph g = b.finish({b.add1("pad1", PadAttrs{{0, 1, 0, 0}, PadMode::Constant, 0.0f}, {p})});
  for (const std::string backend : {"reference", "onednn", "blas"}) {
    std::string why;
    if (test::backend_unavailable(backend, &why)) continue;
    Engine engine(g, backend, {1, 1});
    EXPECT_FALSE(engine.is_view(0)) << backend << ": the conv runs a kernel";
    EXPECT_FALSE(engine.is_view(2)) << backend << ": the FC runs a kernel";
    EXPECT_TRUE(engine.is_view(3)) << backend << ": Dropout is the identity at inference";
    EXPECT_TRUE(engine.is_view(4)) << backend << ": a Pad of zeros adds nothing";
    EXPECT_FALSE(engine.is_view(5)) << backend << ": a Pad that adds a column copies";
    if (backend != "onednn") {
      EXPECT_TRUE(engine.is_view(1)) << backend << ": Flatten of NCHW";
    }
  }
}

TEST(Executor, RunsAreRepeatableAndThreadCountDoesNotChangeResults) {
  Engine one(small_net(), "reference", {1, 42});
  Engine two(small_net(), "reference", {2, 42});
  auto in = one.random_inputs(5);
  auto a = one.make_outputs(), b = one.make_outputs(), c = two.make_outputs();
  one.run(in, a);
  one.run(in, b);
  two.run(in, c);
  EXPECT_EQ(a[0].data, b[0].data);
  EXPECT_EQ(a[0].data, c[0].data);
}

TEST(Executor, SeedChoosesTheParams) {
  auto run_with = [](uint64_t seed) {
    Engine e(small_net(), "reference", {1, seed});
    auto out = e.make_outputs();
    e.run(e.random_inputs(5), out);
    return out[0].data;
  };
  EXPECT_EQ(run_with(3), run_with(3));
  EXPECT_NE(run_with(3), run_with(4));
}

TEST(Executor, OutputsAreSizedOnFirstUse) {
  Engine engine(small_net(), "reference", {1, 1});
  std::vector<Tensor> out(1);
  engine.run(engine.random_inputs(1), out);
  EXPECT_EQ(out[0].shape, (Shape{1, 5}));
  EXPECT_EQ(out[0].data.size(), 5u);
}

TEST(Executor, WrongInputShapeIsBadInputNamingTheShapes) {
  Engine engine(small_net(), "reference", {1, 1});
  std::vector<Tensor> in{{Shape{1, 3, 8, 8}, std::vector<float>(192)}};
  auto out = engine.make_outputs();
  try {
    engine.run(in, out);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_THAT(e.what(), HasSubstr("1x3x9x9"));
    EXPECT_THAT(e.what(), HasSubstr("1x3x8x8"));
  }
  std::vector<Tensor> none;
  EXPECT_THROW(engine.run(none, out), Error);
}

// A backend that refuses pooling, to check the error raised before anything runs.
class NoPooling : public Backend {
 public:
  std::string name() const override { return "nopool"; }
  Support supports(const Graph& g, size_t i) const override {
    if (g.nodes[i].kind() == OpKind::Pool) return {false, "pooling is not implemented"};
    return {true, {}};
  }
  std::unique_ptr<Program> compile(const Graph&, const EngineContext&) override {
    ADD_FAILURE() << "compiled despite an unsupported layer";
    return nullptr;
  }
};

TEST(Executor, UnsupportedLayerIsNamedWithTheBackendsThatCanRunIt) {
  try {
    Engine engine(small_net(), std::make_unique<NoPooling>(), {1, 1});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Unsupported);
    EXPECT_THAT(e.what(), HasSubstr("'pool'"));
    EXPECT_THAT(e.what(), HasSubstr("pooling is not implemented"));
    EXPECT_THAT(e.what(), HasSubstr("reference"));
  }
}

TEST(Executor, UnknownBackendListsTheKnownOnes) {
  try {
    make_backend("tpu");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_THAT(e.what(), HasSubstr("reference"));
  }
  EXPECT_THAT(backend_names(), ::testing::Contains("reference"));
  EXPECT_EQ(backend_names().back(), "reference") << "the reference is the fallback, listed last";
}

TEST(Executor, NegativeThreadCountIsRejected) {
  EXPECT_THROW(Engine(small_net(), "reference", {-1, 1}), Error);
}

TEST(Executor, ViewOfAGraphInputFeedsAKernel) {
  GraphBuilder b("view_in", "test");
  ValueId x = b.input("x", Shape{2, 3, 1, 1});
  ValueId f = b.add1("flat", FlattenAttrs{1}, {x});
  ValueId d = b.add1("drop", DropoutAttrs{}, {f});
  Graph g = b.finish({b.add1("relu", ActivationAttrs{}, {d})});
  Tensor in{Shape{2, 3, 1, 1}, {-1, 2, -3, 4, -5, 6}};
  auto out = test::run_on("reference", std::move(g), {in});
  EXPECT_EQ(out[0].shape, (Shape{2, 3}));
  EXPECT_THAT(out[0].data, ElementsAre(0, 2, 0, 4, 0, 6));
}

}  // namespace
}  // namespace synergy
