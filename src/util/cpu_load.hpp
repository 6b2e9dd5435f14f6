// How busy the machine's CPUs are, from the kernel's per-state time counters (/proc/stat).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace synergy {

// Time of all CPUs together since boot, and this process's share of it, in clock ticks.
struct CpuTimes {
  uint64_t busy = 0;   // user, nice, system, irq, softirq, steal
  uint64_t total = 0;  // busy + idle + iowait
  uint64_t own = 0;    // this process's user + system time (its threads included)
};

// The aggregate "cpu" line of /proc/stat's text (busy and total); throws bad_input when it is
// missing or malformed.
CpuTimes parse_proc_stat(std::string_view text);

// User + system ticks from a /proc/PID/stat line; throws bad_input when malformed.
uint64_t parse_process_ticks(std::string_view text);

// <proc_root>/stat and <proc_root>/self/stat ("" = /proc); throws unavailable when either cannot
// be read.
CpuTimes read_cpu_times(const std::string& proc_root = "");

// Cores that other processes kept busy between two readings of a machine with `cpus` cores: the
// busy share of the elapsed time, less this process's own, times `cpus`. Libraries busy in this
// process (OpenBLAS's threads spin when it loads) do not count. 0 when no time passed.
double others_busy_cores(const CpuTimes& before, const CpuTimes& after, int cpus);

}  // namespace synergy
