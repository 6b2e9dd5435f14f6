#include "measure/common/unwrap.hpp"

namespace synergy {

CounterUnwrapper::Update CounterUnwrapper::update(uint64_t raw) {
  Update u;
  if (max_raw_ != 0 && raw > max_raw_) {
    u.error =
        "value " + std::to_string(raw) + " exceeds the counter's range " + std::to_string(max_raw_);
    return u;
  }
  if (!started_) {
    started_ = true;
    last_ = raw;
    u.ok = true;
    return u;
  }
  if (raw >= last_) {
    total_ += raw - last_;
  } else if (max_raw_ != 0) {
    total_ += (max_raw_ - last_) + raw;
    u.wrapped = true;
  } else {
    u.error = "counter went backwards (" + std::to_string(last_) + " -> " + std::to_string(raw) +
              ") and its range is unknown";
    last_ = raw;  // rebase: later deltas are counted from here
    return u;
  }
  last_ = raw;
  u.ok = true;
  return u;
}

}  // namespace synergy
