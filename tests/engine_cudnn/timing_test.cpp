// Per-layer device timing: spans come for exactly the observed layers, in stream order, on the
// host clock inside the run's host window; also when the inference replays as a CUDA graph.
#include <gtest/gtest.h>

#include "engine/engine.hpp"
#include "gpu_harness.hpp"
#include "util/clock.hpp"
#include "zoo/zoo.hpp"

namespace synergy {
namespace {

class SpanRecorder : public DeviceTimeObserver {
 public:
  bool wants(const Graph&, size_t layer) const override { return layer % 2 == 0; }
  void before_layer(size_t layer) override { enqueued.push_back(layer); }
  void after_layer(size_t) override {}
  void before_run() override { run_start_ns = now_ns(); }
  void after_run() override { run_end_ns = now_ns(); }
  void device_spans(std::span<const DeviceLayerSpan> s) override {
    spans.assign(s.begin(), s.end());
    spans_reported_at_ns = now_ns();
  }

  std::vector<size_t> enqueued;
  std::vector<DeviceLayerSpan> spans;
  int64_t run_start_ns = 0, run_end_ns = 0, spans_reported_at_ns = 0;
};

void check_spans(bool graph_mode) {
  EngineContext context{1, 3};
  context.cuda_graph = graph_mode;
  Engine engine(build_zoo_network("squeezenet"), make_cudnn_backend(CudnnOptions{}), context);
  SpanRecorder rec;
  engine.set_observer(&rec);
  auto out = engine.make_outputs();
  const auto in = engine.random_inputs(1);
  for (int i = 0; i < 3; ++i) {
    rec.enqueued.clear();
    engine.run(in, out);
  }
  const size_t layers = engine.graph().nodes.size();
  ASSERT_EQ(rec.spans.size(), (layers + 1) / 2);
  ASSERT_EQ(rec.enqueued.size(), rec.spans.size());
  int64_t previous_end = rec.run_start_ns;
  for (size_t i = 0; i < rec.spans.size(); ++i) {
    const auto& s = rec.spans[i];
    EXPECT_EQ(s.layer, 2 * i);
    EXPECT_EQ(rec.enqueued[i], s.layer);
    EXPECT_LE(s.start_ns, s.end_ns) << "layer " << s.layer;
    EXPECT_GE(s.start_ns, previous_end)
        << "layer " << s.layer << " starts before its predecessor ends";
    previous_end = s.end_ns;
  }
  EXPECT_LE(previous_end, rec.spans_reported_at_ns) << "device work ends before it is reported";
  EXPECT_LE(rec.spans_reported_at_ns, rec.run_end_ns);
}

TEST(CudnnTiming, StreamSpansAreOrderedOnTheHostClock) {
  SKIP_WITHOUT_GPU();
  check_spans(false);
}

TEST(CudnnTiming, GraphReplaySpansAreOrderedOnTheHostClock) {
  SKIP_WITHOUT_GPU();
  check_spans(true);
}

TEST(CudnnTiming, UnobservedRunsReportNoSpans) {
  SKIP_WITHOUT_GPU();
  Engine engine(build_zoo_network("squeezenet"), make_cudnn_backend(CudnnOptions{}),
                EngineContext{1, 3});
  SpanRecorder rec;
  engine.set_observer(&rec);
  engine.set_observer(nullptr);
  auto out = engine.make_outputs();
  engine.run(engine.random_inputs(1), out);
  EXPECT_TRUE(rec.spans.empty());
  EXPECT_TRUE(rec.enqueued.empty());
}

}  // namespace
}  // namespace synergy
