// Observation of fused layers, fusion switches, threads, repeated runs and hand-worked cases.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numeric>

#include "engine/backends.hpp"
#include "engine/onednn/onednn_backend.hpp"
#include "graph/builder.hpp"
#include "harness.hpp"
#include "helpers.hpp"

namespace synergy::onednn_test {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using ::testing::Pointwise;

class Recorder : public LayerObserver {
 public:
  explicit Recorder(std::vector<size_t> wanted) : wanted_(std::move(wanted)) {}
  bool wants(const Graph&, size_t layer) const override {
    return std::find(wanted_.begin(), wanted_.end(), layer) != wanted_.end();
  }
  void before_layer(size_t layer) override { record('+', layer); }
  void after_layer(size_t layer) override { record('-', layer); }
  void before_run() override { events.emplace_back("run"); }
  void after_run() override { events.emplace_back("end"); }
  std::vector<std::string> events;

 private:
  void record(char sign, size_t layer) {
    std::string e(1, sign);
    e.append(std::to_string(layer));
    events.push_back(std::move(e));
  }
  std::vector<size_t> wanted_;
};

// conv -> batch norm -> relu -> pool: the last three fold or fuse into the conv, except pool.
Graph conv_bn_relu_pool() {
  GraphBuilder b("cbrp", "test");
  ValueId x = b.input("x", Shape{1, 5, 9, 9});
  ValueId c = b.add1("conv", ConvAttrs{8, {3, 3}, {1, 1}, {1, 1}, Pads::same(1), 1, true}, {x});
  ValueId n = b.add1("bn", BatchNormAttrs{1e-5f}, {c});
  ValueId r = b.add1("relu", ActivationAttrs{}, {n});
  PoolAttrs p;
  p.kernel = {2, 2};
  p.stride = {2, 2};
  Graph g = b.finish({b.add1("pool", p, {r})});
  g.materialize_params(3);
  return g;
}

TEST(OnednnObservation, FusedLayersAreReportedInOrderAfterTheirHost) {
  auto backend = make_onednn_backend();
  Recorder rec({0, 1, 2, 3});
  run(*backend, conv_bn_relu_pool(), 1, 1, &rec);
  EXPECT_THAT(rec.events,
              ElementsAre("run", "+0", "-0", "+1", "-1", "+2", "-2", "+3", "-3", "end"));
}

TEST(OnednnProgram, SaysWhichLayersRunInsideAnother) {
  const Graph g = conv_bn_relu_pool();
  const auto fused =
      make_onednn_backend(OnednnOptions{true, true})->compile(g, EngineContext{1, 1});
  EXPECT_EQ(fused->fused_into(0), -1);
  EXPECT_EQ(fused->fused_into(1), 0);  // batch norm folded into the conv
  EXPECT_EQ(fused->fused_into(2), 0);  // relu as the conv's post-op
  EXPECT_EQ(fused->fused_into(3), -1);
  const auto unfused =
      make_onednn_backend(OnednnOptions{false, false, false})->compile(g, EngineContext{1, 1});
  const auto reference = make_backend("reference")->compile(g, EngineContext{1, 1});
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    EXPECT_EQ(unfused->fused_into(i), -1) << i;
    EXPECT_EQ(reference->fused_into(i), -1) << i;
  }
}

TEST(OnednnObservation, OnlyWantedLayersAreCalled) {
  auto backend = make_onednn_backend();
  Recorder some({2});
  run(*backend, conv_bn_relu_pool(), 1, 1, &some);
  EXPECT_THAT(some.events, ElementsAre("run", "+2", "-2", "end"));
  Recorder none({});
  run(*backend, conv_bn_relu_pool(), 1, 1, &none);
  EXPECT_THAT(none.events, ElementsAre("run", "end"));
}

TEST(OnednnObservation, FusionSwitchesKeepTheResult) {
  const Graph g = conv_bn_relu_pool();
  auto fused = make_onednn_backend(OnednnOptions{true, true});
  auto unfused = make_onednn_backend(OnednnOptions{false, false, false});
  const auto a = run(*fused, g, 5);
  const auto b = run(*unfused, g, 5);
  EXPECT_LT(test::relative_l2_error(a[0], b[0]), 1e-6);
}

TEST(OnednnThreads, ThreadCountDoesNotChangeResults) {
  const Graph g = conv_bn_relu_pool();
  for (const char* name : {"onednn", "blas"}) {
    const auto one = run(name, g, 9, 1);
    const auto two = run(name, g, 9, 2);
    const auto all = run(name, g, 9, 0);
    EXPECT_LT(test::relative_l2_error(two[0], one[0]), 1e-6) << name;
    EXPECT_LT(test::relative_l2_error(all[0], one[0]), 1e-6) << name;
  }
}

