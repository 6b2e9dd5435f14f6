#include "predict/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "util/csv.hpp"
#include "util/error.hpp"
#include "util/json_document.hpp"
#include "util/json_number.hpp"
#include "util/text.hpp"
#include "util/text_table.hpp"

namespace synergy::predict {

namespace {

using nlohmann::json;

// Rows that print as an aligned text table or as CSV.
struct Rows {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  std::string render(OutputFormat f) const {
    std::ostringstream out;
    if (f == OutputFormat::Csv) {
      write_csv_row(out, header);
      for (const auto& r : rows) write_csv_row(out, r);
    } else {
      TextTable t(header, {});
      for (const auto& r : rows) t.add_row(r);
      t.print(out);
    }
    return out.str();
  }
};

std::string num(double v, const char* fmt = "%.6g") {
  if (!std::isfinite(v)) return std::isinf(v) ? "inf" : "n/a";
  return format_number(fmt, v);
}

std::string pct(double fraction) {
  return num(100.0 * fraction, "%.2f");
}

json summary_json(const ErrorSummary& s) {
  return {{"networks", s.networks},
          {"mean_relative_error", s.mean},
          {"sample_std_relative_error", json_number(s.sample_std)},
          {"median_relative_error", s.median},
          {"max_relative_error", s.max},
          {"mape_percent", s.mape_percent},
          {"within_10_percent", s.within_10_percent}};
}

json errors_json(const Evaluation& e) {
  json a = json::array();
  for (const auto& x : e.errors)
    a.push_back({{"network", x.network},
                 {"measured", x.measured},
                 {"predicted", x.predicted},
                 {"relative_error", x.relative_error},
                 {"left_out", x.left_out}});
  return a;
}

const std::vector<std::string> kSummaryHeader{
    "networks", "mean_rel_err_%", "sample_std_%", "median_%", "max_%", "mape_%", "within_10%"};

std::vector<std::string> summary_cells(const ErrorSummary& s) {
  return {std::to_string(s.networks),
          pct(s.mean),
          pct(s.sample_std),
          pct(s.median),
          pct(s.max),
          num(s.mape_percent, "%.2f"),
          pct(s.within_10_percent)};
}

Rows coefficient_table(const Model& m) {
  Rows t{{"stage_target", "layer_type", "term", "value", "std_error", "rows", "condition_number"},
         {}};
  for (const auto& s : m.stages)
    for (const auto& p : s.parts)
      for (const auto& c : p.coefficients)
        t.rows.push_back({s.spec.target, p.layer_type.empty() ? "*" : p.layer_type, c.term,
                          num(c.value), num(c.std_error), std::to_string(p.rows),
                          num(p.condition_number, "%.3g")});
  return t;
}

json model_summary_json(const Model& m) {
  json stages = json::array();
  for (const auto& s : m.stages) {
    for (const auto& p : s.parts) {
      json coefs = json::array();
      for (const auto& c : p.coefficients)
        coefs.push_back({{"term", c.term},
                         {"value", json_number(c.value)},
                         {"std_error", json_number(c.std_error)}});
      stages.push_back({{"target", s.spec.target},
                        {"layer_type", p.layer_type},
                        {"coefficients", coefs},
                        {"rows", p.rows},
                        {"condition_number", json_number(p.condition_number)},
                        {"residual_std", json_number(p.residual_std)}});
    }
  }
  json j{{"name", m.spec.name},
         {"target", m.spec.target()},
         {"platform", m.platform.key()},
         {"training_networks", m.training_networks},
         {"fits", stages},
         {"warnings", m.warnings()},
         {"notes", m.notes},
         {"evaluation", nullptr}};
  if (m.evaluation)
    j["evaluation"] = {{"method", m.evaluation->method},
                       {"summary", summary_json(m.evaluation->summary)},
                       {"networks", errors_json(*m.evaluation)}};
  return j;
}

// The unit of a target column, from its name's suffix.
std::string unit_of(const std::string& column) {
  auto ends = [&](const char* s) {
    const std::string suffix(s);
    return column.size() >= suffix.size() &&
           column.compare(column.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends("_ms")) return "ms per inference";
  if (ends("_mj")) return "mJ per inference";
  if (ends("_j")) return "J per inference";
  if (ends("_w")) return "W";
  return "as the target column " + column;
}

json error_units() {
  return {{"*relative_error", "fraction of the measured value"},
          {"within_10_percent", "fraction of networks"},
          {"mape_percent", "percent"}};
}

}  // namespace

OutputFormat parse_format(const std::string& name) {
  if (name == "table") return OutputFormat::Table;
  if (name == "csv") return OutputFormat::Csv;
  if (name == "json") return OutputFormat::Json;
  throw bad_input("unknown format '" + name + "'; use table, csv or json");
}

std::string format_model(const Model& m, OutputFormat f) {
  if (f == OutputFormat::Json) {
    json doc = json_document("synergy-model-summary", 1, error_units());
    doc["units"]["value"] = "target units per unit of the term";
    doc["model"] = model_summary_json(m);
    return doc.dump(2) + "\n";
  }
  std::string out;
  if (f == OutputFormat::Table)
    out += "model '" + m.spec.name + "': " + m.spec.target() + " on " + m.platform.key() + ", " +
           std::to_string(m.training_networks.size()) +
           " training networks (provenance: least-squares fit)\n";
  out += coefficient_table(m).render(f);
  if (m.evaluation && f == OutputFormat::Table) {
    const ErrorSummary& s = m.evaluation->summary;
    out += "cross-validation (" + m.evaluation->method + ", " + std::to_string(s.networks) +
           " held-out networks): relative error " + pct(s.mean) + " +- " + pct(s.sample_std) +
           " % (mean +- sample std over networks), within +-10 %: " + pct(s.within_10_percent) +
           " %\n";
  }
  return out;
}

std::string format_evaluations(const std::vector<std::pair<std::string, Evaluation>>& evals,
                               OutputFormat f, bool per_network) {
  if (f == OutputFormat::Json) {
    json a = json::array();
    for (const auto& [label, e] : evals)
      a.push_back({{"model", label},
                   {"method", e.method},
                   {"target", e.target},
                   {"summary", summary_json(e.summary)},
                   {"networks", errors_json(e)}});
    json doc = json_document("synergy-evaluation", 1, error_units());
    doc["units"]["measured"] = "the model's target units";
    doc["units"]["predicted"] = "the model's target units";
    doc["evaluations"] = a;
    return doc.dump(2) + "\n";
  }
  if (per_network) {
    Rows t{{"model", "network", "measured", "predicted", "relative_error_%", "left_out"}, {}};
    for (const auto& [label, e] : evals)
      for (const auto& x : e.errors)
        t.rows.push_back({label, x.network, num(x.measured), num(x.predicted),
                          pct(x.relative_error), x.left_out});
    return t.render(f);
  }
  Rows t{{"model", "cv"}, {}};
  t.header.insert(t.header.end(), kSummaryHeader.begin(), kSummaryHeader.end());
  for (const auto& [label, e] : evals) {
    std::vector<std::string> row{label, e.method};
    for (auto& c : summary_cells(e.summary)) row.push_back(c);
    t.rows.push_back(row);
  }
  std::string out = t.render(f);
  if (f != OutputFormat::Table) return out;
  out +=
      "relative error |predicted - measured| / measured per held-out network; mean and sample "
      "standard deviation (n - 1) over networks\n";
  for (const auto& [label, e] : evals) {
    const auto partial = std::count_if(e.errors.begin(), e.errors.end(),
                                       [](const NetworkError& x) { return !x.left_out.empty(); });
    if (partial > 0)
      out += label + ": " + std::to_string(partial) + " of " + std::to_string(e.errors.size()) +
             " networks compared on part of their layers (unmeasured layers, or types the "
             "training folds lacked; --per-network says which)\n";
  }
  return out;
}

std::string format_predictions(const Model& m, const std::vector<NetworkPrediction>& preds,
                               OutputFormat f, bool per_layer) {
  const std::string target = m.spec.target();
  if (f == OutputFormat::Json) {
    json a = json::array();
    for (const auto& p : preds) {
      json layers = json::array();
      for (const auto& l : p.layers)
        layers.push_back({{"layer", l.layer}, {"type", l.layer_type}, {"value", l.value}});
      a.push_back(
          {{"network", p.network},
           {"target", target},
           {"value", json_number(p.shown_value())},
           {"std_error", json_number(p.std_error)},
           {"residual_dof", p.residual_dof},
           {"interval_95", {json_number(p.interval_95_low()), json_number(p.interval_95_high())}},
           {"provenance", "model estimate"},
           {"model", m.spec.name},
           {"platform", m.platform.key()},
           {"layers", per_layer ? layers : json::array()},
           {"uncovered_layers", p.uncovered_layers},
           {"coverage",
            {{"layers", json_number(p.covered_layers)}, {"macs", json_number(p.covered_macs)}}},
           {"warnings", p.warnings}});
    }
    json doc = json_document("synergy-predictions", 1,
                             {{"value", unit_of(target)},
                              {"std_error", unit_of(target)},
                              {"interval_95", unit_of(target)},
                              {"coverage", "fraction of the layers and of the MACs"}});
    doc["predictions"] = a;
    return doc.dump(2) + "\n";
  }
  Rows t{{"network", "layer", "type", target, "std_error", "dof", "interval_95_low",
          "interval_95_high"},
         {}};
  for (const auto& p : preds) {
    if (per_layer)
      for (const auto& l : p.layers)
        t.rows.push_back({p.network, l.layer, l.layer_type, num(l.value), "", "", "", ""});
    t.rows.push_back({p.network, "(total)", "", num(p.shown_value()), num(p.std_error),
                      std::to_string(p.residual_dof), num(p.interval_95_low()),
                      num(p.interval_95_high())});
  }
  std::string out = t.render(f);
  if (f == OutputFormat::Table) {
    out += "provenance: model estimate ('" + m.spec.name + "', " + m.platform.key() +
           "); interval: 95 % prediction interval, Student's t on the final stage's residual "
           "degrees of freedom (dof) times its standard error (earlier stages of a chained model "
           "are not propagated)\n";
    for (const auto& p : preds) {
      if (!p.uncovered_layers.empty())
        out +=
            p.network + ": " + std::to_string(p.uncovered_layers.size()) +
            " layers of types the model was not fitted on are not included (it covers " +
            format_percent(p.covered_layers) + " of the layers" +
            (std::isnan(p.covered_macs) ? std::string()
                                        : ", " + format_percent(p.covered_macs) + " of the MACs") +
            ")\n";
      for (const auto& w : p.warnings) out += "warning: " + p.network + ": " + w + "\n";
    }
  }
  return out;
}

std::string format_study(const StudyReport& r, OutputFormat f, bool per_network) {
  if (f == OutputFormat::Json) {
    json a = json::array();
    for (const auto& e : r.experiments)
      a.push_back({{"id", e.id},
                   {"description", e.description},
                   {"fit", model_summary_json(e.model)},
                   {"published", e.published},
                   {"note", e.note}});
    json doc = json_document("synergy-study", 1, error_units());
    doc["data_dir"] = r.data_dir;
    doc["experiments"] = a;
    return doc.dump(2) + "\n";
  }
  std::vector<std::pair<std::string, Evaluation>> evals;
  for (const auto& e : r.experiments) evals.emplace_back(e.id, e.evaluation);
  if (f == OutputFormat::Csv || per_network) return format_evaluations(evals, f, per_network);
  std::string out = "SyNERGY study re-run on its published figures (" + r.data_dir +
                    "; digitised from the authors' slides, see README.md there)\n\n";
  for (const auto& e : r.experiments) {
    const ErrorSummary& s = e.evaluation.summary;
    out += e.id + ": " + e.description + "\n";
    for (const auto& st : e.model.stages)
      for (const auto& c : st.parts[0].coefficients)
        out += "  " + st.spec.target + " ~ " + c.term + ": " + num(c.value) + " +- " +
               num(c.std_error) + " (std error)\n";
    out += "  leave-one-network-out: " + pct(s.mean) + " +- " + pct(s.sample_std) +
           " % (mean +- sample std over " + std::to_string(s.networks) + " networks), max " +
           pct(s.max) + " %, within +-10 %: " + pct(s.within_10_percent) + " %\n";
    out += "  published: " + e.published + "\n  difference: " + e.note + "\n";
    for (const auto& w : e.model.warnings()) out += "  warning: " + w + "\n";
    out += "\n";
  }
  return out;
}

}  // namespace synergy::predict
