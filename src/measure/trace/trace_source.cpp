#include "measure/trace/trace_source.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>

#include "util/error.hpp"

namespace synergy {

namespace {

std::vector<double> cumulative_energy(const TraceData& d, const TraceColumn& c) {
  std::vector<double> e(d.t_ns.size(), 0.0);
  for (size_t i = 1; i < e.size(); ++i) {
    double dt = static_cast<double>(d.t_ns[i] - d.t_ns[i - 1]) * 1e-9;
    e[i] = c.is_power ? e[i - 1] + 0.5 * (c.values[i] + c.values[i - 1]) * dt
                      : c.values[i] - c.values[0];
  }
  return e;
}

}  // namespace

TraceSource::TraceSource(TraceData data, std::string origin, const SourceOptions& options)
    : data_(std::move(data)),
      origin_(std::move(origin)),
      offset_ns_(options.trace_clock_offset_ns),
      ceiling_w_(options.max_power_w),
      clock_(clock_or_default(options.clock)) {
  faults_ = screen_trace(data_, ceiling_w_, origin_);
  if (data_.t_ns.size() < 2)
    throw bad_input("meter log " + origin_ + ": fewer than two plausible samples");
  period_ns_ = median_spacing(data_.t_ns);
  for (const TraceColumn& c : data_.columns) cumulative_.push_back(cumulative_energy(data_, c));
}

std::unique_ptr<TraceSource> TraceSource::load(const std::string& path,
                                               const SourceOptions& options) {
  std::ifstream in(path);
  if (!in) throw bad_input("cannot open trace file " + path);
  auto source = std::make_unique<TraceSource>(parse_trace(in, path), path, options);
  // A log that does not reach the present cannot cover a profile that starts now.
  const int64_t now = source->clock_();
  if (now < source->begin_ns() || now >= source->end_ns()) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "meter log %s covers %.3f s to %.3f s of CLOCK_MONOTONIC (offset applied: "
                  "%.3f s), but the profile starts at %.3f s: record the log during the run, or "
                  "set --trace-offset",
                  path.c_str(), static_cast<double>(source->begin_ns()) * 1e-9,
                  static_cast<double>(source->end_ns()) * 1e-9,
                  static_cast<double>(options.trace_clock_offset_ns) * 1e-9,
                  static_cast<double>(now) * 1e-9);
    throw bad_input(buf);
  }
  return source;
}

std::vector<Domain> TraceSource::domains() const {
  std::vector<Domain> out;
  for (const TraceColumn& c : data_.columns) {
    Domain d;
    d.name = c.domain;
    d.description =
        "meter log " + origin_ + (c.is_power ? " (power samples)" : " (energy counter)");
    d.has_power = c.is_power;
    d.provenance = c.is_power ? Provenance::IntegratedPower : Provenance::EnergyCounter;
    d.reading_time = ReadingTime::AtRead;  // the log interpolated at the read's own instant
    out.push_back(d);
  }
  return out;
}

Provenance TraceSource::provenance() const {
  for (const TraceColumn& c : data_.columns)
    if (c.is_power) return Provenance::IntegratedPower;
  return Provenance::EnergyCounter;
}

long TraceSource::interval(int64_t trace_t) const {
  const auto& t = data_.t_ns;
  if (trace_t < t.front() || trace_t > t.back()) return -1;
  auto it = std::upper_bound(t.begin(), t.end(), trace_t);
  long i = static_cast<long>(it - t.begin()) - 1;
  return std::min(i, static_cast<long>(t.size()) - 2);
}

bool TraceSource::energy_at(size_t domain, int64_t t_ns, double& energy_j) const {
  int64_t tt = t_ns - offset_ns_;
  long i = interval(tt);
  if (i < 0) return false;
  const TraceColumn& c = data_.columns[domain];
  const auto& t = data_.t_ns;
  double span = static_cast<double>(t[i + 1] - t[i]) * 1e-9;
  double dt = static_cast<double>(tt - t[i]) * 1e-9;
  double e0 = cumulative_[domain][i];
  double e1 = cumulative_[domain][i + 1];
  if (!c.is_power) {
    energy_j = e0 + (e1 - e0) * dt / span;
    return true;
  }
  double p0 = c.values[i];
  double slope = (c.values[i + 1] - p0) / span;
  energy_j = e0 + p0 * dt + 0.5 * slope * dt * dt;  // exact for power linear between samples
  return true;
}

bool TraceSource::power_at(size_t domain, int64_t t_ns, double& power_w) const {
  int64_t tt = t_ns - offset_ns_;
  long i = interval(tt);
  const TraceColumn& c = data_.columns[domain];
  if (i < 0 || !c.is_power) return false;
  const auto& t = data_.t_ns;
  double f = static_cast<double>(tt - t[i]) / static_cast<double>(t[i + 1] - t[i]);
  power_w = c.values[i] + (c.values[i + 1] - c.values[i]) * f;
  return true;
}

EnergyReading TraceSource::read() {
  size_t n = data_.columns.size();
  EnergyReading r;
  r.t_ns = clock_();
  r.energy_j.assign(n, std::numeric_limits<double>::quiet_NaN());
  r.power_w.assign(n, std::numeric_limits<double>::quiet_NaN());
  r.valid.assign(n, true);
  r.errors.assign(n, std::string());
  r.faults.assign(n, ReadFault::None);
  const long at = interval(r.t_ns - offset_ns_);
  for (size_t i = 0; i < n; ++i) {
    if (!energy_at(i, r.t_ns, r.energy_j[i])) {
      r.valid[i] = false;
      r.errors[i] = "time outside the trace " + origin_ + " (check the clock offset)";
      r.faults[i] = ReadFault::Gap;
      continue;
    }
    if (at >= 0 && faults_[static_cast<size_t>(at)].fault != ReadFault::None) {
      r.valid[i] = false;
      r.errors[i] = faults_[static_cast<size_t>(at)].why;
      r.faults[i] = faults_[static_cast<size_t>(at)].fault;
      r.energy_j[i] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    power_at(i, r.t_ns, r.power_w[i]);
  }
  return r;
}

}  // namespace synergy
