#include "profile/load_pattern.hpp"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "util/clock.hpp"

namespace synergy {

namespace {

int64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
}

// Spins until chip_end; the span from its first spin to its last and the share of it this
// thread ran (a core shared with other work runs part of it).
BusySpan spin_until(int64_t chip_end) {
  BusySpan s;
  s.from_ns = now_ns();
  const int64_t cpu0 = thread_cpu_ns();
  std::atomic<uint64_t> spins{0};
  int64_t t = s.from_ns;
  while (t < chip_end) {
    spins.fetch_add(1, std::memory_order_relaxed);
    t = now_ns();
  }
  s.to_ns = t;
  const auto span = static_cast<double>(std::max<int64_t>(s.to_ns - s.from_ns, 1));
  s.ran = std::clamp(static_cast<double>(thread_cpu_ns() - cpu0) / span, 0.0, 1.0);
  return s;
}

}  // namespace

LoadPattern play_load_pattern(int64_t chip_ns, unsigned threads) {
  LoadPattern p;
  p.chip_ns = chip_ns;
  p.cores = std::max(threads, 1U);
  p.start_ns = now_ns();
  const std::vector<bool> chips = load_pattern_chips();
  std::vector<BusySpan> spans(p.cores);
  for (size_t i = 0; i < chips.size(); ++i) {
    const int64_t chip_end = p.start_ns + static_cast<int64_t>(i + 1) * chip_ns;
    if (!chips[i]) {
      std::this_thread::sleep_for(std::chrono::nanoseconds(chip_end - now_ns()));
      continue;
    }
    std::vector<std::thread> spinners;
    for (unsigned k = 0; k < p.cores; ++k)
      spinners.emplace_back([&spans, k, chip_end] { spans[k] = spin_until(chip_end); });
    for (auto& s : spinners) s.join();
    p.busy.insert(p.busy.end(), spans.begin(), spans.end());
  }
  p.end_ns = std::max(now_ns(), p.start_ns + static_cast<int64_t>(chips.size()) * chip_ns);
  return p;
}

}  // namespace synergy
