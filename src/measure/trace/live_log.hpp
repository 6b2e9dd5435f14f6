// A source whose log is still being written while the profile runs, possibly on a clock of its
// own: an external meter streaming to a file. A read past the log's end is a gap when read and
// is answered again once the log reaches it.
#pragma once

#include <cstdint>
#include <vector>

#include "measure/energy_source.hpp"
#include "measure/trace/clock_alignment.hpp"

namespace synergy {

class LiveLog {
 public:
  virtual ~LiveLog() = default;
  // Waits until the log reaches monotonic time t_ns; false when it stopped growing first.
  virtual bool await(int64_t t_ns) = 0;
  // Answers again, from the log as it is now, every reading that was a gap when read.
  virtual void settle(std::vector<EnergyReading>& readings) = 0;
  // The log's clock is to be found by align, not given.
  virtual bool needs_alignment() const = 0;
  // The chip length the load pattern wants, from the log's sample spacing.
  virtual int64_t pattern_chip_ns() const = 0;
  // The log's last time (its own clock) as the file is now: taken just before a pattern.
  virtual int64_t log_end_now() = 0;
  // Finds the offset from the pattern played after log_end_now() returned `log_end`, waiting for
  // the log to hold it; the first one found is used from then on, later ones only measure drift.
  // Throws bad_input when the log does not show it.
  virtual ClockAlignment align(size_t domain, const LoadPattern& played, int64_t log_end) = 0;
};

}  // namespace synergy
