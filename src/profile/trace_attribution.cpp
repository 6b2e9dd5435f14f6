// `trace`: each sensor interval's energy is the sum over layers of (layer power x time the layer
// ran inside the interval), plus the power outside layers x the rest of the interval. Solved for
// the powers by non-negative least squares over every interval of the run.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "profile/attribution.hpp"
#include "profile/nnls.hpp"
#include "util/error.hpp"

namespace synergy {

namespace {

// Layers below this share of the run are not solved for: their columns would be all noise. Their
// time counts as time outside layers.
constexpr double kMinShare = 0.001;

std::string fmt_share(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f %%", share * 100.0);
  return buf;
}

// Row k: seconds each layer overlaps interval k; the last column is the uncovered remainder.
Eigen::MatrixXd overlap_matrix(const std::vector<SensorInterval>& intervals,
                               const std::vector<LayerSpan>& spans, size_t layers,
                               const std::vector<bool>& solved) {
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(intervals.size()),
                                            static_cast<Eigen::Index>(layers + 1));
  size_t first = 0;
  for (size_t k = 0; k < intervals.size(); ++k) {
    const auto& iv = intervals[k];
    while (first < spans.size() && spans[first].end_ns <= iv.start_ns) ++first;
    double covered = 0.0;
    for (size_t j = first; j < spans.size() && spans[j].start_ns < iv.end_ns; ++j) {
      const int64_t lo = std::max(iv.start_ns, spans[j].start_ns);
      const int64_t hi = std::min(iv.end_ns, spans[j].end_ns);
      if (hi <= lo) continue;
      if (!solved[static_cast<size_t>(spans[j].layer)]) continue;  // counts as outside layers
      const double sec = static_cast<double>(hi - lo) * 1e-9;
      a(static_cast<Eigen::Index>(k), spans[j].layer) += sec;
      covered += sec;
    }
    const double length = static_cast<double>(iv.end_ns - iv.start_ns) * 1e-9;
    a(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(layers)) =
        std::max(0.0, length - covered);
  }
  return a;
}

std::vector<SensorInterval> intervals_during(const std::vector<SensorInterval>& all, int64_t from,
                                             int64_t to) {
  std::vector<SensorInterval> out;
  for (const auto& iv : all)
    if (iv.end_ns > from && iv.start_ns < to) out.push_back(iv);
  return out;
}

class TraceAttributor final : public Attributor {
 public:
  AttributionMethod method() const override { return AttributionMethod::Trace; }

  Attribution attribute(const AttributionInput& in) const override {
    if (!in.timeline || !in.sensor)
      throw bad_input("trace attribution needs a timeline and a sensor trace");
    validate_timeline(*in.timeline);
    const auto& tl = *in.timeline;
    const size_t n = tl.layer_count();
    const auto intervals =
        intervals_during(update_intervals(*in.sensor, in.edge_timing), tl.start_ns(), tl.end_ns());

    Attribution out;
    out.method = method();
    out.uncertainty_kind = "one standard error of the least-squares estimate";
    out.sensor_intervals = static_cast<int64_t>(intervals.size());
    out.observed_update_period_ns = observed_update_period_ns(intervals);
    if (intervals.size() < n + 2)
      throw bad_input("trace attribution: " + std::to_string(intervals.size()) +
                      " sensor intervals for " + std::to_string(n) +
                      " layers; run longer (many more intervals than layers are needed)");
    if (intervals.size() < 5 * (n + 1))
      out.warnings.push_back("only " + std::to_string(intervals.size()) + " sensor intervals for " +
                             std::to_string(n) + " layers: estimates are poorly constrained");

    const auto times = tl.layer_times_per_iteration();
    const double run_ns = static_cast<double>(tl.end_ns() - tl.start_ns());
    std::vector<double> share(n, 0.0);
    std::vector<bool> solved(n, false);
    for (size_t l = 0; l < n; ++l) {
      for (double t : times[l]) share[l] += t / run_ns;
      solved[l] = share[l] >= kMinShare;
    }
    const Eigen::MatrixXd a = overlap_matrix(intervals, tl.all_spans(), n, solved);
    Eigen::VectorXd b(static_cast<Eigen::Index>(intervals.size()));
    for (size_t k = 0; k < intervals.size(); ++k)
      b(static_cast<Eigen::Index>(k)) = intervals[k].energy_j;
    const NnlsSolution sol = solve_nnls(a, b);
    if (!sol.converged) out.warnings.push_back("least-squares solver did not converge");
    out.outside_layers_power_w = sol.x(static_cast<Eigen::Index>(n));

    for (size_t l = 0; l < n; ++l) {
      LayerAttribution la;
      la.layer = static_cast<int32_t>(l);
      la.time_ns = summarize(times[l]);
      const auto col = a.col(static_cast<Eigen::Index>(l));
      la.samples = (col.array() > 0).count();
      if (!solved[l]) {
        la.note = fmt_share(share[l]) + " of the run: too short to attribute";
        out.layers.push_back(la);
        continue;
      }
      if (la.samples == 0) {
        la.note = "layer never ran during the sensor intervals";
        out.layers.push_back(la);
        continue;
      }
      la.measured = true;
      la.power_w = sol.x(static_cast<Eigen::Index>(l));
      la.power_uncertainty_w = sol.stddev(static_cast<Eigen::Index>(l));
      la.energy_j = la.power_w * la.time_ns.mean * 1e-9;
      la.energy_uncertainty_j = la.power_uncertainty_w * la.time_ns.mean * 1e-9;
      if (share[l] < 0.01) la.note = "under 1 % of the run: estimate is uncertain";
      out.layers.push_back(la);
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Attributor> make_trace_attributor() {
  return std::make_unique<TraceAttributor>();
}

}  // namespace synergy
