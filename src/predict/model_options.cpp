#include "predict/model_options.hpp"

#include "predict/features.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy::predict {

namespace {

std::vector<StageSpec> chain_stages(const ModelOptions& o, const StageSpec& base) {
  std::vector<StageSpec> stages;
  size_t start = 0;
  while (start < o.chain.size()) {
    size_t end = o.chain.find(';', start);
    std::string item =
        trim(o.chain.substr(start, end == std::string::npos ? std::string::npos : end - start));
    start = end == std::string::npos ? o.chain.size() : end + 1;
    if (item.empty()) continue;
    size_t eq = item.find('=');
    if (eq == std::string::npos || trim(item.substr(0, eq)).empty())
      throw bad_input("--chain: '" + item + "' is not 'column=terms'");
    StageSpec s = base;
    s.target = trim(item.substr(0, eq));
    s.terms = parse_terms(item.substr(eq + 1));
    stages.push_back(s);
  }
  return stages;
}

ModelSpec time_power_spec(const ModelOptions& o, ModelSpec spec, const StageSpec& base) {
  if (!o.chain.empty()) throw bad_input("--time-power and --chain cannot be combined");
  StageSpec time = base;
  time.target = o.time_power;
  time.per_layer_type = true;
  StageSpec power{o.target, parse_terms(o.time_power), false, true, {Solver::Nnls, 0.0, {}}};
  spec.granularity = Granularity::Layer;
  spec.stages = {time, power};
  if (o.static_power_w >= 0.0) spec.static_power = StaticPower{o.static_power_w, o.time_power};
  return spec;
}

}  // namespace

ModelSpec make_spec(const ModelOptions& o, const std::string& name) {
  if (o.target.empty()) throw bad_input("--target is required");
  if (trim(o.features).empty() && o.no_intercept)
    throw bad_input("--features is empty and --no-intercept leaves nothing to fit");
  if (o.static_power_w >= 0.0 && o.time_power.empty())
    throw bad_input("--static-power-w needs --time-power");
  StageSpec base;
  base.target = o.target;
  base.terms = trim(o.features).empty() ? std::vector<Term>{} : parse_terms(o.features);
  base.intercept = !o.no_intercept;
  base.per_layer_type = o.per_layer_type;
  base.solve.solver = parse_solver(o.solver);
  base.solve.ridge_lambda = o.ridge_lambda;
  ModelSpec spec;
  spec.name = name;
  spec.granularity = o.per_layer_type || o.layer_model ? Granularity::Layer : Granularity::Network;
  if (!o.time_power.empty()) return time_power_spec(o, spec, base);
  spec.stages = chain_stages(o, base);
  spec.stages.push_back(base);
  return spec;
}

Dataset load_dataset(const DataOptions& o) {
  Dataset d = make_dataset(open_row_source(o.path)->read());
  if (!o.platform.key().empty() && o.platform != Platform{}) d = filter_platform(d, o.platform);
  single_platform(d);
  if (o.analytic) join_network_features(d, o.batch);
  return d;
}

}  // namespace synergy::predict
