#include "report/html.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/html_assets.hpp"
#include "result/diff.hpp"
#include "result/json.hpp"
#include "util/error.hpp"
#include "util/json_number.hpp"

namespace synergy {

using nlohmann::json;

namespace {

// At most this many layer spans and power points are drawn on the timeline.
constexpr size_t kMaxSpans = 4000;
constexpr size_t kMaxPowerPoints = 4000;

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// JSON that may sit inside a <script> element: no '<' can close it early (inside JSON strings
// "\u003c" reads back as '<'; outside strings JSON has none).
std::string script_safe(const json& j) {
  std::string out;
  for (char c : j.dump()) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

void write_page(std::ostream& out, const std::string& title, const json& data) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"generator\" content=\"synergy\">\n<title>" << html_escape(title)
      << "</title>\n<style>\n"
      << kReportStyle
      << "</style>\n"
      // Installed first, so that an error anywhere in the page's script is recorded too.
      << "<script>window.synergyErrors=[];function synergyError(m){window.synergyErrors.push(m);"
         "document.documentElement.setAttribute('data-errors',window.synergyErrors.join(' | '));}"
         "window.addEventListener('error',function(e){synergyError(String(e.message));});"
         "var consoleError=console.error;console.error=function(){"
         "synergyError(Array.prototype.join.call(arguments,' '));"
         "consoleError.apply(console,arguments);};</script>\n"
      << "</head>\n<body>\n<main id=\"report\"></main>\n"
      << "<script type=\"application/json\" id=\"synergy-data\">" << script_safe(data)
      << "</script>\n<script>\n"
      << kReportScript << "</script>\n</body>\n</html>\n";
}

json costs_json(const std::vector<LayerSliceArgs>& costs) {
  json a = json::array();
  for (const auto& c : costs)
    a.push_back(
        {{"shapes", c.shapes}, {"macs", c.macs}, {"min_traffic_bytes", c.min_traffic_bytes}});
  return a;
}

double us_since(int64_t t_ns, int64_t origin_ns) {
  return static_cast<double>(t_ns - origin_ns) * 1e-3;
}

// The power readings as mean power over each update interval, [t_us, W] at the interval's
// start, within [from, to] of the window (and the interval on each side).
json power_json(const PowerTrack& track, int64_t origin, int64_t from, int64_t to) {
  json points = json::array();
  for (const auto& iv : track.intervals) {
    if (iv.end_ns < from || iv.start_ns > to) continue;
    if (points.size() >= kMaxPowerPoints) break;
    points.push_back({us_since(iv.start_ns, origin), json_number(iv.power_w)});
    points.push_back({us_since(iv.end_ns, origin), json_number(iv.power_w)});
  }
  return {{"label", track.label},
          {"provenance", provenance_name(track.provenance)},
          {"update_period_us", static_cast<double>(track.update_period_ns) * 1e-3},
          {"points", points}};
}

// A window of the timeline: from the first iteration, at least ten iterations and five sensor
// update periods, at most kMaxSpans spans.
json timeline_json(const LayerTimeline& tl, const PowerTrack* power) {
  const int64_t origin = tl.start_ns();
  int64_t want_ns = 0;
  if (power && power->update_period_ns > 0) want_ns = 5 * power->update_period_ns;
  json spans = json::array();
  size_t iterations = 0;
  int64_t end = origin;
  for (const auto& it : tl.iterations) {
    const bool enough = iterations >= 10 && it.start_ns - origin >= want_ns;
    if (enough || spans.size() + it.layers.size() > kMaxSpans) break;
    for (const auto& s : it.layers)
      spans.push_back({s.layer, us_since(s.start_ns, origin), us_since(s.end_ns, origin)});
    end = it.end_ns;
    ++iterations;
  }
  json j = {{"layer_names", tl.layer_names},
            {"iterations", iterations},
            {"iterations_recorded", tl.iterations.size()},
            {"window_us", {0.0, us_since(end, origin)}},
            {"spans", spans},
            {"power", nullptr}};
  if (power && !power->intervals.empty()) j["power"] = power_json(*power, origin, origin, end);
  return j;
}

}  // namespace

void write_run_report(std::ostream& out, const RunReport& r) {
  if (!r.record) throw std::invalid_argument("write_run_report: no record");
  json data = {{"kind", "run"},
               {"record", json::parse(result_to_json(*r.record, -1))},
               {"costs", r.costs.empty() ? json(nullptr) : costs_json(r.costs)},
               {"costs_missing", r.costs_missing},
               {"timeline", nullptr},
               {"timeline_missing", r.timeline_missing}};
  if (r.timeline && !r.timeline->iterations.empty())
    data["timeline"] = timeline_json(*r.timeline, r.power);
  write_page(out, "synergy: " + r.record->model, data);
}

void write_diff_report(std::ostream& out, const ResultRecord& a, const ResultRecord& b,
                       const std::string& label_a, const std::string& label_b) {
  const json data = {
      {"kind", "diff"},
      {"labels", {label_a, label_b}},
      {"diff", json::parse(diff_to_json(diff_runs(a, b), -1))},
      {"records", {json::parse(result_to_json(a, -1)), json::parse(result_to_json(b, -1))}}};
  write_page(out, "synergy: " + a.model + " " + label_a + " vs " + label_b, data);
}

void write_evaluation_report(std::ostream& out, const std::string& evaluation_json) {
  json doc = json::parse(evaluation_json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw bad_input("the evaluation is not JSON (write it with synergy evaluate --format json)");
  if (doc.value("format", "") != "synergy-evaluation" || !doc.contains("evaluations") ||
      !doc["evaluations"].is_array())
    throw bad_input(
        "not a synergy-evaluation document (write it with synergy evaluate --format json)");
  for (const auto& e : doc["evaluations"]) {
    if (!e.is_object() || !e.contains("networks") || !e["networks"].is_array())
      throw bad_input("an evaluation in the document has no networks");
    for (const auto& n : e["networks"])
      if (!n.is_object() || !n.contains("measured") || !n.contains("predicted") ||
          !n["measured"].is_number() || !n["predicted"].is_number())
        throw bad_input("a network in the evaluation has no measured or predicted number");
  }
  write_page(out, "synergy: prediction evaluation", {{"kind", "evaluation"}, {"evaluation", doc}});
}

}  // namespace synergy
