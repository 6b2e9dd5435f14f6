#include "measure/synthetic/synthetic_source.hpp"

#include <cmath>
#include <limits>

#include "measure/source_options.hpp"
#include "util/error.hpp"

namespace synergy {

namespace {
constexpr int kSimpsonSteps = 256;  // per update period (even)
}

SyntheticSource::SyntheticSource(SyntheticConfig config) : config_(std::move(config)) {
  if (!config_.power_w) throw bad_input("synthetic source: no power function");
  if (config_.update_period_ns <= 0) throw bad_input("synthetic source: update period must be > 0");
  config_.clock = clock_or_default(config_.clock);
  if (config_.start_ns < 0) config_.start_ns = config_.clock();
}

std::vector<Domain> SyntheticSource::domains() const {
  // A counter steps at update edges; integrated power is exact at each read.
  return {{config_.domain, "synthetic power function", true, config_.provenance,
           config_.provenance == Provenance::EnergyCounter ? ReadingTime::AtLastUpdate
                                                           : ReadingTime::AtRead}};
}

int64_t SyntheticSource::last_edge_ns(int64_t t_ns) const {
  int64_t since = t_ns - config_.start_ns;
  if (since < 0) return config_.start_ns;
  return config_.start_ns + since / config_.update_period_ns * config_.update_period_ns;
}

double SyntheticSource::simpson(double a_s, double b_s) const {
  double h = (b_s - a_s) / kSimpsonSteps;
  double sum = config_.power_w(a_s) + config_.power_w(b_s);
  for (int k = 1; k < kSimpsonSteps; ++k) sum += config_.power_w(a_s + k * h) * (k % 2 ? 4 : 2);
  return sum * h / 3;
}

double SyntheticSource::edge_s(int64_t k) const {
  return static_cast<double>(k * config_.update_period_ns) * 1e-9;
}

double SyntheticSource::energy_at_edge(int64_t k) {
  if (k == last_.k) return last_.e_j;
  if (k == previous_.k) return previous_.e_j;
  if (k < last_.k) last_ = previous_ = EdgeEnergy{};  // going back: start over
  while (last_.k < k) {
    previous_ = last_;
    last_ = {last_.k + 1, last_.e_j + simpson(edge_s(last_.k), edge_s(last_.k + 1))};
  }
  return last_.e_j;
}

double SyntheticSource::exact_energy_j(int64_t t_ns) {
  double t_s = static_cast<double>(t_ns - config_.start_ns) * 1e-9;
  if (config_.energy_j) return config_.energy_j(t_s);
  if (t_ns <= config_.start_ns) return 0;
  int64_t k = (t_ns - config_.start_ns) / config_.update_period_ns;
  return energy_at_edge(k) + simpson(edge_s(k), t_s);
}

EnergyReading SyntheticSource::read() {
  EnergyReading r;
  r.t_ns = config_.clock();
  r.valid = {true};
  r.errors = {""};
  int64_t edge = last_edge_ns(r.t_ns);
  double edge_s = static_cast<double>(edge - config_.start_ns) * 1e-9;
  if (config_.fails && config_.fails(r.t_ns)) {
    r.valid[0] = false;
    r.errors[0] = "synthetic sensor failure";
    r.energy_j = {std::numeric_limits<double>::quiet_NaN()};
    r.power_w = {std::numeric_limits<double>::quiet_NaN()};
    return r;
  }
  if (config_.provenance == Provenance::EnergyCounter) {
    double period_s = static_cast<double>(config_.update_period_ns) * 1e-9;
    bool first = edge == config_.start_ns;
    double e_before = first ? 0.0 : exact_energy_j(edge - config_.update_period_ns);
    double e = exact_energy_j(edge);
    double p = first ? config_.power_w(0) : (e - e_before) / period_s;
    r.energy_j = {e};
    r.power_w = {p};
    return r;
  }
  double p = config_.power_w(edge_s);
  r.power_w = {p};
  r.energy_j = {integrator_.add(r.t_ns, p)};
  return r;
}

}  // namespace synergy
