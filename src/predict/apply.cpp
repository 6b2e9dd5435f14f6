// Applying a fitted model to feature rows.
#include <algorithm>
#include <cmath>

#include "predict/design.hpp"
#include "predict/model.hpp"
#include "util/error.hpp"
#include "util/student_t.hpp"
#include "util/text.hpp"

namespace synergy::predict {

namespace {

bool is_stage_target(const Model& m, const std::string& column) {
  return std::any_of(m.stages.begin(), m.stages.end(),
                     [&](const FittedStage& s) { return s.spec.target == column; });
}

// A layer is covered when the model was fitted on its type in every stage.
std::vector<bool> covered_rows(const Model& m, const Dataset& d) {
  std::vector<bool> covered(d.size(), true);
  if (m.spec.granularity != Granularity::Layer) return covered;
  for (size_t r = 0; r < d.size(); ++r) {
    const std::string& type = d.layer_type[r];
    bool seen = m.layer_types.empty() ||
                std::find(m.layer_types.begin(), m.layer_types.end(), type) != m.layer_types.end();
    for (const auto& s : m.stages) seen = seen && s.part_for(type) != nullptr;
    covered[r] = seen;
  }
  return covered;
}

void check_inputs(const Model& m, const Dataset& d, const std::vector<bool>& covered) {
  for (const auto& s : m.stages) {
    for (const auto& t : s.spec.terms) {
      for (const auto& c : t.columns()) {
        if (is_stage_target(m, c)) continue;
        const auto& col = d.column(c);
        for (size_t r = 0; r < d.size(); ++r)
          if (covered[r] && !std::isfinite(col[r]))
            throw bad_input(d.source + ": feature '" + c +
                            "' is blank or not finite for network '" + d.network[r] + "'");
      }
    }
  }
}

double dot(const std::vector<Coefficient>& c, const std::vector<double>& x) {
  double v = 0.0;
  for (size_t j = 0; j < x.size(); ++j) v += c[j].value * x[j];
  return v;
}

void run_stage(const FittedStage& s, Dataset& d, const std::vector<bool>& covered) {
  TermColumns tc(d, s.spec.terms);
  std::vector<double>& out = d.column(s.spec.target);
  for (size_t r = 0; r < d.size(); ++r) {
    if (!covered[r]) continue;
    out[r] = dot(s.part_for(d.layer_type[r])->coefficients, design_row(tc, r, s.spec.intercept));
  }
}

// Variance of a network's prediction from the final stage: per part, the summed design row
// through the coefficient covariance, plus one residual variance per row.
double final_stage_variance(const FittedStage& s, const Dataset& d, const std::vector<size_t>& rows,
                            int& dof) {
  TermColumns tc(d, s.spec.terms);
  double var = 0.0;
  for (const auto& part : s.parts) {
    const size_t k = part.coefficients.size();
    std::vector<double> xsum(k, 0.0);
    size_t n = 0;
    for (size_t r : rows) {
      if (s.part_for(d.layer_type[r]) != &part) continue;
      std::vector<double> x = design_row(tc, r, s.spec.intercept);
      for (size_t j = 0; j < k; ++j) xsum[j] += x[j];
      ++n;
    }
    if (n == 0) continue;
    dof = dof < 0 ? part.residual_dof : std::min(dof, part.residual_dof);
    // A term that is zero for these layers adds nothing, even where its variance is unknown.
    for (size_t i = 0; i < k; ++i)
      for (size_t j = 0; j < k; ++j)
        if (xsum[i] != 0.0 && xsum[j] != 0.0) var += xsum[i] * part.covariance[i * k + j] * xsum[j];
    var += static_cast<double>(n) * part.residual_std * part.residual_std;
  }
  return var;
}

// A network's feature totals outside what the model was trained on.
void check_range(const Model& m, const Dataset& d, const std::vector<size_t>& rows,
                 NetworkPrediction& p) {
  const auto networks = std::to_string(m.training_networks.size());
  for (const auto& range : m.feature_ranges) {
    if (!d.has(range.column)) continue;
    double total = 0.0;
    for (size_t r : rows) total += d.column(range.column)[r];
    const std::string what = "'" + range.column + "' is " + format_number("%.3g", total);
    if (total > range.max)
      p.warnings.push_back(what + ", above the largest of the " + networks +
                           " training networks (" + format_number("%.3g", range.max) +
                           "): the model extrapolates");
    else if (total < range.min)
      p.warnings.push_back(what + ", below the smallest of the " + networks +
                           " training networks (" + format_number("%.3g", range.min) +
                           "): the model extrapolates");
  }
}

// Shares of the network's layers and MACs that the model covers.
void measure_coverage(const Dataset& d, const std::vector<size_t>& rows,
                      const std::vector<bool>& covered, NetworkPrediction& p) {
  double layers = 0.0, macs = 0.0, covered_macs = 0.0;
  const std::vector<double>* mac_column = d.has("macs") ? &d.column("macs") : nullptr;
  for (size_t r : rows) {
    layers += covered[r] ? 1.0 : 0.0;
    if (!mac_column) continue;
    macs += (*mac_column)[r];
    covered_macs += covered[r] ? (*mac_column)[r] : 0.0;
  }
  p.covered_layers = rows.empty() ? 1.0 : layers / static_cast<double>(rows.size());
  p.covered_macs = !mac_column ? std::nan("") : macs > 0.0 ? covered_macs / macs : 1.0;
}

NetworkPrediction predict_one(const Model& m, const Dataset& d, const std::string& network,
                              const std::vector<bool>& covered) {
  NetworkPrediction p;
  p.network = network;
  std::vector<size_t> rows, all_rows;
  const auto& final_col = d.column(m.spec.target());
  for (size_t r = 0; r < d.size(); ++r) {
    if (d.network[r] != network) continue;
    all_rows.push_back(r);
    if (!covered[r]) {
      p.uncovered_layers.push_back(d.layer[r] + " (" + d.layer_type[r] + ")");
      continue;
    }
    rows.push_back(r);
    // Static power x the layer's (predicted) time belongs to the layer.
    const double layer =
        final_col[r] + (m.spec.static_power ? m.spec.static_power->watts *
                                                  d.column(m.spec.static_power->time_column)[r]
                                            : 0.0);
    p.value += layer;
    if (m.spec.granularity == Granularity::Layer)
      p.layers.push_back({d.layer[r], d.layer_type[r], layer});
  }
  int dof = -1;
  p.std_error = std::sqrt(final_stage_variance(m.stages.back(), d, rows, dof));
  p.residual_dof = std::max(dof, 0);
  measure_coverage(d, all_rows, covered, p);
  check_range(m, d, all_rows, p);
  if (p.value < 0.0)
    p.warnings.push_back("the model gives " + format_number("%.4g", p.value) + " for '" +
                         m.spec.target() + "', below zero: no prediction");
  return p;
}

}  // namespace

double NetworkPrediction::interval_95_half_width() const {
  return student_t_975(residual_dof) * std_error;
}

double NetworkPrediction::shown_value() const {
  return value >= 0.0 ? value : std::nan("");
}

double NetworkPrediction::interval_95_low() const {
  const double low = shown_value() - interval_95_half_width();
  return low < 0.0 ? 0.0 : low;  // NaN stays NaN
}

double NetworkPrediction::interval_95_high() const {
  return shown_value() + interval_95_half_width();
}

std::vector<NetworkPrediction> predict_networks(const Model& model, const Dataset& data) {
  if (model.stages.size() != model.spec.stages.size() || model.stages.empty())
    throw bad_input("model '" + model.spec.name + "' is not fitted");
  const bool layer = model.spec.granularity == Granularity::Layer;
  if (layer && !data.per_layer())
    throw bad_input(data.source + ": this per-layer model needs per-layer rows");
  Dataset d = !layer && data.per_layer() ? aggregate_networks(data) : data;
  std::vector<bool> covered = covered_rows(model, d);
  check_inputs(model, d, covered);
  for (const auto& s : model.stages) d.add_column(s.spec.target);  // never read measured targets
  for (const auto& s : model.stages) run_stage(s, d, covered);
  std::vector<NetworkPrediction> out;
  for (const auto& n : d.networks()) out.push_back(predict_one(model, d, n, covered));
  return out;
}

}  // namespace synergy::predict
