#include "engine/threads.hpp"

#include <sched.h>

#include <thread>

#include "util/error.hpp"

namespace synergy {

int resolve_threads(const EngineContext& context) {
  if (context.threads < 0) {
    throw bad_input("thread count must be >= 0 (0 = all cores), got " +
                    std::to_string(context.threads));
  }
  if (context.threads > 0) return context.threads;
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace synergy
