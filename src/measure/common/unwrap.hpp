// Turns a raw hardware energy counter that wraps (RAPL: at max_energy_range_uj) into a cumulative
// count since the first read. A counter that goes backwards without a known range is an error.
#pragma once

#include <cstdint>
#include <string>

namespace synergy {

class CounterUnwrapper {
 public:
  // max_raw: the value at which the counter wraps to 0 (0 = unknown: no wrap is assumed).
  explicit CounterUnwrapper(uint64_t max_raw = 0) : max_raw_(max_raw) {}

  struct Update {
    bool ok = false;
    bool wrapped = false;
    std::string error;  // set when !ok; the cumulative count is unchanged
  };
  Update update(uint64_t raw);
  uint64_t total() const { return total_; }  // raw units since the first good read
  bool started() const { return started_; }

 private:
  uint64_t max_raw_;
  uint64_t last_ = 0;
  uint64_t total_ = 0;
  bool started_ = false;
};

}  // namespace synergy
