#include "predict/kernel/kernel_format.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "predict/model_json.hpp"
#include "util/csv.hpp"
#include "util/json_document.hpp"
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
          {"precision", m.platform.precision},
          {"training_networks", m.training_networks.size()}};
}

std::string errors_line(const ErrorSummary& s) {
  return std::to_string(s.networks) + " networks: mean " + pct(s.mean) + ", median " +
         pct(s.median) + ", worst " + pct(s.max) + ", within +-10 % " + pct(s.within_10_percent);
}

json quantity_summary_json(const QuantityModel& q) {
  json kinds = json::array();
  for (const auto& k : q.kinds)
    kinds.push_back({{"kind", k.kind},
                     {"kernels", k.kernels},
                     {"networks", k.networks},
                     {"regressor", k.regressor->method()},
                     {"cv_error", k.cv_error}});
  const KernelCalibration& c = q.calibration;
  return {{"unit", quantity_unit(q.quantity)},
          {"overhead", q.overhead},
          {"kernel_scale", q.kernel_scale},
          {"per_kernel", q.per_kernel},
          {"kinds", kinds},
          {"calibration",
           {{"networks", c.networks},
            {"interval_factor", json_number(std::exp(c.log_half_width))},
            {"coverage", c.coverage},
            {"held_out", error_summary_json(c.evaluation.summary)}}}};
}

void print_quantity(std::ostream& out, const QuantityModel& q) {
  const std::string unit = quantity_unit(q.quantity);
  out << quantity_key(q.quantity) << ":\n";
  std::vector<std::string> header{"kind", "kernels", "networks", "regressor"};
  for (const auto& method : regressor_methods()) header.push_back(method + " err");
  TextTable t(header, {false, true, true, false, true, true, true});
  for (const auto& k : q.kinds) {
    std::vector<std::string> row{k.kind, std::to_string(k.kernels), std::to_string(k.networks),
                                 k.regressor->method()};
    for (const auto& method : regressor_methods()) {
      auto it = k.cv_error.find(method);
      row.push_back(it == k.cv_error.end() ? "-" : pct(it->second));
    }
    t.add_row(row);
  }
  t.print(out);
  out << "err: held-out |predicted - measured| / measured of the kind's kernels (grouped by "
      << "network); '-': too few networks, linear used\n";
  out << "network = " << format_number("%.4g", q.overhead) << " " << unit << " + "
      << format_number("%.4g", q.kernel_scale) << " x sum of kernels + "
      << format_number("%.3g", q.per_kernel * 1e3) << (q.quantity == Quantity::Time ? " us" : " uJ")
      << " x kernels\n";
  const KernelCalibration& c = q.calibration;
  out << "held out (" << c.evaluation.method << "): " << errors_line(c.evaluation.summary) << "\n"
      << "95 % interval: " << interval_factor(c) << ", coverage on held-out networks "
      << pct(c.coverage) << " (model estimate, split conformal)\n";
}

// The interval's ends; both NaN (null) when there is none (an uncalibrated model), not [0, inf].
std::pair<double, double> ends(const PredictedValue& v) {
  if (std::isfinite(v.high)) return {v.low, v.high};
  return {std::nan(""), std::nan("")};
}

json value_json(const PredictedValue& v) {
  const auto [low, high] = ends(v);
  return {{"value", json_number(v.value)}, {"interval_95", {json_number(low), json_number(high)}}};
}

}  // namespace

std::string format_kernel_model(const KernelModel& m, OutputFormat format) {
  if (format == OutputFormat::Json) {
    return json{{"format", "synergy-kernel-model-summary"},
                {"version", KernelModel::kFormatVersion},
                {"model", model_summary(m)},
                {"time_ms", quantity_summary_json(m.time)},
                {"energy_mj", m.energy ? quantity_summary_json(*m.energy) : json()},
                {"notes", m.notes}}
               .dump(2) +
           "\n";
  }
  std::ostringstream out;
  out << "kernel model on " << m.platform.key() << ", from " << m.training_networks.size()
      << " networks (" << m.data_source << ")\n";
  print_quantity(out, m.time);
  if (m.energy)
    print_quantity(out, *m.energy);
  else
    out << "energy: not modelled (no training run had energy measured and attributed)\n";
  return out.str();
}