// Inputs are read from the caller's tensors on every run, outputs resized on first use.
TEST(OnednnProgram, EachRunReadsItsOwnInput) {
  const Graph g = conv_bn_relu_pool();
  for (const char* name : {"onednn", "blas"}) {
    auto program = make_backend(name)->compile(g, EngineContext{1, 1});
    Tensor x{g.shape(g.inputs[0]), std::vector<float>(5 * 9 * 9, 0.5f)};
    Tensor y{g.shape(g.inputs[0]), std::vector<float>(5 * 9 * 9, -0.25f)};
    std::vector<Tensor> out1(1), out2(1), out3(1);
    program->run(std::span(&x, 1), out1);
    program->run(std::span(&y, 1), out2);
    program->run(std::span(&x, 1), out3);
    EXPECT_EQ(out1[0].shape, g.shape(g.outputs[0])) << name;
    EXPECT_NE(out1[0].data, out2[0].data) << name;
    EXPECT_EQ(out1[0].data, out3[0].data) << name;
  }
}

Graph one_op_with(Attrs attrs, Shape in, const std::vector<float>& weight) {
  Graph g = test::single_op(std::move(attrs), {std::move(in)});
  if (!weight.empty()) g.nodes[0].param("weight")->data = weight;
  return g;
}

std::vector<float> iota(int64_t n) {
  std::vector<float> v(static_cast<size_t>(n));
  std::iota(v.begin(), v.end(), 1.0f);
  return v;
}

std::vector<float> run_on_input(const std::string& name, const Graph& g, std::vector<float> x) {
  auto program = make_backend(name)->compile(g, EngineContext{1, 1});
  Tensor in{g.shape(g.inputs[0]), std::move(x)};
  std::vector<Tensor> out(1);
  program->run(std::span(&in, 1), out);
  return out[0].data;
}

// 3x3 box sums of 1..16 (4x4): windows at (0,0), (0,1), (1,0), (1,1).
TEST(HandWorked, BoxFilterConvolution) {
  const Graph g = one_op_with(ConvAttrs{1, {3, 3}, {1, 1}, {1, 1}, {}, 1, false}, Shape{1, 1, 4, 4},
                              std::vector<float>(9, 1.0f));
  for (const char* name : {"onednn", "blas"}) {
    EXPECT_THAT(run_on_input(name, g, iota(16)), ElementsAre(54, 63, 90, 99)) << name;
  }
}

// 2x2 stride-2 ceil-mode max pooling of 1..25 (5x5): the last row and column are half windows.
TEST(HandWorked, CeilModeMaxPooling) {
  PoolAttrs p;
  p.kernel = {2, 2};
  p.stride = {2, 2};
  p.rounding = Rounding::Ceil;
  const Graph g = one_op_with(p, Shape{1, 1, 5, 5}, {});
  for (const char* name : {"onednn", "blas"}) {
    EXPECT_THAT(run_on_input(name, g, iota(25)), ElementsAre(7, 9, 10, 17, 19, 20, 22, 24, 25))
        << name;
  }
}

// Caffe's average with padding: 3x3 stride-2 pad-1 ceil over 1..16 (4x4); windows at the end
// border count the declared padding but not the cells ceil rounding adds.
TEST(HandWorked, CaffeAveragePoolingDivisors) {
  PoolAttrs p;
  p.kind = PoolKind::Average;
  p.kernel = {3, 3};
  p.stride = {2, 2};
  p.pads = Pads::same(1);
  p.rounding = Rounding::Ceil;
  p.count_include_pad = true;
  const Graph g = one_op_with(p, Shape{1, 1, 4, 4}, {});
  // Output 3x3 (ceil((4 + 2 - 3) / 2) + 1). Row windows: [-1, 2) of 3 cells, [1, 4) of 3, and
  // [3, 5) of 2 (the declared padding ends at 5).
  const std::vector<float> want{(1 + 2 + 5 + 6) / 9.0f,
                                (2 + 3 + 4 + 6 + 7 + 8) / 9.0f,
                                (4 + 8) / 6.0f,
                                (5 + 6 + 9 + 10 + 13 + 14) / 9.0f,
                                (6 + 7 + 8 + 10 + 11 + 12 + 14 + 15 + 16) / 9.0f,
                                (8 + 12 + 16) / 6.0f,
                                (13 + 14) / 6.0f,
                                (14 + 15 + 16) / 6.0f,
                                16 / 4.0f};
  for (const char* name : {"onednn", "blas"}) {
    EXPECT_THAT(run_on_input(name, g, iota(16)), Pointwise(FloatNear(1e-5f), want)) << name;
  }
}

}  // namespace
}  // namespace synergy::onednn_test
