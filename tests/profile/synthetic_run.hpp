// Synthetic recordings with known answers: a network whose layers draw known power, and a sensor
// that publishes cumulative energy (or mean power) at a fixed update period.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "profile/sensor_trace.hpp"
#include "result/timeline.hpp"

namespace synergy::testing {

struct LayerSpec {
  int64_t duration_ns;
  double power_w;
};

// Piecewise-constant power with exact cumulative energy.
class PowerProfile {
 public:
  explicit PowerProfile(double base_w) : base_w_(base_w) {}
  void add(int64_t start, int64_t end, double w) {
    if (!starts_.empty() && start < ends_.back()) return;
    starts_.push_back(start);
    ends_.push_back(end);
    watts_.push_back(w);
    const double before = cum_.empty() ? 0.0 : cum_.back();
    const int64_t prev_end = ends_.size() > 1 ? ends_[ends_.size() - 2] : start;
    cum_.push_back(before + base_w_ * 1e-9 * static_cast<double>(start - prev_end) +
                   w * 1e-9 * static_cast<double>(end - start));
  }
  // Joules since t = origin (the first segment's start), base power outside segments.
  double energy_at(int64_t t) const {
    if (starts_.empty()) return 0.0;
    const int64_t origin = starts_.front();
    if (t <= origin) return base_w_ * 1e-9 * static_cast<double>(t - origin);
    auto it = std::upper_bound(starts_.begin(), starts_.end(), t);
    const size_t k = static_cast<size_t>(it - starts_.begin()) - 1;
    const double at_end = cum_[k];
    if (t >= ends_[k]) return at_end + base_w_ * 1e-9 * static_cast<double>(t - ends_[k]);
    return at_end - watts_[k] * 1e-9 * static_cast<double>(ends_[k] - t);
  }

 private:
  double base_w_;
  std::vector<int64_t> starts_, ends_;
  std::vector<double> watts_, cum_;
};

struct RunSpec {
  std::vector<LayerSpec> layers;
  int64_t iterations = 100;
  int64_t t0_ns = 1'000'000'000;
  double duration_jitter = 0.0;  // each layer's duration varies by +-this fraction
  int64_t max_gap_ns = 0;        // random gap between iterations, uniform in [0, max]
  double gap_power_w = 60.0;     // power between iterations and outside the run
  uint32_t seed = 7;
};

struct SyntheticRun {
  LayerTimeline timeline;
  PowerProfile power{0.0};
};

inline SyntheticRun make_run(const RunSpec& spec) {
  SyntheticRun run;
  run.power = PowerProfile(spec.gap_power_w);
  std::mt19937_64 rng(spec.seed);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::uniform_int_distribution<int64_t> gap(0, spec.max_gap_ns);
  for (size_t l = 0; l < spec.layers.size(); ++l) {
    run.timeline.layer_names.push_back("layer" + std::to_string(l));
    run.timeline.layer_types.push_back("Conv");
  }
  int64_t t = spec.t0_ns;
  for (int64_t i = 0; i < spec.iterations; ++i) {
    IterationRecord it;
    it.start_ns = t;
    for (size_t l = 0; l < spec.layers.size(); ++l) {
      const auto& ls = spec.layers[l];
      const auto d = static_cast<int64_t>(static_cast<double>(ls.duration_ns) *
                                          (1.0 + spec.duration_jitter * unit(rng)));
      it.layers.push_back({static_cast<int32_t>(l), t, t + d});
      run.power.add(t, t + d, ls.power_w);
      t += d;
    }
    it.end_ns = t;
    run.timeline.iterations.push_back(it);
    t += gap(rng);
  }
  return run;
}

struct SensorSpec {
  int64_t period_ns = 100'000'000;
  int64_t poll_ns = 20'000;  // edge timing error must be tens of us for 1 % layers
  int64_t phase_ns = 37'000'000;
  bool energy = true;       // cumulative energy; false: mean power over the last period
  bool poll_jitter = true;  // polls drift against the updates, as a real poller's do
  // A poller descheduled as on a busy CPU: before each poll, with this probability, a stall
  // uniform in [0, max_stall_ns] (no reads meanwhile).
  double stall_probability = 0.0;
  int64_t max_stall_ns = 0;
  // Readings exact at the read (a meter log, power integrated by the reader): the energy at the
  // poll itself, not at the last update.
  bool at_read = false;
  uint32_t seed = 5;
};

inline SensorSample reading(const PowerProfile& p, const SensorSpec& s, int64_t t, int64_t update) {
  SensorSample sample;
  sample.t_ns = t;
  if (s.energy) {
    sample.energy_j = p.energy_at(update);
  } else {
    sample.power_w = (p.energy_at(update) - p.energy_at(update - s.period_ns)) * 1e9 /
                     static_cast<double>(s.period_ns);
  }
  return sample;
}

// Polls the sensor from `from` to `to`; it publishes a new value at phase + k * period. With
// polls faster than updates, only the poll before and the poll after each update are kept (what
// a poller that stores changes records), the poll grid at a random phase to each update.
inline SensorTrace sample_sensor(const PowerProfile& p, const SensorSpec& s, int64_t from,
                                 int64_t to) {
  SensorTrace trace;
  trace.source = "synthetic";
  trace.domain = "board";
  trace.provenance = s.energy ? Provenance::EnergyCounter : Provenance::IntegratedPower;
  trace.reading_time = s.at_read ? ReadingTime::AtRead : ReadingTime::AtLastUpdate;
  trace.update_period_ns = s.period_ns;
  auto update_at_or_before = [&](int64_t t) {
    const int64_t d = t - s.phase_ns;
    const int64_t k = d >= 0 ? d / s.period_ns : -((-d + s.period_ns - 1) / s.period_ns);
    return s.phase_ns + k * s.period_ns;
  };
  if (s.at_read || s.stall_probability > 0.0) {  // every poll, stalls included
    std::mt19937_64 rng(s.seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<int64_t> stall(0, s.max_stall_ns);
    for (int64_t t = from; t <= to; t += s.poll_ns) {
      if (unit(rng) < s.stall_probability) t += stall(rng);
      trace.samples.push_back(reading(p, s, t, s.at_read ? t : update_at_or_before(t)));
    }
    return trace;
  }
  if (s.poll_ns >= s.period_ns) {
    for (int64_t t = from; t <= to; t += s.poll_ns)
      trace.samples.push_back(reading(p, s, t, update_at_or_before(t)));
    return trace;
  }
  std::mt19937_64 rng(s.seed);
  std::uniform_int_distribution<int64_t> phase(1, s.poll_ns);
  for (int64_t u = update_at_or_before(from) + s.period_ns; u <= to; u += s.period_ns) {
    const int64_t before = u - (s.poll_jitter ? phase(rng) : s.poll_ns);
    trace.samples.push_back(reading(p, s, before, u - s.period_ns));
    trace.samples.push_back(reading(p, s, before + s.poll_ns, u));
  }
  return trace;
}

}  // namespace synergy::testing
