#include "predict/kernel/kernel_format.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "predict/model_json.hpp"
#include "util/csv.hpp"
#include "util/json_number.hpp"
#include "util/text.hpp"
#include "util/text_table.hpp"

namespace synergy::predict {

namespace {

using nlohmann::json;

std::string ms(double v) {
  return std::isfinite(v) ? format_number("%.4g", v) : "none";
}

std::string pct(double fraction) {
  return std::isfinite(fraction) ? fixed(100.0 * fraction, 1) + " %" : "none";
}

std::string interval(double low, double high) {
  if (!std::isfinite(high)) return "none (too few networks to calibrate)";
  std::string s = "[";  // appended, not concatenated: GCC 12 warns falsely on "[" + string
  s += ms(low);
  s += ", ";
  s += ms(high);
  return s + "]";
}

std::string interval_factor(const KernelCalibration& c) {
  if (!std::isfinite(c.log_half_width)) return "none (fewer than 19 held-out networks)";
  return "x/ " + format_number("%.3f", std::exp(c.log_half_width));
}

json model_summary(const KernelModel& m) {
  return {{"name", m.name},
          {"device", m.platform.device},
          {"backend", m.platform.backend},
          {"threads", m.platform.threads},
          {"training_networks", m.training_networks.size()}};
}

json errors_json(const ErrorSummary& s) {
  return {{"networks", s.networks},
          {"mean_relative_error", json_number(s.mean)},
          {"median_relative_error", json_number(s.median)},
          {"max_relative_error", json_number(s.max)},
          {"within_10_percent", json_number(s.within_10_percent)}};
}

std::string errors_line(const ErrorSummary& s) {
  return std::to_string(s.networks) + " networks: mean " + pct(s.mean) + ", median " +
         pct(s.median) + ", worst " + pct(s.max) + ", within +-10 % " + pct(s.within_10_percent);
}

}  // namespace

std::string format_kernel_model(const KernelModel& m, OutputFormat format) {
  if (format == OutputFormat::Json) {
    json kinds = json::array();
    for (const auto& k : m.kinds)
      kinds.push_back({{"kind", k.kind},
                       {"kernels", k.kernels},
                       {"networks", k.networks},
                       {"regressor", k.regressor->method()},
                       {"cv_error", k.cv_error}});
    const KernelCalibration& c = m.calibration;
    return json{{"format", "synergy-kernel-model-summary"},
                {"version", KernelModel::kFormatVersion},
                {"model", model_summary(m)},
                {"units", {{"time", "ms"}, {"overhead_ms", "ms"}, {"per_kernel_ms", "ms"}}},
                {"overhead_ms", m.overhead_ms},
                {"kernel_scale", m.kernel_scale},
                {"per_kernel_ms", m.per_kernel_ms},
                {"kinds", kinds},
                {"calibration",
                 {{"networks", c.networks},
                  {"interval_factor", json_number(std::exp(c.log_half_width))},
                  {"coverage", c.coverage},
                  {"held_out", errors_json(c.evaluation.summary)}}},
                {"notes", m.notes}}
               .dump(2) +
           "\n";
  }
  std::ostringstream out;
  out << "kernel model of time_ms on " << m.platform.key() << ", from "
      << m.training_networks.size() << " networks (" << m.data_source << ")\n";
  std::vector<std::string> header{"kind", "kernels", "networks", "regressor"};
  for (const auto& method : regressor_methods()) header.push_back(method + " err");
  TextTable t(header, {false, true, true, false, true, true, true});
  for (const auto& k : m.kinds) {
    std::vector<std::string> row{k.kind, std::to_string(k.kernels), std::to_string(k.networks),
                                 k.regressor->method()};
    for (const auto& method : regressor_methods()) {
      auto it = k.cv_error.find(method);
      row.push_back(it == k.cv_error.end() ? "-" : pct(it->second));
    }
    t.add_row(row);
  }
  t.print(out);
  out << "err: held-out |predicted - measured| / measured of the kind's kernel time ("
      << "grouped by network); '-': too few networks, linear used\n";
  out << "network time = " << format_number("%.4g", m.overhead_ms) << " ms + "
      << format_number("%.4g", m.kernel_scale) << " x sum of kernels + "
      << format_number("%.3g", m.per_kernel_ms * 1e3) << " us x kernels\n";
  const KernelCalibration& c = m.calibration;
  out << "held out (" << c.evaluation.method << "): " << errors_line(c.evaluation.summary) << "\n"
      << "95 % interval: " << interval_factor(c) << ", coverage on held-out networks "
      << pct(c.coverage) << " (model estimate, split conformal)\n";
  return out.str();
}

std::string format_kernel_predictions(const KernelModel& m,
                                      const std::vector<KernelPrediction>& preds,
                                      OutputFormat format, bool per_kernel) {
  std::ostringstream out;
  if (format == OutputFormat::Json) {
    json all = json::array();
    for (const auto& p : preds) {
      json j{{"network", p.network},
             {"predicted",
              {{"time_ms", json_number(p.time_ms)},
               {"interval_95", {json_number(p.low_ms), json_number(p.high_ms)}}}},
             {"coverage", {{"macs", p.covered_macs}, {"kernels", p.covered_kernels}}},
             {"uncovered", p.uncovered},
             {"warnings", p.warnings},
             {"provenance", "model_estimate"},
             {"model", model_summary(m)}};
      if (per_kernel) {
        json k = json::array();
        for (const auto& [name, v] : p.kernels) k.push_back({{"kernel", name}, {"time_ms", v}});
        j["kernels"] = k;
      }
      all.push_back(j);
    }
    return (preds.size() == 1 ? all.front() : all).dump(2) + "\n";
  }
  if (format == OutputFormat::Csv) {
    out << "network,time_ms,low_ms,high_ms,covered_macs,covered_kernels\n";
    for (const auto& p : preds)
      out << csv_cell(p.network) << "," << json_number(p.time_ms).dump() << ","
          << json_number(p.low_ms).dump() << "," << json_number(p.high_ms).dump() << ","
          << p.covered_macs << "," << p.covered_kernels << "\n";
    return out.str();
  }
  TextTable t({"network", "time ms", "95 % interval ms", "kernels", "MACs covered"},
              {false, true, true, true, true});
  for (const auto& p : preds)
    t.add_row({p.network, ms(p.time_ms), interval(p.low_ms, p.high_ms),
               std::to_string(p.kernel_count), pct(p.covered_macs)});
  t.print(out);
  out << "model estimate (" << m.name << ", " << m.platform.key() << ")\n";
  for (const auto& p : preds) {
    for (const auto& w : p.warnings) out << "warning: " << p.network << ": " << w << "\n";
    if (!p.uncovered.empty())
      out << "warning: " << p.network << ": " << p.uncovered.size()
          << " kernels of kinds the model has not seen are left out, e.g. " << p.uncovered.front()
          << "\n";
    if (!per_kernel) continue;
    TextTable k({"kernel", "time ms"}, {false, true});
    for (const auto& [name, v] : p.kernels) k.add_row({name, ms(v)});
    out << p.network << ":\n";
    k.print(out);
  }
  return out.str();
}

std::string format_kernel_evaluation(const KernelEvaluation& e, OutputFormat format) {
  if (format == OutputFormat::Json) {
    json j = evaluation_json(e.evaluation);
    j["inside_interval"] = e.inside_interval;
    j["not_predicted"] = e.not_predicted;
    return j.dump(2) + "\n";
  }
  std::ostringstream out;
  TextTable t({"network", "measured ms", "predicted ms", "95 % interval ms", "error", "inside",
               "MACs covered"},
              {false, true, true, true, true, false, true});
  for (size_t i = 0; i < e.predictions.size(); ++i) {  // errors and predictions pair by index
    const auto& p = e.predictions[i];
    const NetworkError& err = e.evaluation.errors.at(i);
    const bool inside = err.measured >= p.low_ms && err.measured <= p.high_ms;
    t.add_row({p.network, ms(err.measured), ms(p.time_ms), interval(p.low_ms, p.high_ms),
               pct(err.relative_error), inside ? "yes" : "no", pct(p.covered_macs)});
  }
  t.print(out);
  out << "test (" << e.evaluation.method << "): " << errors_line(e.evaluation.summary) << "; "
      << e.inside_interval << " of " << e.evaluation.errors.size()
      << " measured times inside their 95 % interval\n";
  for (const auto& err : e.evaluation.errors)
    if (!err.left_out.empty())
      out << "warning: " << err.network << ": " << err.left_out << " left out of the prediction\n";
  for (const auto& n : e.not_predicted)
    out << "warning: " << n << ": no kernel of a kind the model knows, not predicted\n";
  return out.str();
}

}  // namespace synergy::predict
