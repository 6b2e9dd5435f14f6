// Fitting a model's stages on a training dataset.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "predict/design.hpp"
#include "predict/model.hpp"
#include "util/error.hpp"

namespace synergy::predict {

namespace {

void check_spec(const ModelSpec& spec) {
  if (spec.stages.empty()) throw bad_input("model '" + spec.name + "' has no stages");
  for (const auto& s : spec.stages) {
    if (s.terms.empty() && !s.intercept)
      throw bad_input("stage '" + s.target + "' has neither features nor an intercept");
    if (s.per_layer_type && spec.granularity != Granularity::Layer)
      throw bad_input("per-layer-type models need per-layer rows (a 'layer' column)");
  }
  if (spec.static_power &&
      !(spec.static_power->watts >= 0.0 && std::isfinite(spec.static_power->watts)))
    throw bad_input("static power must be a finite number of watts >= 0");
}

// The rows a model sees: per-layer rows are summed per network for network-level models.
Dataset prepare(const ModelSpec& spec, const Dataset& data) {
  if (data.size() == 0) throw bad_input(data.source + ": the dataset has no rows");
  if (spec.granularity == Granularity::Layer) {
    if (!data.per_layer())
      throw bad_input(data.source + ": a per-layer model needs a 'layer' column with layer names");
    return data;
  }
  Dataset d = data.per_layer() ? aggregate_networks(data) : data;
  std::vector<std::string> seen;
  for (const auto& n : d.network) {
    if (std::find(seen.begin(), seen.end(), n) != seen.end())
      throw bad_input(d.source + ": network '" + n +
                      "' has several rows; a network-level dataset "
                      "needs one row per network (or a 'layer' column)");
    seen.push_back(n);
  }
  return d;
}

bool is_stage_target(const ModelSpec& spec, const std::string& column) {
  return std::any_of(spec.stages.begin(), spec.stages.end(),
                     [&](const StageSpec& s) { return s.target == column; });
}

// Columns read from the data (intermediate stage targets are predicted, not read, when applied).
std::vector<std::string> feature_columns(const ModelSpec& spec) {
  std::vector<std::string> cols;
  for (const auto& s : spec.stages)
    for (const auto& t : s.terms)
      for (const auto& c : t.columns())
        if (!is_stage_target(spec, c) && std::find(cols.begin(), cols.end(), c) == cols.end())
          cols.push_back(c);
  if (spec.static_power && !is_stage_target(spec, spec.static_power->time_column))
    cols.push_back(spec.static_power->time_column);
  return cols;
}

// Rows with a target and every measured intermediate the stage reads.
std::vector<size_t> usable_rows(const Dataset& d, const StageSpec& s,
                                const std::vector<double>& y) {
  std::vector<const std::vector<double>*> inputs;
  for (const auto& t : s.terms)
    for (const auto& c : t.columns()) inputs.push_back(&d.column(c));
  std::vector<size_t> rows;
  for (size_t r = 0; r < d.size(); ++r) {
    bool ok = !std::isnan(y[r]);
    for (const auto* col : inputs) ok = ok && std::isfinite((*col)[r]);
    if (ok) rows.push_back(r);
  }
  return rows;
}

std::string where(const Dataset& d, size_t r) {
  std::string s = "row " + std::to_string(r + 1) + " (network '" + d.network[r] + "'";
  if (!d.layer[r].empty()) s += ", layer '" + d.layer[r] + "'";
  return s + ")";
}

// Features must be finite everywhere and vary somewhere.
void check_feature(const Dataset& d, const std::string& name, bool reject_constant) {
  const auto& col = d.column(name);
  for (size_t r = 0; r < d.size(); ++r) {
    if (std::isnan(col[r]))
      throw bad_input(d.source + ": feature '" + name + "' is blank or NaN at " + where(d, r));
    if (!std::isfinite(col[r]))
      throw bad_input(d.source + ": feature '" + name + "' is infinite at " + where(d, r));
  }
  if (reject_constant && d.size() > 1 &&
      std::all_of(col.begin(), col.end(), [&](double v) { return v == col[0]; })) {
    char value[32];
    std::snprintf(value, sizeof value, "%g", col[0]);
    throw bad_input(d.source + ": feature '" + name + "' is constant (" + value + ") in all " +
                    std::to_string(d.size()) +
                    " rows; it carries no information (an intercept already models a constant)");
  }
}

// Target values the stage fits; the final stage fits dynamic energy when static power is given.
std::vector<double> stage_target(const ModelSpec& spec, size_t stage, const Dataset& d) {
  std::vector<double> y = d.column(spec.stages[stage].target);
  for (size_t r = 0; r < y.size(); ++r)
    if (std::isinf(y[r]))
      throw bad_input(d.source + ": target '" + spec.stages[stage].target + "' is infinite at " +
                      where(d, r));
  if (spec.static_power && stage + 1 == spec.stages.size()) {
    const auto& t = d.column(spec.static_power->time_column);
    for (size_t r = 0; r < y.size(); ++r) y[r] -= spec.static_power->watts * t[r];
  }
  return y;
}

FittedPart fit_part(const TermColumns& tc, const StageSpec& s, const std::vector<size_t>& rows,
                    const std::vector<double>& y_all, const std::string& type) {
  FittedPart part;
  part.layer_type = type;
  part.rows = rows.size();
  std::vector<std::string> names = coefficient_names(s.terms, s.intercept);
  std::vector<double> y;
  for (size_t r : rows) y.push_back(y_all[r]);
  SolveOptions opt = s.solve;
  if (s.intercept) opt.unpenalized = {true};
  LeastSquaresFit f = solve_least_squares(design_matrix(tc, rows, s.intercept), y, opt, names);
  for (size_t j = 0; j < names.size(); ++j)
    part.coefficients.push_back({names[j], f.coef[j], f.std_error[j]});
  part.covariance = f.covariance;
  part.condition_number = f.condition_number;
  part.residual_dof = f.residual_dof;
  part.residual_std = f.residual_dof > 0 ? std::sqrt(f.residual_sum_squares / f.residual_dof) : NAN;
  part.warnings = f.warnings;
  return part;
}

std::vector<std::string> types_of(const Dataset& d, const std::vector<size_t>& rows) {
  std::vector<std::string> types;
  for (size_t r : rows)
    if (std::find(types.begin(), types.end(), d.layer_type[r]) == types.end())
      types.push_back(d.layer_type[r]);
  return types;
}

FittedStage fit_stage(const ModelSpec& spec, size_t index, const Dataset& d, Model& model) {
  const StageSpec& s = spec.stages[index];
  FittedStage stage{s, {}};
  std::vector<double> y = stage_target(spec, index, d);
  std::vector<size_t> rows = usable_rows(d, s, y);
  if (rows.size() < d.size())
    model.notes.push_back("stage '" + s.target + "': " + std::to_string(d.size() - rows.size()) +
                          " rows without a target (or measured input) value were left out");
  if (rows.empty())
    throw bad_input(d.source + ": no row has a value for target '" + s.target + "'");
  TermColumns tc(d, s.terms);
  if (!s.per_layer_type) {
    stage.parts.push_back(fit_part(tc, s, rows, y, ""));
    return stage;
  }
  const size_t ncoef = s.terms.size() + (s.intercept ? 1 : 0);
  for (const auto& type : types_of(d, rows)) {
    std::vector<size_t> typed;
    for (size_t r : rows)
      if (d.layer_type[r] == type) typed.push_back(r);
    if (typed.size() < ncoef) {
      model.notes.push_back("stage '" + s.target + "': layer type '" + type + "' has " +
                            std::to_string(typed.size()) + " rows for " + std::to_string(ncoef) +
                            " coefficients; its layers are not predicted");
      continue;
    }
    stage.parts.push_back(fit_part(tc, s, typed, y, type));
  }
  if (stage.parts.empty())
    throw bad_input("stage '" + s.target + "': no layer type has enough rows");
  return stage;
}

}  // namespace

size_t ModelSpec::max_coefficients() const {
  size_t n = 0;
  for (const auto& s : stages) n = std::max(n, s.terms.size() + (s.intercept ? 1 : 0));
  return n;
}

const FittedPart* FittedStage::part_for(const std::string& layer_type) const {
  for (const auto& p : parts)
    if (p.layer_type.empty() || p.layer_type == layer_type) return &p;
  return nullptr;
}

std::vector<std::string> Model::warnings() const {
  std::vector<std::string> out;
  for (const auto& s : stages)
    for (const auto& p : s.parts)
      for (const auto& w : p.warnings)
        out.push_back(s.spec.target +
                      (p.layer_type.empty() ? std::string() : " [" + p.layer_type + "]") + ": " +
                      w);
  return out;
}

void check_features(const ModelSpec& spec, const Dataset& data) {
  check_spec(spec);
  Dataset d = prepare(spec, data);
  for (const auto& c : feature_columns(spec)) check_feature(d, c, true);
}

Model fit_model(const ModelSpec& spec, const Dataset& training, bool reject_constant) {
  check_spec(spec);
  Dataset d = prepare(spec, training);
  Model model;
  model.spec = spec;
  model.platform = single_platform(d);
  model.data_source = d.source;
  model.training_networks = d.networks();
  for (const auto& c : feature_columns(spec)) check_feature(d, c, reject_constant);
  for (size_t i = 0; i < spec.stages.size(); ++i)
    model.stages.push_back(fit_stage(spec, i, d, model));
  for (const auto& c : feature_columns(spec)) {
    FeatureRange range{c, INFINITY, -INFINITY};
    for (double total : network_totals(d, c)) {
      if (!std::isfinite(total)) continue;
      range.min = std::min(range.min, total);
      range.max = std::max(range.max, total);
    }
    if (range.min <= range.max) model.feature_ranges.push_back(range);
  }
  if (spec.granularity == Granularity::Layer) {
    std::vector<size_t> all(d.size());
    for (size_t r = 0; r < all.size(); ++r) all[r] = r;
    model.layer_types = types_of(d, all);
  }
  return model;
}

}  // namespace synergy::predict
