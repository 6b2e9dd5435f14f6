#include "measure/trace/trace_source.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>

#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy {

namespace {

constexpr int64_t kMs = 1'000'000;
constexpr int64_t kStallNs = 3'000 * kMs;   // a log not grown for this long has stopped
constexpr int64_t kMaxLagNs = 5'000 * kMs;  // the most a meter's log may trail the present
constexpr double kSureCorrelation = 0.8;    // a match taken before every offset could be tried

std::string seconds(int64_t t_ns) {
  return format_number("%.3f s", static_cast<double>(t_ns) * 1e-9);
}

int64_t file_size(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : -1;
}

// How long ago the file last changed (0 when unknown).
int64_t file_age_ns(const std::string& path) {
  struct stat st {};
  timespec now{};
  if (stat(path.c_str(), &st) != 0 || clock_gettime(CLOCK_REALTIME, &now) != 0) return 0;
  return std::max<int64_t>(
      0, (now.tv_sec - st.st_mtim.tv_sec) * 1'000'000'000LL + (now.tv_nsec - st.st_mtim.tv_nsec));
}

// The file's complete lines: a meter may be halfway through writing the last one.
std::string complete_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw bad_input("cannot open trace file " + path);
  std::stringstream all;
  all << in.rdbuf();
  std::string text = all.str();
  const size_t end = text.rfind('\n');
  return end == std::string::npos ? std::string() : text.substr(0, end + 1);
}

TraceData parse_text(const std::string& text, const std::string& origin) {
  std::istringstream in(text);
  return parse_trace(in, origin);
}

std::shared_ptr<const ScreenedLog> screen(TraceData data, double ceiling_w,
                                          const std::string& origin) {
  auto log = std::make_shared<ScreenedLog>();
  log->faults = screen_trace(data, ceiling_w, origin);
  if (data.t_ns.size() < 2)
    throw bad_input("meter log " + origin + ": fewer than two plausible samples");
  log->period_ns = median_spacing(data.t_ns);
  for (const TraceColumn& c : data.columns) {
    std::vector<double> e(data.t_ns.size(), 0.0);
    for (size_t i = 1; i < e.size(); ++i) {
      const double dt = static_cast<double>(data.t_ns[i] - data.t_ns[i - 1]) * 1e-9;
      e[i] = c.is_power ? e[i - 1] + 0.5 * (c.values[i] + c.values[i - 1]) * dt
                        : c.values[i] - c.values[0];
    }
    log->cumulative.push_back(std::move(e));
  }
  log->data = std::move(data);
  return log;
}

}  // namespace

long ScreenedLog::interval(int64_t t) const {
  const auto& ts = data.t_ns;
  if (t < ts.front() || t > ts.back()) return -1;
  auto it = std::upper_bound(ts.begin(), ts.end(), t);
  const long i = static_cast<long>(it - ts.begin()) - 1;
  return std::min(i, static_cast<long>(ts.size()) - 2);
}

bool ScreenedLog::energy_at(size_t column, int64_t t, double& energy_j) const {
  const long i = interval(t);
  if (i < 0) return false;
  const TraceColumn& c = data.columns[column];
  const auto& ts = data.t_ns;
  const double span = static_cast<double>(ts[i + 1] - ts[i]) * 1e-9;
  const double dt = static_cast<double>(t - ts[i]) * 1e-9;
  const double e0 = cumulative[column][i];
  const double e1 = cumulative[column][i + 1];
  if (!c.is_power) {
    energy_j = e0 + (e1 - e0) * dt / span;
    return true;
  }
  const double p0 = c.values[i];
  const double slope = (c.values[i + 1] - p0) / span;
  energy_j = e0 + p0 * dt + 0.5 * slope * dt * dt;  // exact for power linear between samples
  return true;
}

bool ScreenedLog::power_at(size_t column, int64_t t, double& power_w) const {
  const long i = interval(t);
  const TraceColumn& c = data.columns[column];
  if (i < 0 || !c.is_power) return false;
  const auto& ts = data.t_ns;
  const double f = static_cast<double>(t - ts[i]) / static_cast<double>(ts[i + 1] - ts[i]);
  power_w = c.values[i] + (c.values[i + 1] - c.values[i]) * f;
  return true;
}

TraceSource::TraceSource(TraceData data, std::string origin, const SourceOptions& options)
    : origin_(std::move(origin)),
      offset_ns_(options.trace_clock_offset_ns),
      align_(options.trace_clock_auto),
      ceiling_w_(options.max_power_w),
      log_(screen(std::move(data), options.max_power_w, origin_)),
      clock_(clock_or_default(options.clock)) {}

