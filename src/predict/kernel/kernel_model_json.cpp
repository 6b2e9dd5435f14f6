#include "predict/kernel/kernel_model_json.hpp"

#include <limits>
#include <nlohmann/json.hpp>

#include "predict/kernel/kernels.hpp"
#include "predict/model_json.hpp"
#include "util/error.hpp"
#include "util/json_number.hpp"
#include "util/read_file.hpp"
#include "util/write_file.hpp"

namespace synergy::predict {

namespace {

using nlohmann::json;

constexpr const char* kFormat = "synergy-kernel-model";

json span_json(const FeatureSpan& s) {
  return {{"min", s.min}, {"max", s.max}};
}

FeatureSpan span_from(const json& j) {
  return {j.at("min").get<double>(), j.at("max").get<double>()};
}

json kind_json(const KindModel& k) {
  json ranges = json::object();
  for (const auto& [f, span] : k.ranges) ranges[f] = span_json(span);
  return {{"kind", k.kind},         {"kernels", k.kernels}, {"networks", k.networks},
          {"cv_error", k.cv_error}, {"ranges", ranges},     {"regressor", k.regressor->to_json()}};
}

KindModel kind_from(const json& j) {
  KindModel k;
  k.kind = j.at("kind").get<std::string>();
  k.kernels = j.at("kernels").get<size_t>();
  k.networks = j.at("networks").get<size_t>();
  k.cv_error = j.at("cv_error").get<std::map<std::string, double>>();
  for (const auto& [f, span] : j.at("ranges").items()) {
    kernel_feature_index(f);  // throws on a feature kernels do not have
    k.ranges[f] = span_from(span);
  }
  k.regressor = regressor_from_json(j.at("regressor"));
  return k;
}

json calibration_json(const KernelCalibration& c) {
  return {{"networks", c.networks},
          {"log_half_width", json_number(c.log_half_width)},
          {"coverage", c.coverage},
          {"evaluation", evaluation_json(c.evaluation)}};
}

KernelCalibration calibration_from(const json& c) {
  KernelCalibration out;
  out.networks = c.at("networks").get<size_t>();
  const double w = number_from_json(c.at("log_half_width"));  // null: no interval
  out.log_half_width = std::isnan(w) ? std::numeric_limits<double>::infinity() : w;
  out.coverage = c.at("coverage").get<double>();
  out.evaluation = evaluation_from_json(c.at("evaluation"));
  return out;
}

json quantity_json(const QuantityModel& q) {
  json kinds = json::array();
  for (const auto& k : q.kinds) kinds.push_back(kind_json(k));
  return {{"unit", quantity_unit(q.quantity)},
          {"overhead", q.overhead},
          {"kernel_scale", q.kernel_scale},
          {"per_kernel", q.per_kernel},
          {"kinds", kinds},
          {"calibration", calibration_json(q.calibration)}};
}

// Version 1 kept time alone, its terms named in ms at the top level.
QuantityModel quantity_from(const json& j, Quantity quantity, int version) {
  const std::string suffix = version == 1 ? "_ms" : "";
  QuantityModel q;
  q.quantity = quantity;
  q.overhead = j.at("overhead" + suffix).get<double>();
  q.kernel_scale = j.at("kernel_scale").get<double>();
  q.per_kernel = j.at("per_kernel" + suffix).get<double>();
  for (const auto& k : j.at("kinds")) q.kinds.push_back(kind_from(k));
  q.calibration = calibration_from(j.at("calibration"));
  return q;
}

KernelModel model_from(const json& j) {
  KernelModel m;
  m.name = j.at("name").get<std::string>();
  const json& p = j.at("platform");
  m.platform = {p.at("device").get<std::string>(), p.at("backend").get<std::string>(),
                p.at("threads").get<std::string>(), p.at("batch").get<std::string>(),
                p.value("precision", std::string())};
  m.libraries = j.at("libraries").get<std::map<std::string, std::string>>();
  m.synergy_version = j.at("synergy_version").get<std::string>();
  m.data_source = j.at("data_source").get<std::string>();
  m.training_networks = j.at("training_networks").get<std::vector<std::string>>();
  const int version = j.at("version").get<int>();
  if (version == 1) {
    m.time = quantity_from(j, Quantity::Time, version);
  } else {
    m.time = quantity_from(j.at("time_ms"), Quantity::Time, version);
    if (!j.at("energy_mj").is_null())
      m.energy = quantity_from(j.at("energy_mj"), Quantity::Energy, version);
  }
  if (j.contains("power_w") && !j.at("power_w").is_null())  // absent before it was kept
    m.power_w = span_from(j.at("power_w"));
  m.notes = j.at("notes").get<std::vector<std::string>>();
  return m;
}

}  // namespace

std::string kernel_model_to_json(const KernelModel& m) {
  json j{{"format", kFormat},
         {"version", KernelModel::kFormatVersion},
         {"name", m.name},
         {"platform",
          {{"device", m.platform.device},
           {"backend", m.platform.backend},
           {"threads", m.platform.threads},
           {"batch", m.platform.batch},
           {"precision", m.platform.precision}}},
         {"libraries", m.libraries},
         {"synergy_version", m.synergy_version},
         {"data_source", m.data_source},
         {"training_networks", m.training_networks},
         {"time_ms", quantity_json(m.time)},
         {"energy_mj", m.energy ? quantity_json(*m.energy) : json()},
         {"power_w", m.power_w ? span_json(*m.power_w) : json()},
         {"notes", m.notes}};
  return j.dump(1) + "\n";
}

KernelModel kernel_model_from_json(const std::string& text, const std::string& source) {
  const json j = parse_versioned(text, source, kFormat, KernelModel::kFormatVersion);
  try {
    return model_from(j);
  } catch (const json::exception& e) {
    throw bad_input(source + ": malformed kernel model: " + e.what());
  } catch (const Error& e) {
    throw bad_input(source + ": malformed kernel model: " + e.what());
  }
}

void save_kernel_model(const KernelModel& model, const std::string& path) {
  write_file(path, kernel_model_to_json(model), "model file");
}

KernelModel load_kernel_model(const std::string& path) {
  return kernel_model_from_json(read_file(path), path);
}

bool is_kernel_model_json(const std::string& text) {
  const json j = json::parse(text, nullptr, false);  // no exception: discarded on error
  return j.is_object() && j.value("format", "") == kFormat;
}

}  // namespace synergy::predict
