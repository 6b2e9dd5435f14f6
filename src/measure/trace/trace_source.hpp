// An external meter's log (see trace_format.hpp) as an energy source: a read answers from the
// log at the read's own instant. A log still being written is read again as it grows (a read
// past its end is a gap until settled), and its clock offset may be found from a load pattern.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "measure/energy_source.hpp"
#include "measure/source_options.hpp"
#include "measure/trace/live_log.hpp"
#include "measure/trace/trace_format.hpp"
#include "measure/trace/trace_screen.hpp"

namespace synergy {

// A log, screened, with each column's cumulative energy at every row.
struct ScreenedLog {
  TraceData data;
  std::vector<IntervalFault> faults;            // per log interval: a row removed, or a gap
  std::vector<std::vector<double>> cumulative;  // per column, at each row
  int64_t period_ns = 0;                        // median row spacing
  // Cumulative energy of a column at the log's own time t; false outside the log.
  bool energy_at(size_t column, int64_t t, double& energy_j) const;
  bool power_at(size_t column, int64_t t, double& power_w) const;
  // Index i with t[i] <= t < t[i+1] (the last interval for t == end), -1 outside.
  long interval(int64_t t) const;
};

class TraceSource : public EnergySource, public LiveLog {
 public:
  TraceSource(TraceData data, std::string origin, const SourceOptions& options);
  // Throws synergy::Error (bad input) for a missing or malformed file, or one that does not
  // reach the present (with a given offset) and stops growing.
  static std::unique_ptr<TraceSource> load(const std::string& path, const SourceOptions& options);

  std::string name() const override { return "trace"; }
  Availability availability() const override { return {true, ""}; }
  std::vector<Domain> domains() const override;
  Provenance provenance() const override;
  int64_t declared_update_period_ns() const override { return log()->period_ns; }
  double power_ceiling_w() const override { return ceiling_w_; }
  EnergyReading read() override;
  ContextFacts context() override;
  LiveLog* live_log() override { return path_.empty() ? nullptr : this; }

  bool await(int64_t t_ns) override;
  void settle(std::vector<EnergyReading>& readings) override;
  bool needs_alignment() const override { return align_ && alignments_.empty(); }
  int64_t pattern_chip_ns() const override;
  int64_t log_end_now() override;
  ClockAlignment align(size_t domain, const LoadPattern& played, int64_t log_end) override;

  // Cumulative energy (J) of a domain from the log's first row to monotonic time t_ns; false
  // outside the log's span.
  bool energy_at(size_t domain, int64_t t_ns, double& energy_j) const;
  bool power_at(size_t domain, int64_t t_ns, double& power_w) const;
  int64_t offset_ns() const { return offset_ns_; }  // the clock offset in use
  int64_t begin_ns() const { return log()->data.t_ns.front() + offset_ns_; }
  int64_t end_ns() const { return log()->data.t_ns.back() + offset_ns_; }

 private:
  std::shared_ptr<const ScreenedLog> log() const;
  // Reads the file again when it grew (at most every `min_gap_ns`); true when it did.
  bool refresh(int64_t min_gap_ns);
  EnergyReading answer(const ScreenedLog& log, int64_t t_ns) const;

  std::string origin_;
  std::string path_;  // "" when the log was given in memory: it cannot grow
  std::atomic<int64_t> offset_ns_{0};
  bool align_ = false;  // the offset is to be found from load patterns
  double ceiling_w_ = 0.0;
  mutable std::mutex mutex_;
  std::shared_ptr<const ScreenedLog> log_;
  int64_t file_size_ = -1;
  int64_t refreshed_at_ = 0;  // monotonic, of the last look at the file
  int64_t grew_at_ = 0;       // monotonic, when the file last grew (or its age said so)
  std::string refresh_error_;
  std::vector<std::pair<int64_t, ClockAlignment>> alignments_;  // at each pattern's start
  std::function<int64_t()> clock_;
};

}  // namespace synergy