std::string format_kernel_predictions(const KernelModel& m,
                                      const std::vector<KernelPrediction>& preds,
                                      OutputFormat format, bool per_kernel) {
  std::ostringstream out;
  if (format == OutputFormat::Json) {
    json all = json::array();
    for (const auto& p : preds) {
      json predicted{{"time_ms", value_json(p.time_ms)}};
      if (m.energy) predicted["energy_mj"] = value_json(p.energy_mj);
      json j = json_document("synergy-kernel-prediction", 1,
                             json{{"time_ms", "ms per inference"},
                                  {"energy_mj", "mJ per inference"},
                                  {"coverage", "fraction of the MACs and of the kernels"}});
      j.update(json{{"network", p.network},
                    {"predicted", predicted},
                    {"coverage", {{"macs", p.covered_macs}, {"kernels", p.covered_kernels}}},
                    {"uncovered", p.uncovered},
                    {"warnings", p.warnings},
                    {"provenance", "model_estimate"},
                    {"model", model_summary(m)}});
      if (per_kernel) {
        json k = json::array();
        for (const auto& pk : p.kernels)
          k.push_back({{"kernel", pk.name},
                       {"time_ms", pk.time_ms},
                       {"energy_mj", json_number(pk.energy_mj)}});
        j["kernels"] = k;
      }
      all.push_back(j);
    }
    return (preds.size() == 1 ? all.front() : all).dump(2) + "\n";
  }
  if (format == OutputFormat::Csv) {
    out << "network,time_ms,low_ms,high_ms,energy_mj,low_mj,high_mj,covered_macs,covered_kernels\n";
    for (const auto& p : preds) {
      out << csv_cell(p.network);
      for (const PredictedValue* v : {&p.time_ms, &p.energy_mj}) {
        const auto [low, high] = ends(*v);
        for (double x : {v->value, low, high}) out << "," << json_number(x).dump();
      }
      out << "," << p.covered_macs << "," << p.covered_kernels << "\n";
    }
    return out.str();
  }
  std::vector<std::string> header{"network", "time ms", "95 % interval ms"};
  if (m.energy) header.insert(header.end(), {"energy mJ", "95 % interval mJ"});
  header.insert(header.end(), {"kernels", "MACs covered"});
  TextTable t(header, {false, true, true, true, true, true, true});
  for (const auto& p : preds) {
    std::vector<std::string> row{p.network, ms(p.time_ms.value),
                                 interval(p.time_ms.low, p.time_ms.high)};
    if (m.energy)
      row.insert(row.end(), {ms(p.energy_mj.value), interval(p.energy_mj.low, p.energy_mj.high)});
    row.insert(row.end(), {std::to_string(p.kernel_count), pct(p.covered_macs)});
    t.add_row(row);
  }
  t.print(out);
  if (!m.energy) out << "energy: not predicted, the model has none\n";
  out << "model estimate (" << m.name << ", " << m.platform.key() << ")\n";
  for (const auto& p : preds) {
    for (const auto& w : p.warnings) out << "warning: " << p.network << ": " << w << "\n";
    if (!p.uncovered.empty())
      out << "warning: " << p.network << ": " << p.uncovered.size()
          << " kernels of kinds the model has not seen are left out, e.g. " << p.uncovered.front()
          << "\n";
    if (!per_kernel) continue;
    TextTable k({"kernel", "time ms", "energy mJ"}, {false, true, true});
    for (const auto& pk : p.kernels) k.add_row({pk.name, ms(pk.time_ms), ms(pk.energy_mj)});
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
  const Quantity q =
      e.evaluation.target == quantity_key(Quantity::Energy) ? Quantity::Energy : Quantity::Time;
  const std::string unit = quantity_unit(q);
  TextTable t({"network", "measured " + unit, "predicted " + unit, "95 % interval " + unit, "error",
               "inside", "MACs covered"},
              {false, true, true, true, true, false, true});
  for (size_t i = 0; i < e.predictions.size(); ++i) {  // errors and predictions pair by index
    const auto& p = e.predictions[i];
    const PredictedValue& v = p.of(q);
    const NetworkError& err = e.evaluation.errors.at(i);
    t.add_row({p.network, ms(err.measured), ms(v.value), interval(v.low, v.high),
               pct(err.relative_error), v.inside(err.measured) ? "yes" : "no",
               pct(p.covered_macs)});
  }
  t.print(out);
  out << "test of " << quantity_key(q) << " (" << e.evaluation.method
      << "): " << errors_line(e.evaluation.summary) << "; " << e.inside_interval << " of "
      << e.evaluation.errors.size() << " measured values inside their 95 % interval\n";
  for (const auto& err : e.evaluation.errors)
    if (!err.left_out.empty())
      out << "warning: " << err.network << ": " << err.left_out << " left out of the prediction\n";
  for (const auto& n : e.not_predicted)
    out << "warning: " << n << ": no kernel of a kind the model knows, not predicted\n";
  return out.str();
}

}  // namespace synergy::predict
