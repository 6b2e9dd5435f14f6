#include "measure/sampler/sampler.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "measure/probe.hpp"
#include "util/clock.hpp"

namespace synergy {

namespace {

int64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
}

constexpr int64_t kMinPeriodNs = 100'000;         // 100 us
constexpr int64_t kUnknownPeriodNs = 10'000'000;  // 10 ms
constexpr int64_t kMaxOverheadDivisor = 50;       // reads may use 2 % of a core

}  // namespace

int64_t default_poll_period_ns(int64_t declared_update_period_ns, int64_t read_cost_ns) {
  int64_t period =
      declared_update_period_ns > 0 ? declared_update_period_ns / 10 : kUnknownPeriodNs;
  return std::max({period, read_cost_ns * kMaxOverheadDivisor, kMinPeriodNs});
}

Sampler::Sampler(EnergySource& source, SamplerOptions options)
    : source_(source), period_ns_(options.period_ns), ring_(options.capacity) {
  if (period_ns_ <= 0) {
    int64_t cost = static_cast<int64_t>(measure_read_cost(source_, 5).mean_ns);
    period_ns_ = default_poll_period_ns(source_.declared_update_period_ns(), cost);
  }
}

Sampler::~Sampler() {
  stop();
}

void Sampler::start() {
  stop();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ring_.clear();
    cost_ = SamplerCost{};
  }
  stop_requested_ = false;
  running_ = true;
  thread_ = std::thread([this] { loop(); });
}

void Sampler::stop() {
  if (!running_) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_requested_ = true;
  }
  wake_.notify_all();
  thread_.join();
  running_ = false;
}

void Sampler::loop() {
  int64_t cpu0 = thread_cpu_ns();
  int64_t t0 = now_ns();
  int64_t read_ns = 0;
  int64_t reads = 0;
  auto next = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_requested_) {
    lock.unlock();
    int64_t before = now_ns();
    EnergyReading r = source_.read();
    read_ns += now_ns() - before;
    ++reads;
    lock.lock();
    ring_.push(std::move(r));
    next += std::chrono::nanoseconds(period_ns_);
    wake_.wait_until(lock, next, [this] { return stop_requested_.load(); });
  }
  cost_.wall_ns = now_ns() - t0;
  cost_.thread_cpu_ns = thread_cpu_ns() - cpu0;
  cost_.reads = reads;
  cost_.mean_read_ns = reads > 0 ? static_cast<double>(read_ns) / static_cast<double>(reads) : 0;
}

std::vector<EnergyReading> Sampler::samples() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return ring_.items();
}

std::vector<EnergyReading> Sampler::samples_since(int64_t t_ns) const {
  std::lock_guard<std::mutex> lock(mutex_);
  size_t first = ring_.size();
  while (first > 0 && ring_.at(first - 1).t_ns >= t_ns) --first;
  std::vector<EnergyReading> out;
  out.reserve(ring_.size() - first);
  for (size_t i = first; i < ring_.size(); ++i) out.push_back(ring_.at(i));
  return out;
}

size_t Sampler::dropped() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return ring_.dropped();
}

SamplerCost Sampler::cost() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return cost_;
}

}  // namespace synergy
