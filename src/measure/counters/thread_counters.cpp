#include "measure/counters/thread_counters.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace synergy {

std::vector<pid_t> process_threads() {
  std::vector<pid_t> tids;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/task", ec))
    tids.push_back(static_cast<pid_t>(std::stol(e.path().filename().string())));
  std::sort(tids.begin(), tids.end());
  return tids;
}

ThreadCounters::ThreadCounters(const std::vector<std::string>& events,
                               const std::vector<pid_t>& tids)
    : events_(events.size()) {
  for (pid_t tid : tids) {
    CounterOptions o;
    o.tid = tid;
    o.inherit = false;
    groups_.emplace_back(events, o);
  }
}

void ThreadCounters::enable() {
  for (auto& g : groups_) g.enable();
}
void ThreadCounters::disable() {
  for (auto& g : groups_) g.disable();
}
void ThreadCounters::reset() {
  for (auto& g : groups_) g.reset();
}

bool ThreadCounters::read(CounterValues& sum) {
  sum.value.assign(events_, std::numeric_limits<double>::quiet_NaN());
  sum.raw.assign(events_, 0);
  sum.ok = false;
  sum.time_enabled_ns = sum.time_running_ns = 0;
  for (auto& g : groups_) {
    if (!g.read(scratch_)) continue;  // a thread that exited leaves no counts to add
    sum.ok = true;
    sum.time_enabled_ns = std::max(sum.time_enabled_ns, scratch_.time_enabled_ns);
    sum.time_running_ns = std::max(sum.time_running_ns, scratch_.time_running_ns);
    for (size_t i = 0; i < events_; ++i) {
      if (std::isnan(scratch_.value[i])) continue;
      sum.value[i] =
          std::isnan(sum.value[i]) ? scratch_.value[i] : sum.value[i] + scratch_.value[i];
      sum.raw[i] += scratch_.raw[i];
    }
  }
  return sum.ok;
}

CounterValues ThreadCounters::read() {
  CounterValues sum;
  read(sum);
  return sum;
}

std::vector<CounterStatus> ThreadCounters::status() const {
  if (groups_.empty()) return {};
  std::vector<CounterStatus> s = groups_.front().status();
  for (const auto& g : groups_)
    for (size_t i = 0; i < events_; ++i)
      if (!g.status()[i].available && s[i].available) s[i] = g.status()[i];
  return s;
}

}  // namespace synergy