std::unique_ptr<TraceSource> TraceSource::load(const std::string& path,
                                               const SourceOptions& options) {
  std::string text = complete_lines(path);
  // A meter that has just started may not have written two rows yet.
  for (const int64_t waited = now_ns();
       std::count(text.begin(), text.end(), '\n') < 3 && file_age_ns(path) < kStallNs &&
       now_ns() - waited < kStallNs;
       text = complete_lines(path))
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto source = std::make_unique<TraceSource>(parse_text(text, path), path, options);
  source->path_ = path;
  source->file_size_ = static_cast<int64_t>(text.size());
  source->grew_at_ = now_ns() - file_age_ns(path);
  source->refreshed_at_ = now_ns();
  if (source->align_) return source;  // the clock is found from load patterns
  // A log must reach the present, or grow to it: a profile starts now.
  const int64_t now = source->clock_();
  if (now >= source->begin_ns() && (now < source->end_ns() || source->await(now))) return source;
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "meter log %s covers %.3f s to %.3f s of CLOCK_MONOTONIC (offset applied: "
                "%.3f s), but the profile starts at %.3f s: record the log during the run, set "
                "--trace-offset, or --trace-offset auto to find it from a load pattern",
                path.c_str(), static_cast<double>(source->begin_ns()) * 1e-9,
                static_cast<double>(source->end_ns()) * 1e-9,
                static_cast<double>(options.trace_clock_offset_ns) * 1e-9,
                static_cast<double>(now) * 1e-9);
  throw bad_input(buf);
}

std::shared_ptr<const ScreenedLog> TraceSource::log() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return log_;
}

bool TraceSource::refresh(int64_t min_gap_ns) {
  const int64_t now = now_ns();
  if (path_.empty() || now - refreshed_at_ < min_gap_ns) return false;
  refreshed_at_ = now;
  const int64_t size = file_size(path_);
  if (size < 0 || size == file_size_) return false;
  file_size_ = size;
  grew_at_ = now;
  try {
    auto fresh = screen(parse_text(complete_lines(path_), path_), ceiling_w_, origin_);
    std::lock_guard<std::mutex> lock(mutex_);
    log_ = std::move(fresh);
  } catch (const Error& e) {
    refresh_error_ = e.what();
    return false;
  }
  return true;
}

