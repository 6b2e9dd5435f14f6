#include "measure/common/channel_source.hpp"

#include <cmath>
#include <limits>

#include "measure/common/sysfs_file.hpp"
#include "measure/source_options.hpp"

namespace synergy {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// An invalid domain's energy stays NaN: a failed read is never shown as a number.
void mark_invalid(EnergyReading& out, size_t i, std::string why) {
  out.valid[i] = false;
  out.errors[i] = std::move(why);
}

}  // namespace

ChannelSource::ChannelSource(ChannelSourceConfig config) : config_(std::move(config)) {
  config_.clock = clock_or_default(config_.clock);
  for (const Channel& c : config_.channels)
    state_.push_back(State{CounterUnwrapper(c.max_raw), {}});
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
  for (size_t i = 0; i < n; ++i) read_channel(i, r.t_ns, r);
  return r;
}

void ChannelSource::read_channel(size_t i, int64_t t_ns, EnergyReading& out) {
  if (config_.channels[i].kind == Channel::Kind::Energy) {
    read_energy(i, out);
  } else {
    read_power(i, t_ns, out);
  }
}

void ChannelSource::read_energy(size_t i, EnergyReading& out) {
  const Channel& c = config_.channels[i];
  State& s = state_[i];
  FileInteger raw = read_integer_file(c.path);
  if (raw.ok && raw.value < 0) {
    raw.ok = false;
    raw.error = c.path + ": negative energy " + std::to_string(raw.value);
  }
  if (raw.ok) {
    CounterUnwrapper::Update u = s.unwrapper.update(static_cast<uint64_t>(raw.value));
    if (!u.ok) raw = FileInteger{false, 0, c.path + ": " + u.error, 0};
  }
  if (!raw.ok) {
    mark_invalid(out, i, raw.error);
    return;
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
  if (!std::isnan(power) && (power < 0 || power > kMaxPlausiblePowerW)) {
    error = c.path + ": implausible power " + std::to_string(power) + " W";
    power = kNaN;
  }
  if (std::isnan(power)) {
    mark_invalid(out, i, error);
    return;
  }
  out.power_w[i] = power;
  out.energy_j[i] = s.integrator.add(t_ns, power);
}

}  // namespace synergy
