#include "predict/kernel/kernel_model_json.hpp"

#include <limits>
#include <nlohmann/json.hpp>

#include "predict/model_json.hpp"
#include "util/error.hpp"
#include "util/json_number.hpp"
#include "util/read_file.hpp"
#include "util/write_file.hpp"

namespace synergy::predict {

namespace {

using nlohmann::json;

constexpr const char* kFormat = "synergy-kernel-model";

json kind_json(const KindModel& k) {
  json ranges = json::object();
  for (const auto& [f, span] : k.ranges) ranges[f] = {{"min", span.min}, {"max", span.max}};
  return {{"kind", k.kind},         {"kernels", k.kernels}, {"networks", k.networks},
          {"cv_error", k.cv_error}, {"ranges", ranges},     {"regressor", k.regressor->to_json()}};
}

KindModel kind_from(const json& j) {
  KindModel k;
  k.kind = j.at("kind").get<std::string>();
  k.kernels = j.at("kernels").get<size_t>();
  k.networks = j.at("networks").get<size_t>();
  k.cv_error = j.at("cv_error").get<std::map<std::string, double>>();
  for (const auto& [f, span] : j.at("ranges").items())
    k.ranges[f] = {span.at("min").get<double>(), span.at("max").get<double>()};
  k.regressor = regressor_from_json(j.at("regressor"));
  return k;
}

KernelModel model_from(const json& j) {
  KernelModel m;
  m.name = j.at("name").get<std::string>();
  const json& p = j.at("platform");
  m.platform = {p.at("device").get<std::string>(), p.at("backend").get<std::string>(),
                p.at("threads").get<std::string>(), p.at("batch").get<std::string>()};
  m.libraries = j.at("libraries").get<std::map<std::string, std::string>>();
  m.synergy_version = j.at("synergy_version").get<std::string>();
  m.data_source = j.at("data_source").get<std::string>();
  m.training_networks = j.at("training_networks").get<std::vector<std::string>>();
  m.overhead_ms = j.at("overhead_ms").get<double>();
  m.kernel_scale = j.at("kernel_scale").get<double>();
  m.per_kernel_ms = j.at("per_kernel_ms").get<double>();
  for (const auto& k : j.at("kinds")) m.kinds.push_back(kind_from(k));
  const json& c = j.at("calibration");
  m.calibration.networks = c.at("networks").get<size_t>();
  const double w = number_from_json(c.at("log_half_width"));  // null: no interval
  m.calibration.log_half_width = std::isnan(w) ? std::numeric_limits<double>::infinity() : w;
  m.calibration.coverage = c.at("coverage").get<double>();
  m.calibration.evaluation = evaluation_from_json(c.at("evaluation"));
  m.notes = j.at("notes").get<std::vector<std::string>>();
  return m;
}

}  // namespace

std::string kernel_model_to_json(const KernelModel& m) {
  json kinds = json::array();
  for (const auto& k : m.kinds) kinds.push_back(kind_json(k));
  const KernelCalibration& c = m.calibration;
  json j{{"format", kFormat},
         {"version", KernelModel::kFormatVersion},
         {"name", m.name},
         {"target", "time_ms"},
         {"platform",
          {{"device", m.platform.device},
           {"backend", m.platform.backend},
           {"threads", m.platform.threads},
           {"batch", m.platform.batch}}},
         {"libraries", m.libraries},
         {"synergy_version", m.synergy_version},
         {"data_source", m.data_source},
         {"training_networks", m.training_networks},
         {"overhead_ms", m.overhead_ms},
         {"kernel_scale", m.kernel_scale},
         {"per_kernel_ms", m.per_kernel_ms},
         {"kinds", kinds},
         {"calibration",
          {{"networks", c.networks},
           {"log_half_width", json_number(c.log_half_width)},
           {"coverage", c.coverage},
           {"evaluation", evaluation_json(c.evaluation)}}},
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
