#include "util/openmp_wait.hpp"

#include <cstdio>
#include <cstdlib>

namespace synergy {

OpenmpWait choose_openmp_wait(double others_busy, int cpus, int threads) {
  // Half a core of slack either way: a light background process is no contention, and a core
  // that is busy for less than half its time is free.
  const double free_cores = cpus - others_busy;
  const bool contended = threads > 1 && free_cores < threads - 0.5;
  const bool some_free = free_cores >= 0.5;
  char load[96];
  std::snprintf(load, sizeof load, "other processes kept %.1f of %d cores busy at start",
                others_busy, cpus);
  if (contended && some_free) {
    return {"0", std::string("passive (sleep at once): ") + load + "; some threads share a core",
            true};
  }
  return {"10000",
          std::string("bounded spin (10000 spins, then sleep): ") + load +
              (contended ? "; every thread shares a core" : ""),
          contended};
}

std::string openmp_wait_description() {
  if (const char* chosen = std::getenv(kOpenmpWaitEnv)) return chosen;
  std::string set;
  for (const char* name : {"OMP_WAIT_POLICY", "GOMP_SPINCOUNT"}) {
    if (const char* v = std::getenv(name))
      set += (set.empty() ? "" : ", ") + std::string(name) + "=" + v;
  }
  return set.empty() ? "GNU OpenMP's default (300,000 spins, then sleep)" : "as set: " + set;
}

double others_busy_cores_at_start() {
  const char* v = std::getenv(kOthersBusyEnv);
  if (v == nullptr) return -1.0;
  char* end = nullptr;
  const double cores = std::strtod(v, &end);
  return end != v && cores >= 0 ? cores : -1.0;
}

}  // namespace synergy
