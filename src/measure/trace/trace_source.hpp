// An external meter's log (see trace_format.hpp) as an energy source: reads at the current time
// answer from the log, and energy_at answers for any instant (profiles attributed after the run).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "measure/energy_source.hpp"
#include "measure/source_options.hpp"
#include "measure/trace/trace_format.hpp"
#include "measure/trace/trace_screen.hpp"

namespace synergy {

class TraceSource : public EnergySource {
 public:
  TraceSource(TraceData data, std::string origin, const SourceOptions& options);
  // Throws synergy::Error (bad input) for a missing or malformed file.
  static std::unique_ptr<TraceSource> load(const std::string& path, const SourceOptions& options);

  std::string name() const override { return "trace"; }
  Availability availability() const override { return {true, ""}; }
  std::vector<Domain> domains() const override;
  Provenance provenance() const override;
  int64_t declared_update_period_ns() const override { return period_ns_; }
  double power_ceiling_w() const override { return ceiling_w_; }
  EnergyReading read() override;

  // Cumulative energy (J) of a domain from the trace's first sample to monotonic time t_ns.
  // Returns false outside the trace's time span.
  bool energy_at(size_t domain, int64_t t_ns, double& energy_j) const;
  bool power_at(size_t domain, int64_t t_ns, double& power_w) const;
  int64_t begin_ns() const { return data_.t_ns.front() + offset_ns_; }
  int64_t end_ns() const { return data_.t_ns.back() + offset_ns_; }

 private:
  // Index i with t[i] <= t < t[i+1] (or the last interval's start for t == end), -1 outside.
  long interval(int64_t trace_t) const;

  TraceData data_;
  std::string origin_;
  int64_t offset_ns_ = 0;
  int64_t period_ns_ = 0;
  double ceiling_w_ = 0.0;                       // --max-power, 0 when not given
  std::vector<IntervalFault> faults_;            // per log interval: a row removed, or a gap
  std::vector<std::vector<double>> cumulative_;  // per column, at each sample
  std::function<int64_t()> clock_;
};

}  // namespace synergy
