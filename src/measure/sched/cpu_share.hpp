// How much of the CPU this process got while it wanted it. Over an interval: the time its threads
// ran and the time they waited on a run queue (/proc/self/task/*/schedstat), their involuntary
// context switches (/proc/self/task/*/status), and, where the kernel reports them, the system's
// CPU pressure (/proc/pressure/cpu, "some") and the hypervisor's steal (/proc/stat). A time
// taken while the threads waited for a CPU is the time of a shared machine, not of the network.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace synergy {

struct TaskSched {
  int64_t ran_ns = 0;
  int64_t waited_ns = 0;
  int64_t involuntary_switches = 0;
};

struct SchedSnapshot {
  int64_t t_ns = 0;
  std::map<int64_t, TaskSched> tasks;  // by thread id; empty: schedstat not readable
  std::optional<int64_t> pressure_some_us;
  std::optional<int64_t> steal_ticks;  // all CPUs, with total_ticks
  std::optional<int64_t> total_ticks;
};

// `proc_root` stands in for /proc (a fake tree in tests).
SchedSnapshot take_sched_snapshot(const std::string& proc_root = "/proc");

struct CpuShare {
  int64_t wall_ns = 0;
  std::optional<int64_t> ran_ns;  // absent: the kernel has no schedstat
  std::optional<int64_t> waited_ns;
  int64_t involuntary_switches = 0;
  std::optional<double> pressure;  // share of the time some task waited for a CPU
  std::optional<double> steal;     // share of all CPUs' time taken by the hypervisor

  // The share of their ready time the threads spent waiting: waited / (ran + waited).
  std::optional<double> wait_fraction() const;
  double involuntary_switches_per_s() const;
  // Waited over 10 % of their ready time, steal over 5 %, or (without schedstat) over 100
  // involuntary switches a second.
  bool disturbed() const;
  // "threads waited 41 % of their ready time (1.20 s of 2.93 s), 412 involuntary switches/s,
  // CPU pressure 61 %, steal 0 %"; what the kernel does not report is left out.
  std::string describe() const;
};

// One phase of a profile ("network", "layers", "attribution") and what the CPU gave it.
struct PhaseCpuShare {
  std::string phase;
  CpuShare share;
};

// From `a` to `b`: threads that ended between them are left out, threads that began are counted
// whole.
CpuShare cpu_share_between(const SchedSnapshot& a, const SchedSnapshot& b);

}  // namespace synergy
