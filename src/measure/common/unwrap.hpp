// Turns a raw hardware energy counter that wraps (RAPL: at max_energy_range_uj) into a cumulative
// count since the first read, and checks each step: a step back is a wrap only when the range is
// known and the energy it implies is plausible; otherwise the value is a fault (one bad read) or
// the counter restarted (a reset, a module reload, a wrap of unknown range), which the next
// plausible step from the new value confirms.
#pragma once

#include <cstdint>
#include <string>

namespace synergy {

class CounterUnwrapper {
 public:
  // max_raw: the value at which the counter wraps to 0 (0 = unknown: no wrap is assumed).
  // max_raw_per_s: the fastest the counter can advance for real (0 = unchecked).
  explicit CounterUnwrapper(uint64_t max_raw = 0, double max_raw_per_s = 0.0)
      : max_raw_(max_raw), max_raw_per_s_(max_raw_per_s) {}

  struct Update {
    bool ok = false;         // the value is counted
    bool wrapped = false;    // ok, across the counter's range
    bool restarted = false;  // ok, but the counter restarted: the energy since the last
                             // counted value is unknown (the count goes on from here)
    std::string error;       // why not ok, or why restarted
  };
  // t_ns: the read's instant (monotonic); the implied power of a step is judged over the time
  // since the last change counted, at least 1 ms.
  Update update(uint64_t raw, int64_t t_ns = 0);
  uint64_t total() const { return total_; }  // raw units counted since the first good read
  bool started() const { return started_; }

 private:
  bool plausible(uint64_t step, int64_t elapsed_ns) const;
  Update restart(uint64_t raw, int64_t t_ns, const std::string& why);

  uint64_t max_raw_;
  double max_raw_per_s_;
  uint64_t last_ = 0;
  int64_t last_change_ns_ = 0;
  uint64_t total_ = 0;
  bool started_ = false;
  bool pending_ = false;  // a rejected value that a later step may confirm as a restart
  uint64_t pending_raw_ = 0;
  int64_t pending_ns_ = 0;
};

}  // namespace synergy
