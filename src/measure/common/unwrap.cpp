#include "measure/common/unwrap.hpp"

#include <algorithm>

namespace synergy {

namespace {

constexpr int64_t kMinElapsedNs = 1'000'000;

}  // namespace

bool CounterUnwrapper::plausible(uint64_t step, int64_t elapsed_ns) const {
  if (max_raw_per_s_ <= 0.0) return true;
  const double seconds = static_cast<double>(std::max(elapsed_ns, kMinElapsedNs)) * 1e-9;
  return static_cast<double>(step) <= max_raw_per_s_ * seconds;
}

CounterUnwrapper::Update CounterUnwrapper::restart(uint64_t raw, int64_t t_ns,
                                                   const std::string& why) {
  Update u;
  u.ok = true;
  u.restarted = true;
  u.error = why;
  last_ = raw;
  last_change_ns_ = t_ns;
  pending_ = false;
  return u;
}

CounterUnwrapper::Update CounterUnwrapper::update(uint64_t raw, int64_t t_ns) {
  Update u;
  if (max_raw_ != 0 && raw > max_raw_) {
    u.error =
        "value " + std::to_string(raw) + " exceeds the counter's range " + std::to_string(max_raw_);
    return u;
  }
  if (!started_) {
    started_ = true;
    last_ = raw;
    last_change_ns_ = t_ns;
    u.ok = true;
    return u;
  }
  if (raw == last_) {
    pending_ = false;
    u.ok = true;
    return u;
  }
  const bool backwards = raw < last_;
  const std::string step_text = std::to_string(last_) + " -> " + std::to_string(raw);
  if (backwards && max_raw_ == 0 && max_raw_per_s_ <= 0.0)
    return restart(raw, t_ns,
                   "counter went backwards (" + step_text + ") and its range is unknown");
  if (!backwards || max_raw_ != 0) {
    const uint64_t step = backwards ? (max_raw_ - last_) + raw : raw - last_;
    if (plausible(step, t_ns - last_change_ns_)) {
      total_ += step;
      last_ = raw;
      last_change_ns_ = t_ns;
      pending_ = false;
      u.ok = true;
      u.wrapped = backwards;
      return u;
    }
  }
  // Not a plausible continuation: a bad value, or the counter restarted from `raw`.
  if (pending_ && raw > pending_raw_ && plausible(raw - pending_raw_, t_ns - pending_ns_))
    return restart(raw, t_ns,
                   "counter restarted (" + std::to_string(last_) + " -> " +
                       std::to_string(pending_raw_) + ", then counting on from there)");
  pending_ = true;
  pending_raw_ = raw;
  pending_ns_ = t_ns;
  u.error = std::string("counter ") + (backwards ? "went backwards" : "jumped") + " (" + step_text +
            "): " +
            (backwards && max_raw_ == 0 ? "not a wrap, its range is unknown"
                                        : "more energy than the sensor can measure in the time");
  return u;
}

}  // namespace synergy
