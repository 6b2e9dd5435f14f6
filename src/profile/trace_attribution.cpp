// `trace`: each sensor interval's energy is the sum over layers of (layer power x time the layer
// ran inside the interval), plus the power outside layers x the rest of the interval. Solved for
// the powers by non-negative least squares over every interval of the run.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "profile/attribution.hpp"
#include "util/error.hpp"
#include "util/nnls.hpp"
#include "util/text.hpp"

namespace synergy {

namespace {

// Layers below this share of the run are not solved for: their columns would be all noise. Their
// time counts as time outside layers.
constexpr double kMinShare = 0.001;

// The uncertainty is a delete-a-block jackknife over up to this many consecutive blocks of
// intervals: a sensor's errors are not independent from one interval to the next (an edge read
// late moves energy from one interval into its neighbour), so the least-squares standard error,
// which assumes they are, is too narrow. Neighbours are all that share an error, so short blocks
// do; many of them keep the spread itself steady (with 14 blocks of 14 intervals, 1.7 % of
// layers under load missed by more than twice their stated 95 % half-width).
constexpr size_t kBlocks = 50;
constexpr size_t kBlockRows = 4;  // intervals in a block, at least
constexpr size_t kMinBlocks = 5;

std::vector<SensorInterval> intervals_during(const std::vector<SensorInterval>& all, int64_t from,
                                             int64_t to) {
  std::vector<SensorInterval> out;
  for (const auto& iv : all)
    if (iv.end_ns > from && iv.start_ns < to) out.push_back(iv);
  return out;
}

// Each interval is one row: the seconds each solved layer ran inside it, and in the last column
// the rest of the interval (outside layers, or in layers too short to solve for). The rows are
// kept in consecutive blocks for the jackknife.
struct OverlapSystem {
  NormalEquations equations;
  std::vector<NormalEquations> blocks;
  std::vector<int64_t> rows_with_layer;  // per layer: intervals it overlaps
};

OverlapSystem overlap_system(const std::vector<SensorInterval>& intervals,
                             const std::vector<LayerSpan>& spans, size_t layers,
                             const std::vector<bool>& solved) {
  const auto unknowns = static_cast<Eigen::Index>(layers + 1);
  OverlapSystem sys{NormalEquations(unknowns), {}, std::vector<int64_t>(layers, 0)};
  const size_t blocks = std::clamp<size_t>(intervals.size() / kBlockRows, 1, kBlocks);
  sys.blocks.assign(blocks, NormalEquations(unknowns));
  size_t k = 0;
  std::vector<double> seconds(layers, 0.0);
  std::vector<size_t> touched;
  std::vector<std::pair<Eigen::Index, double>> row;
  for (const auto& iv : intervals) {
    // Each layer's time inside the interval as expected from where its edges could lie: taking
    // them at their located point instead makes the error of the located edge part of the
    // regressors, which biases the least squares by which layer tends to run at an edge.
    const int64_t from = iv.start_ns - iv.start_spread_ns;
    const int64_t to = iv.end_ns + iv.end_spread_ns;
    const auto first = static_cast<size_t>(
        std::partition_point(spans.begin(), spans.end(),
                             [&](const LayerSpan& s) { return s.end_ns <= from; }) -
        spans.begin());
    double covered = 0.0;
    for (size_t j = first; j < spans.size() && spans[j].start_ns < to; ++j) {
      const auto l = static_cast<size_t>(spans[j].layer);
      if (!solved[l]) continue;  // an unsolved layer counts as outside layers
      const double sec = iv.expected_overlap_s(spans[j].start_ns, spans[j].end_ns);
      if (sec <= 0.0) continue;
      if (seconds[l] == 0.0) touched.push_back(l);
      seconds[l] += sec;
      covered += sec;
    }
    row.clear();
    for (size_t l : touched) {
      row.emplace_back(static_cast<Eigen::Index>(l), seconds[l]);
      ++sys.rows_with_layer[l];
      seconds[l] = 0.0;
    }
    touched.clear();
    const double rest = static_cast<double>(iv.duration_ns()) * 1e-9 - covered;
    if (rest > 0.0) row.emplace_back(static_cast<Eigen::Index>(layers), rest);
    sys.blocks[k++ * blocks / intervals.size()].add_row(row, iv.energy_j);
  }
  for (const auto& b : sys.blocks) sys.equations += b;
  return sys;
}

// Jackknife standard deviation of solutions, one per left-out block.
Eigen::VectorXd jackknife_spread(const std::vector<Eigen::VectorXd>& x) {
  const auto g = static_cast<double>(x.size());
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(x.front().size());
  for (const auto& xi : x) mean += xi / g;
  Eigen::VectorXd var = Eigen::VectorXd::Zero(mean.size());
  for (const auto& xi : x) var += (xi - mean).cwiseAbs2();
  return (var * (g - 1.0) / g).cwiseSqrt();
}

// Jackknife standard error of each unknown from the solutions without one block each; infinite
// with too few intervals for five blocks of twice as many rows as unknowns. A power the data
// put near zero is held at the bound in most non-negative solutions, whose spread then says
// nothing of how little the data know it (a 0 W +- 5 W estimate of a 50 W layer): the spread of
// the unconstrained solutions is taken where it is wider. (A column of no rows, a layer not
// solved for, gets a zero pivot, which Eigen's LDLT solves as 0.)
Eigen::VectorXd jackknife_stddev(const OverlapSystem& sys) {
  if (sys.blocks.size() < kMinBlocks)
    return Eigen::VectorXd::Constant(sys.equations.unknowns(), INFINITY);
  std::vector<Eigen::VectorXd> bounded, free;
  for (const auto& b : sys.blocks) {
    const NormalEquations rest = sys.equations.without(b);
    bounded.push_back(solve_nnls(rest).x);
    free.push_back(rest.gram().ldlt().solve(rest.rhs()));
  }
  return jackknife_spread(bounded).cwiseMax(jackknife_spread(free));
}

std::string fmt_share(double share) {
  return format_number("%.3f %%", share * 100.0);
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
    out.uncertainty_kind =
        "95 % confidence half-width of the least-squares estimate (delete-a-block jackknife "
        "over consecutive sensor intervals, Student t)";
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
    const OverlapSystem sys = overlap_system(intervals, tl.all_spans(), n, solved);
    const NnlsSolution sol = solve_nnls(sys.equations);
    if (!sol.converged) out.warnings.push_back("least-squares solver did not converge");
    out.outside_layers_power_w = sol.x(static_cast<Eigen::Index>(n));
    const Eigen::VectorXd stddev = jackknife_stddev(sys);
    const double t975 =
        student_t_975(std::max<int64_t>(static_cast<int64_t>(sys.blocks.size()) - 1, 1));

    for (size_t l = 0; l < n; ++l) {
      LayerAttribution la;
      la.layer = static_cast<int32_t>(l);
      la.time_ns = summarize(times[l]);
      la.samples = sys.rows_with_layer[l];
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
      la.measured = la.estimated = true;
      la.power_w = sol.x(static_cast<Eigen::Index>(l));
      la.power_uncertainty_w = t975 * stddev(static_cast<Eigen::Index>(l));
      la.energy_j = la.power_w * la.time_ns.mean * 1e-9;
      la.energy_uncertainty_j = la.power_uncertainty_w * la.time_ns.mean * 1e-9;
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
