// Counting threads that already exist (an executor's pool): one counter group per thread, summed.
// Threads created later are counted by a CounterGroup with inherit on the creating thread instead.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "measure/counters/counter_group.hpp"

namespace synergy {

// The ids of this process's threads (from /proc/self/task).
std::vector<pid_t> process_threads();

class ThreadCounters {
 public:
  ThreadCounters(const std::vector<std::string>& events, const std::vector<pid_t>& tids);
  void enable();
  void disable();
  void reset();
  // Sums the groups of all threads (one read() per thread). Times are the largest of any
  // thread's. The overload with `out` allocates nothing once `out` has its size.
  bool read(CounterValues& out);
  CounterValues read();
  // Per event: available on every thread; otherwise the first reason found.
  std::vector<CounterStatus> status() const;

 private:
  std::vector<CounterGroup> groups_;
  size_t events_ = 0;
  CounterValues scratch_;
};

}  // namespace synergy
