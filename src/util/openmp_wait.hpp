// How idle OpenMP workers wait at a barrier. GNU OpenMP reads its setting once, when it loads, so
// a program chooses before it starts (the CLI restarts itself with the choice in its environment)
// and every result names the wait it ran with.
#pragma once

#include <string>

namespace synergy {

// Set by the CLI to the wait it chose and why, and to the cores other processes kept busy when
// it started; read into each result's context.
inline constexpr const char* kOpenmpWaitEnv = "SYNERGY_OPENMP_WAIT";
inline constexpr const char* kOthersBusyEnv = "SYNERGY_OTHERS_BUSY_CORES";

struct OpenmpWait {
  std::string spin_count;   // GOMP_SPINCOUNT: "10000" (a bounded spin) or "0" (sleep at once)
  std::string description;  // e.g. "passive: other processes kept 1.0 of 2 cores busy at start"
  bool contended = false;   // other processes held cores this run's threads need
};

// The wait for `threads` threads on `cpus` cores while other processes keep `others_busy` cores
// busy. Workers spin briefly before they sleep on a free machine: sleeping at once costs a wake-up
// per primitive, 2-5x on networks of small layers. Where some threads have a core of their own and
// others share one with another process, the threads that finish first spin while the one
// everyone waits for gets half a core (2-thread runs of MobileNet v2 and RegNet took 4-5x as
// long), so they sleep at once. Where every thread shares a core the spin is kept: the threads
// are slowed alike, and waking costs more than it saves.
OpenmpWait choose_openmp_wait(double others_busy, int cpus, int threads);

// This process's wait: kOpenmpWaitEnv when set, else what OMP_WAIT_POLICY / GOMP_SPINCOUNT say,
// else GNU OpenMP's default.
std::string openmp_wait_description();

// kOthersBusyEnv's cores, or -1 when it is not set (the load was not measured).
double others_busy_cores_at_start();

}  // namespace synergy
