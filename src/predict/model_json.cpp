#include "predict/model_json.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "util/json_number.hpp"
#include "util/read_file.hpp"
#include "util/write_file.hpp"

namespace synergy::predict {

namespace {

using nlohmann::json;

constexpr const char* kFormat = "synergy-model";

json terms_json(const std::vector<Term>& terms) {
  json a = json::array();
  for (const auto& t : terms) a.push_back(t.name());
  return a;
}

json stage_json(const FittedStage& s) {
  json j{{"target", s.spec.target},
         {"terms", terms_json(s.spec.terms)},
         {"intercept", s.spec.intercept},
         {"per_layer_type", s.spec.per_layer_type},
         {"solver", solver_name(s.spec.solve.solver)},
         {"ridge_lambda", s.spec.solve.ridge_lambda},
         {"parts", json::array()}};
  for (const auto& p : s.parts) {
    json coefs = json::array();
    for (const auto& c : p.coefficients)
      coefs.push_back({{"term", c.term},
                       {"value", json_number(c.value)},
                       {"std_error", json_number(c.std_error)}});
    json cov = json::array();
    for (double v : p.covariance) cov.push_back(json_number(v));
    j["parts"].push_back({{"layer_type", p.layer_type},
                          {"coefficients", coefs},
                          {"covariance", cov},
                          {"condition_number", json_number(p.condition_number)},
                          {"rows", p.rows},
                          {"residual_std", json_number(p.residual_std)},
                          {"residual_dof", p.residual_dof},
                          {"warnings", p.warnings}});
  }
  return j;
}

}  // namespace

json evaluation_json(const Evaluation& e) {
  json nets = json::array();
  for (const auto& x : e.errors)
    nets.push_back({{"network", x.network},
                    {"measured", x.measured},
                    {"predicted", x.predicted},
                    {"relative_error", x.relative_error},
                    {"left_out", x.left_out}});
  return {{"method", e.method},
          {"target", e.target},
          {"networks", nets},
          {"summary", error_summary_json(e.summary)}};
}

json error_summary_json(const ErrorSummary& s) {
  return {{"networks", s.networks},
          {"mean_relative_error", json_number(s.mean)},
          {"sample_std_relative_error", json_number(s.sample_std)},
          {"median_relative_error", json_number(s.median)},
          {"max_relative_error", json_number(s.max)},
          {"mape_percent", json_number(s.mape_percent)},
          {"within_10_percent", json_number(s.within_10_percent)}};
}

namespace {

json ranges_json(const std::vector<FeatureRange>& ranges) {
  json a = json::array();
  for (const auto& r : ranges) a.push_back({{"column", r.column}, {"min", r.min}, {"max", r.max}});
  return a;
}

FittedStage stage_from(const json& j) {
  FittedStage s;
  s.spec.target = j.at("target").get<std::string>();
  for (const auto& t : j.at("terms")) s.spec.terms.push_back(parse_term(t.get<std::string>()));
  s.spec.intercept = j.at("intercept").get<bool>();
  s.spec.per_layer_type = j.at("per_layer_type").get<bool>();
  s.spec.solve.solver = parse_solver(j.at("solver").get<std::string>());
  s.spec.solve.ridge_lambda = j.at("ridge_lambda").get<double>();
  for (const auto& pj : j.at("parts")) {
    FittedPart p;
    p.layer_type = pj.at("layer_type").get<std::string>();
    for (const auto& c : pj.at("coefficients"))
      p.coefficients.push_back({c.at("term").get<std::string>(), number_from_json(c.at("value")),
                                number_from_json(c.at("std_error"))});
    for (const auto& v : pj.at("covariance")) p.covariance.push_back(number_from_json(v));
    const size_t k = p.coefficients.size();
    if (k != s.spec.terms.size() + (s.spec.intercept ? 1 : 0) || p.covariance.size() != k * k)
      throw bad_input("stage '" + s.spec.target + "': coefficient count does not match its terms");
    p.condition_number = number_from_json(pj.at("condition_number"));
    p.rows = pj.at("rows").get<size_t>();
    p.residual_std = number_from_json(pj.at("residual_std"));
    p.residual_dof = pj.at("residual_dof").get<int>();
    p.warnings = pj.at("warnings").get<std::vector<std::string>>();
    s.parts.push_back(std::move(p));
  }
  return s;
}

}  // namespace

Evaluation evaluation_from_json(const json& j) {
  Evaluation e;
  e.method = j.at("method").get<std::string>();
  e.target = j.value("target", "");
  for (const auto& n : j.at("networks"))
    e.errors.push_back({n.at("network").get<std::string>(), n.at("measured").get<double>(),
                        n.at("predicted").get<double>(), n.at("relative_error").get<double>(),
                        n.value("left_out", "")});
  e.summary = summarize(e.errors);
  return e;
}

namespace {

Model model_from(const json& j) {
  Model m;
  m.spec.name = j.at("name").get<std::string>();
  std::string g = j.at("granularity").get<std::string>();
  if (g != "network" && g != "layer") throw bad_input("unknown granularity '" + g + "'");
  m.spec.granularity = g == "layer" ? Granularity::Layer : Granularity::Network;
  for (const auto& s : j.at("stages")) m.stages.push_back(stage_from(s));
  for (const auto& s : m.stages) m.spec.stages.push_back(s.spec);
  if (m.stages.empty()) throw bad_input("the model has no stages");
  if (j.contains("static_power") && !j.at("static_power").is_null())
    m.spec.static_power = StaticPower{j["static_power"].at("watts").get<double>(),
                                      j["static_power"].at("time_column").get<std::string>()};
  m.layer_types = j.at("layer_types").get<std::vector<std::string>>();
  m.training_networks = j.at("training_networks").get<std::vector<std::string>>();
  const json& p = j.at("platform");
  m.platform = {p.at("device").get<std::string>(), p.at("backend").get<std::string>(),
                p.at("threads").get<std::string>(), p.at("batch").get<std::string>(),
                p.value("precision", std::string())};
  m.data_source = j.at("data_source").get<std::string>();
  m.notes = j.at("notes").get<std::vector<std::string>>();
  if (j.contains("feature_ranges"))  // absent from files written before ranges were kept
    for (const auto& r : j.at("feature_ranges"))
      m.feature_ranges.push_back({r.at("column").get<std::string>(), r.at("min").get<double>(),
                                  r.at("max").get<double>()});
  if (j.contains("evaluation") && !j.at("evaluation").is_null())
    m.evaluation = evaluation_from_json(j["evaluation"]);
  return m;
}

}  // namespace

std::string model_to_json(const Model& m) {
  json stages = json::array();
  for (const auto& s : m.stages) stages.push_back(stage_json(s));
  json j{{"format", kFormat},
         {"version", Model::kFormatVersion},
         {"name", m.spec.name},
         {"target", m.spec.target()},
         {"granularity", m.spec.granularity == Granularity::Layer ? "layer" : "network"},
         {"stages", stages},
         {"static_power", nullptr},
         {"layer_types", m.layer_types},
         {"training_networks", m.training_networks},
         {"platform",
          {{"device", m.platform.device},
           {"backend", m.platform.backend},
           {"threads", m.platform.threads},
           {"batch", m.platform.batch},
           {"precision", m.platform.precision}}},
         {"data_source", m.data_source},
         {"notes", m.notes},
         {"feature_ranges", ranges_json(m.feature_ranges)},
         {"evaluation", m.evaluation ? evaluation_json(*m.evaluation) : json(nullptr)}};
  if (m.spec.static_power)
    j["static_power"] = {{"watts", m.spec.static_power->watts},
                         {"time_column", m.spec.static_power->time_column}};
  return j.dump(2) + "\n";
}

json parse_versioned(const std::string& text, const std::string& source, const std::string& format,
                     int max_version) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    throw bad_input(source + ": not valid JSON: " + e.what());
  }
  if (!j.is_object() || j.value("format", "") != format)
    throw bad_input(source + ": not a " + format + " file (\"format\" is not \"" + format + "\")");
  const int version = j.value("version", 0);
  if (version < 1 || version > max_version)
    throw bad_input(source + ": " + format + " version " + std::to_string(version) +
                    " is not readable by this build (reads 1 to " + std::to_string(max_version) +
                    ")");
  return j;
}

Model model_from_json(const std::string& text, const std::string& source) {
  const json j = parse_versioned(text, source, kFormat, Model::kFormatVersion);
  try {
    return model_from(j);
  } catch (const json::exception& e) {
    throw bad_input(source + ": malformed model: " + e.what());
  } catch (const Error& e) {
    throw bad_input(source + ": malformed model: " + e.what());
  }
}

void save_model(const Model& model, const std::string& path) {
  write_file(path, model_to_json(model), "model file");
}

Model load_model(const std::string& path) {
  return model_from_json(read_file(path), path);
}

}  // namespace synergy::predict