std::vector<Domain> TraceSource::domains() const {
  std::vector<Domain> out;
  for (const TraceColumn& c : log()->data.columns) {
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
  for (const TraceColumn& c : log()->data.columns)
    if (c.is_power) return Provenance::IntegratedPower;
  return Provenance::EnergyCounter;
}

bool TraceSource::energy_at(size_t domain, int64_t t_ns, double& energy_j) const {
  return log()->energy_at(domain, t_ns - offset_ns_, energy_j);
}

bool TraceSource::power_at(size_t domain, int64_t t_ns, double& power_w) const {
  return log()->power_at(domain, t_ns - offset_ns_, power_w);
}

EnergyReading TraceSource::answer(const ScreenedLog& log, int64_t t_ns) const {
  const size_t n = log.data.columns.size();
  EnergyReading r;
  r.t_ns = t_ns;
  r.energy_j.assign(n, std::numeric_limits<double>::quiet_NaN());
  r.power_w.assign(n, std::numeric_limits<double>::quiet_NaN());
  r.valid.assign(n, true);
  r.errors.assign(n, std::string());
  r.faults.assign(n, ReadFault::None);
  const int64_t t = t_ns - offset_ns_;
  const long at = log.interval(t);
  for (size_t i = 0; i < n; ++i) {
    if (!log.energy_at(i, t, r.energy_j[i])) {
      r.valid[i] = false;
      r.errors[i] = "time outside the trace " + origin_ + " (check the clock offset)";
      r.faults[i] = ReadFault::Gap;
      continue;
    }
    const IntervalFault& f = log.faults[static_cast<size_t>(at)];
    if (f.fault != ReadFault::None) {
      r.valid[i] = false;
      r.errors[i] = f.why;
      r.faults[i] = f.fault;
      r.energy_j[i] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    log.power_at(i, t, r.power_w[i]);
  }
  return r;
}

EnergyReading TraceSource::read() {
  return answer(*log(), clock_());
}

bool TraceSource::await(int64_t t_ns) {
  for (;;) {
    refresh(0);
    if (end_ns() >= t_ns) return true;
    if (path_.empty() || now_ns() - grew_at_ >= kStallNs) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void TraceSource::settle(std::vector<EnergyReading>& readings) {
  refresh(100 * kMs);
  const auto current = log();
  for (EnergyReading& r : readings)
    if (std::find(r.faults.begin(), r.faults.end(), ReadFault::Gap) != r.faults.end())
      r = answer(*current, r.t_ns);
}

int64_t TraceSource::pattern_chip_ns() const {
  return std::max<int64_t>(50 * kMs, 10 * log()->period_ns);
}

int64_t TraceSource::log_end_now() {
  refresh(0);
  return log()->data.t_ns.back();
}

ClockAlignment TraceSource::align(size_t domain, const LoadPattern& played, int64_t log_end) {
  // The log's last row at the pattern's start was measured no later than then, and no earlier
  // than the most a log may trail: that bounds the offset.
  const int64_t hi = played.start_ns - log_end;
  const int64_t lo = hi - kMaxLagNs;
  ClockAlignment best;
  bool first = true;
  for (;;) {
    const bool grew = refresh(0);
    const auto current = log();
    const int64_t covered_from = played.end_ns - current->data.t_ns.back();
    if (grew || first) {
      auto mean_power = [&](int64_t from, int64_t to, double& watts) {
        double e0 = 0.0, e1 = 0.0;
        const long a = current->interval(from), b = current->interval(to);
        if (a < 0 || b < 0 || !current->energy_at(domain, from, e0) ||
            !current->energy_at(domain, to, e1))
          return false;
        for (long i = a; i <= b; ++i)
          if (current->faults[static_cast<size_t>(i)].fault != ReadFault::None) return false;
        watts = (e1 - e0) / (static_cast<double>(to - from) * 1e-9);
        return true;
      };
      best = best_clock_offset(mean_power, played, std::max(lo, covered_from), hi);
      first = false;
    }
    // A strong peak is taken early once the log reaches a chip past it (offsets a fraction of
    // a chip off still correlate well: the true one may lie where the log has yet to reach).
    const bool all_tried = covered_from <= lo;
    const bool settled = best.correlation >= kSureCorrelation &&
                         best.offset_ns - std::max(lo, covered_from) >= played.chip_ns;
    if (clear_match(best) && (settled || all_tried)) break;
    if (all_tried || now_ns() - grew_at_ >= kStallNs) {
      const std::string why =
          all_tried ? "every offset within " + seconds(kMaxLagNs) + " of its end tried"
                    : "the log stopped growing at " + seconds(current->data.t_ns.back()) +
                          " of its clock";
      const std::string found =
          best.correlation > 0.0
              ? format_number("best correlation %.2f", best.correlation) +
                    format_number(" at offset %+.6f s",
                                  static_cast<double>(best.offset_ns) * 1e-9) +
                    format_number(", runner-up %.2f", best.runner_up) +
                    format_number("; %.2f and a runner-up under ", kMinCorrelation) +
                    format_number("%.0f %% of it needed", 100.0 * kRunnerUpShare)
              : "no offset could be tried";
      throw bad_input("meter log " + path_ + " does not show the load pattern played from " +
                      seconds(played.start_ns) + " to " + seconds(played.end_ns) +
                      " of CLOCK_MONOTONIC (" + why + "; " + found +
                      "): the meter must measure this machine, whose power must follow its CPU "
                      "load, and write its log while the profile runs; or set --trace-offset");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // The first pattern sets the offset every reading uses; a later one only measures drift.
  if (alignments_.empty()) offset_ns_ = best.offset_ns;
  alignments_.push_back({played.start_ns, best});
  return best;
}

ContextFacts TraceSource::context() {
  ContextFacts facts;
  if (!refresh_error_.empty())
    facts.emplace_back("meter log unreadable as it grew",
                       refresh_error_ + " (rows after it unused)");
  if (alignments_.empty()) return facts;
  const auto& [t0, first] = alignments_.front();
  facts.emplace_back("meter clock offset",
                     format_number("%+.6f s", static_cast<double>(first.offset_ns) * 1e-9) +
                         " (found from a load pattern, correlation " +
                         format_number("%.3f", first.correlation) + ")");
  if (alignments_.size() > 1) {
    const auto& [t1, last] = alignments_.back();
    facts.emplace_back(
        "meter clock drift",
        format_number("%+.3f ms", static_cast<double>(last.offset_ns - first.offset_ns) * 1e-6) +
            " over " + seconds(t1 - t0) + " (second load pattern, correlation " +
            format_number("%.3f", last.correlation) + ")");
  }
  return facts;
}

}  // namespace synergy
