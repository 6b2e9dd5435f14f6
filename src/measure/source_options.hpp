// Options shared by the energy sources: where sysfs lives, which library to load, model inputs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace synergy {

struct SourceOptions {
  std::string sysfs_root;  // "" = env SYNERGY_SYSFS_ROOT, else "/" (see resolve_sysfs_root)
  std::string nvml_library = "libnvidia-ml.so.1";
  int64_t trace_clock_offset_ns = 0;  // added to a trace's timestamps to reach the monotonic clock
  bool trace_clock_auto = false;      // the offset is found from load patterns instead
  double estimate_tdp_w = 0;          // estimate source: power at full utilisation
  double estimate_idle_w = -1;        // estimate source: power when idle (<0: 30 % of TDP)
  // The most power a domain can draw for real (--max-power): readings beyond it are rejected
  // as faults. 0: the source's own ceiling.
  double max_power_w = 0;
  std::function<int64_t()> clock;  // empty = util/clock.hpp now_ns (tests inject a fake one)
};

// The sysfs root to use: the flag's value, else $SYNERGY_SYSFS_ROOT, else "/".
std::string resolve_sysfs_root(const std::string& flag_value);
// root joined with an absolute system path ("/sys/class/powercap"), without doubled slashes.
std::string under_root(const std::string& root, const std::string& system_path);
// The clock to use: options.clock, or now_ns.
std::function<int64_t()> clock_or_default(const std::function<int64_t()>& clock);

}  // namespace synergy
