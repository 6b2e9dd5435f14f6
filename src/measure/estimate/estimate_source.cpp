#include "measure/estimate/estimate_source.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <sstream>

#include "measure/common/power_integrator.hpp"
#include "measure/common/sysfs_file.hpp"

namespace synergy {

namespace {

constexpr double kDefaultIdleFraction = 0.3;

class EstimateSource : public EnergySource {
 public:
  explicit EstimateSource(const SourceOptions& o)
      : stat_path_(under_root(resolve_sysfs_root(o.sysfs_root), "/proc/stat")),
        tdp_w_(o.estimate_tdp_w),
        idle_w_(o.estimate_idle_w >= 0 ? o.estimate_idle_w
                                       : kDefaultIdleFraction * o.estimate_tdp_w),
        clock_(clock_or_default(o.clock)) {
    if (tdp_w_ <= 0) {
      availability_ = {false, "no TDP configured: give one as estimate:WATTS[:IDLE_WATTS]"};
    } else if (idle_w_ > tdp_w_) {
      availability_ = {false, "idle power exceeds the TDP"};
    } else if (!sample_utilisation().has_value()) {
      availability_ = {false, "cannot read CPU utilisation from " + stat_path_};
    } else {
      availability_ = {true, ""};
    }
  }

  std::string name() const override { return "estimate"; }
  Availability availability() const override { return availability_; }
  std::vector<Domain> domains() const override {
    return {{"cpu-estimate",
             "idle " + fmt_w(idle_w_) + " + (TDP " + fmt_w(tdp_w_) + " - idle) x utilisation", true,
             Provenance::ModelEstimate, ReadingTime::AtRead}};
  }
  Provenance provenance() const override { return Provenance::ModelEstimate; }
  int64_t declared_update_period_ns() const override { return 10'000'000; }  // one jiffy
  double power_ceiling_w() const override { return tdp_w_; }

  EnergyReading read() override {
    EnergyReading r;
    r.t_ns = clock_();
    r.valid = {true};
    r.errors = {""};
    r.power_w = {std::numeric_limits<double>::quiet_NaN()};
    std::optional<double> u = sample_utilisation();
    if (!u) {
      r.valid[0] = false;
      r.errors[0] = "cannot read CPU utilisation from " + stat_path_;
      r.energy_j = {std::numeric_limits<double>::quiet_NaN()};
      return r;
    }
    r.power_w[0] = idle_w_ + (tdp_w_ - idle_w_) * *u;
    r.energy_j = {integrator_.add(r.t_ns, r.power_w[0])};
    return r;
  }

 private:
  static std::string fmt_w(double w) {
    std::ostringstream s;
    s << w << " W";
    return s.str();
  }

  // Utilisation since the previous call (0 on the first call).
  std::optional<double> sample_utilisation() {
    FileText t = read_text_file(stat_path_);
    uint64_t busy = 0, total = 0;
    if (!t.ok || !parse_proc_stat(t.text, busy, total)) return std::nullopt;
    // /proc/stat moves in whole ticks: between ticks the utilisation of the last one holds.
    if (total == last_total_) return last_utilisation_;
    double u = 0;
    if (total > last_total_ && last_total_ != 0)
      u = static_cast<double>(busy - last_busy_) / static_cast<double>(total - last_total_);
    last_busy_ = busy;
    last_total_ = total;
    last_utilisation_ = std::clamp(u, 0.0, 1.0);
    return last_utilisation_;
  }

  std::string stat_path_;
  double tdp_w_;
  double idle_w_;
  std::function<int64_t()> clock_;
  Availability availability_;
  PowerIntegrator integrator_;
  uint64_t last_busy_ = 0;
  uint64_t last_total_ = 0;
  double last_utilisation_ = 0;
};

}  // namespace

bool parse_proc_stat(const std::string& text, uint64_t& busy, uint64_t& total) {
  std::istringstream in(text);
  std::string label;
  in >> label;
  if (label != "cpu") return false;
  uint64_t v[8] = {};
  for (auto& x : v)
    if (!(in >> x)) return false;
  // user nice system idle iowait irq softirq steal
  total = 0;
  for (uint64_t x : v) total += x;
  busy = total - v[3] - v[4];
  return true;
}

std::unique_ptr<EnergySource> make_estimate_source(const SourceOptions& options) {
  return std::make_unique<EstimateSource>(options);
}

}  // namespace synergy
