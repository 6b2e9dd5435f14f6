// The one monotonic clock shared by the engine, the sampler and the profiler.
#pragma once

#include <cstdint>
#include <ctime>

namespace synergy {

// Nanoseconds on CLOCK_MONOTONIC (the clock perf_event and std::chrono::steady_clock use on Linux).
inline int64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
}

}  // namespace synergy
