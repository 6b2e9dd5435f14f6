// The layer recorder on a synchronous backend (host times) and an asynchronous one (device
// intervals reported after the inference replace the enqueue times).
#include "profile/layer_recorder.hpp"

#include <gtest/gtest.h>

#include "result/timeline.hpp"
#include "util/clock.hpp"

namespace synergy {
namespace {

// Drives the recorder the way a GPU program does: enqueue both layers, then report device spans.
void async_run(LayerRecorder& rec, int64_t device_start, int64_t device_end_of_layer1) {
  rec.before_run();
  for (size_t l = 0; l < 2; ++l) {
    rec.before_layer(l);
    rec.after_layer(l);
  }
  const DeviceLayerSpan spans[] = {{0, device_start, device_start + 1000},
                                   {1, device_start + 1000, device_end_of_layer1}};
  rec.device_spans(spans);
  rec.after_run();
}

TEST(LayerRecorder, HostTimesOnASynchronousBackend) {
  LayerRecorder rec(2, 4);
  const int64_t before = now_ns();
  rec.before_run();
  rec.before_layer(1);
  rec.after_layer(1);
  rec.after_run();
  LayerTimeline t{{"a", "b"}, {}, {}};
  rec.take_iterations(t);
  ASSERT_EQ(t.iterations.size(), 1u);
  ASSERT_EQ(t.iterations[0].layers.size(), 1u);
  EXPECT_EQ(t.iterations[0].layers[0].layer, 1);
  EXPECT_GE(t.iterations[0].layers[0].start_ns, before);
  EXPECT_NO_THROW(validate_timeline(t));
}

TEST(LayerRecorder, DeviceSpansReplaceEnqueueTimes) {
  LayerRecorder rec(2, 4);
  const int64_t base = now_ns() + 5000;  // the device runs after the host enqueued
  async_run(rec, base, base + 4000);
  LayerTimeline t{{"a", "b"}, {}, {}};
  rec.take_iterations(t);
  ASSERT_EQ(t.iterations.size(), 1u);
  const auto& layers = t.iterations[0].layers;
  ASSERT_EQ(layers.size(), 2u);
  EXPECT_EQ(layers[0].start_ns, base);
  EXPECT_EQ(layers[0].duration_ns(), 1000);
  EXPECT_EQ(layers[1].duration_ns(), 3000);
  EXPECT_GE(t.iterations[0].end_ns, base + 4000) << "the iteration covers its device spans";
  EXPECT_NO_THROW(validate_timeline(t));
}

TEST(LayerRecorder, DeviceSpansMappedSlightlyEarlyWidenTheIteration) {
  LayerRecorder rec(2, 4);
  const int64_t early = now_ns() - 2000;  // clock mapping error of a few µs
  async_run(rec, early, early + 1500);
  LayerTimeline t{{"a", "b"}, {}, {}};
  rec.take_iterations(t);
  ASSERT_EQ(t.iterations.size(), 1u);
  EXPECT_EQ(t.iterations[0].start_ns, early);
  EXPECT_NO_THROW(validate_timeline(t));
}

}  // namespace
}  // namespace synergy
