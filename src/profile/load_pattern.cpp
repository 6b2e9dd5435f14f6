#include "profile/load_pattern.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "util/clock.hpp"

namespace synergy {

LoadPattern play_load_pattern(int64_t chip_ns, unsigned threads) {
  LoadPattern p;
  p.chip_ns = chip_ns;
  p.start_ns = now_ns();
  const std::vector<bool> chips = load_pattern_chips();
  for (size_t i = 0; i < chips.size(); ++i) {
    const int64_t chip_end = p.start_ns + static_cast<int64_t>(i + 1) * chip_ns;
    if (!chips[i]) {
      std::this_thread::sleep_for(std::chrono::nanoseconds(chip_end - now_ns()));
      continue;
    }
    const int64_t from = now_ns();
    std::vector<std::thread> spinners;
    for (unsigned k = 0; k < std::max(threads, 1U); ++k)
      spinners.emplace_back([chip_end] {
        std::atomic<uint64_t> spins{0};
        while (now_ns() < chip_end) spins.fetch_add(1, std::memory_order_relaxed);
      });
    for (auto& s : spinners) s.join();
    p.busy.emplace_back(from, now_ns());
  }
  p.end_ns = std::max(now_ns(), p.start_ns + static_cast<int64_t>(chips.size()) * chip_ns);
  return p;
}

}  // namespace synergy
