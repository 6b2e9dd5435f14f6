// A group of perf_event counters opened together and read atomically with one read() of the
// leader: cheap enough to call at every layer boundary. Events that cannot be opened stay in the
// group's list, marked unavailable with the reason, and read as NaN (never as zero).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace synergy {

struct CounterOptions {
  pid_t tid = 0;        // thread to count (0: the calling thread)
  bool inherit = true;  // also count threads the counted thread creates after opening
  bool include_kernel = false;
};

struct CounterStatus {
  std::string name;      // as requested ("ASE_SPEC|raw:0x74")
  std::string resolved;  // the encoding that was opened
  bool available = false;
  std::string reason;  // why not, when unavailable
};

struct CounterValues {
  bool ok = false;            // false: the read itself failed (values are NaN)
  std::vector<double> value;  // scaled for multiplexing; NaN for unavailable events
  std::vector<uint64_t> raw;  // as counted while scheduled
  uint64_t time_enabled_ns = 0;
  uint64_t time_running_ns = 0;
  // Fraction of the enabled time the group was on the PMU (1: no multiplexing).
  double running_fraction() const {
    return time_enabled_ns > 0
               ? static_cast<double>(time_running_ns) / static_cast<double>(time_enabled_ns)
               : 0;
  }
};

class CounterGroup {
 public:
  CounterGroup(const std::vector<std::string>& events, CounterOptions options = {});
  ~CounterGroup();
  CounterGroup(CounterGroup&& other) noexcept;
  CounterGroup& operator=(CounterGroup&&) = delete;
  CounterGroup(const CounterGroup&) = delete;
  CounterGroup& operator=(const CounterGroup&) = delete;

  const std::vector<CounterStatus>& status() const { return status_; }
  size_t size() const { return status_.size(); }
  bool any_available() const { return leader_ >= 0; }

  void enable();
  void disable();
  void reset();
  // One read() syscall; `out` keeps its buffers between calls (no allocation after the first).
  bool read(CounterValues& out);
  CounterValues read();

 private:
  void open_all(const std::vector<std::string>& events);
  void open_one(size_t i, const std::string& spec);
  void ioctl_group(unsigned long request);

  CounterOptions options_;
  std::vector<CounterStatus> status_;
  std::vector<int> fds_;          // -1 for unavailable events
  std::vector<uint64_t> ids_;     // kernel ids of opened events
  std::vector<uint64_t> buffer_;  // the group read's layout
  int leader_ = -1;
  int opened_ = 0;
};

// A multiplexed count scaled to the whole enabled time: raw x enabled / running.
// NaN when the event was never scheduled (unknown, not zero).
double scale_multiplexed(uint64_t raw, uint64_t time_enabled_ns, uint64_t time_running_ns);

// Explains an errno of perf_event_open (ENOENT: no such hardware event here, EACCES: paranoia).
std::string explain_perf_open_error(int error_number);

}  // namespace synergy
