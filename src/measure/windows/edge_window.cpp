#include "measure/windows/edge_window.hpp"

#include <chrono>
#include <thread>

namespace synergy {

namespace {

constexpr int64_t kUnknownTimeoutNs = 2'000'000'000;

bool ok(const EnergyReading& r, size_t domain) {
  return domain < r.valid.size() && r.valid[domain];
}

}  // namespace

EdgeAlignedWindow::EdgeAlignedWindow(EnergySource& source, size_t domain, EdgeWaitOptions options)
    : source_(source), domain_(domain), options_(std::move(options)) {
  if (options_.timeout_ns <= 0) {
    int64_t p = source_.declared_update_period_ns();
    options_.timeout_ns = p > 0 ? 5 * p : kUnknownTimeoutNs;
  }
}

void EdgeAlignedWindow::pause() const {
  if (options_.poll_ns <= 0) return;
  if (options_.sleep) {
    options_.sleep(options_.poll_ns);
  } else {
    std::this_thread::sleep_for(std::chrono::nanoseconds(options_.poll_ns));
  }
}

bool EdgeAlignedWindow::wait_for_edge(EnergyReading& edge) {
  EnergyReading first = source_.read();
  int64_t deadline = first.t_ns + options_.timeout_ns;
  while (!ok(first, domain_)) {
    if (domain_ >= first.valid.size()) {
      reason_ = "the source has no domain " + std::to_string(domain_);
      return false;
    }
    if (first.t_ns > deadline) {
      reason_ = "sensor unreadable: " + first.errors[domain_];
      return false;
    }
    pause();
    first = source_.read();
  }
  for (;;) {
    pause();
    EnergyReading r = source_.read();
    if (ok(r, domain_) && r.energy_j[domain_] != first.energy_j[domain_]) {
      edge = std::move(r);
      return true;
    }
    if (r.t_ns > deadline) {
      reason_ = "the sensor's value did not change within the timeout";
      return false;
    }
  }
}

bool EdgeAlignedWindow::begin() {
  reason_.clear();
  begun_ = wait_for_edge(begin_);
  return begun_;
}

EnergyWindow EdgeAlignedWindow::end() {
  EnergyWindow w;
  EnergyReading last;
  if (!begun_) {
    w.reason = reason_.empty() ? "end() without a successful begin()" : reason_;
    return w;
  }
  begun_ = false;
  if (!wait_for_edge(last)) {
    w.reason = reason_;
    return w;
  }
  w.valid = true;
  w.begin_ns = begin_.t_ns;
  w.end_ns = last.t_ns;
  w.energy_j = last.energy_j[domain_] - begin_.energy_j[domain_];
  int64_t period = source_.declared_update_period_ns();
  w.updates = period > 0 ? static_cast<int>((w.end_ns - w.begin_ns + period / 2) / period) : 0;
  return w;
}

}  // namespace synergy
