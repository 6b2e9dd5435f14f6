#include "measure/common/channel_source.hpp"

#include <cmath>
#include <limits>

#include "measure/common/sysfs_file.hpp"
#include "measure/source_options.hpp"

namespace synergy {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// An invalid domain's energy stays NaN: a failed read is never shown as a number.
void mark_invalid(EnergyReading& out, size_t i, std::string why, ReadFault fault) {
  out.valid[i] = false;
  out.errors[i] = std::move(why);
  out.faults[i] = fault;
}

double ceiling_w(const Channel& c) {
  return c.max_power_w > 0.0 ? c.max_power_w : kMaxPlausiblePowerW;
}

}  // namespace

ChannelSource::ChannelSource(ChannelSourceConfig config) : config_(std::move(config)) {
  config_.clock = clock_or_default(config_.clock);
  for (Channel& c : config_.channels)
    if (c.max_power_w <= 0.0) c.max_power_w = config_.max_power_w;
  for (const Channel& c : config_.channels)
    state_.push_back(State{CounterUnwrapper(c.max_raw, ceiling_w(c) / c.scale), {}, true});
  probe();
}

void ChannelSource::probe() {
  if (config_.channels.empty()) {
    availability_ = {false, config_.unavailable_reason};
    return;
  }
  // The first read also sets each counter's origin.
  EnergyReading first = read();
  std::string errors;
  for (size_t i = 0; i < first.valid.size(); ++i) {
    if (first.valid[i]) {
      availability_ = {true, ""};
      return;
    }
    errors += (errors.empty() ? "" : "; ") + first.errors[i];
  }
  availability_ = {false, config_.unavailable_reason.empty()
                              ? errors
                              : config_.unavailable_reason + " (" + errors + ")"};
}

std::vector<Domain> ChannelSource::domains() const {
  std::vector<Domain> d;
  for (const Channel& c : config_.channels) {
    d.push_back(c.domain);
    // Power and voltage x current are integrated here, between reads.
    if (c.kind != Channel::Kind::Energy) d.back().reading_time = ReadingTime::AtRead;
  }
  return d;
}

EnergyReading ChannelSource::read() {
  size_t n = config_.channels.size();
  EnergyReading r;
  r.t_ns = config_.clock();
  r.energy_j.assign(n, kNaN);
  r.power_w.assign(n, kNaN);
  r.valid.assign(n, true);
  r.errors.assign(n, std::string());
  r.faults.assign(n, ReadFault::None);
  for (size_t i = 0; i < n; ++i) read_channel(i, r.t_ns, r);
  return r;
}

void ChannelSource::read_channel(size_t i, int64_t t_ns, EnergyReading& out) {
  if (config_.channels[i].kind == Channel::Kind::Energy) {
    read_energy(i, t_ns, out);
  } else {
    read_power(i, t_ns, out);
  }
}

void ChannelSource::read_energy(size_t i, int64_t t_ns, EnergyReading& out) {
  const Channel& c = config_.channels[i];
  State& s = state_[i];
  FileInteger raw = read_integer_file(c.path);
  if (!raw.ok) {
    mark_invalid(out, i, raw.error, ReadFault::Unreadable);
    return;
  }
  if (raw.value < 0) {
    mark_invalid(out, i, c.path + ": negative energy " + std::to_string(raw.value),
                 ReadFault::Implausible);
    return;
  }
  CounterUnwrapper::Update u = s.unwrapper.update(static_cast<uint64_t>(raw.value), t_ns);
  if (!u.ok) {
    mark_invalid(out, i, c.path + ": " + u.error, ReadFault::Implausible);
    return;
  }
  if (u.restarted) {
    out.faults[i] = ReadFault::Restart;
    out.errors[i] = c.path + ": " + u.error;
  }
  out.energy_j[i] = static_cast<double>(s.unwrapper.total()) * c.scale;
}

void ChannelSource::read_power(size_t i, int64_t t_ns, EnergyReading& out) {
  const Channel& c = config_.channels[i];
  State& s = state_[i];
  FileInteger a = read_integer_file(c.path);
  double power = kNaN;
  std::string error = a.error;
  if (a.ok && c.kind == Channel::Kind::VoltageCurrent) {
    FileInteger b = read_integer_file(c.current_path);
    if (b.ok) {
      power = static_cast<double>(a.value) * static_cast<double>(b.value) * c.scale;
    } else {
      error = b.error;
    }
  } else if (a.ok) {
    power = static_cast<double>(a.value) * c.scale;
  }
  if (std::isnan(power)) {
    mark_invalid(out, i, error, ReadFault::Unreadable);
    s.continuous = false;
    return;
  }
  if (power < 0 || power > ceiling_w(c)) {
    mark_invalid(out, i,
                 c.path + ": implausible power " + std::to_string(power) + " W (ceiling " +
                     std::to_string(ceiling_w(c)) + " W)",
                 ReadFault::Implausible);
    s.continuous = false;
    return;
  }
  // Power between a failed read and the one before is unknown: the count goes on from here.
  if (!s.continuous) {
    out.faults[i] = ReadFault::Restart;
    out.errors[i] = c.path + ": first good reading after a failed one";
    s.continuous = true;
    s.integrator.restart(t_ns, power);
  }
  out.power_w[i] = power;
  out.energy_j[i] = s.integrator.add(t_ns, power);
}

}  // namespace synergy
