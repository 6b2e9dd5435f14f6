#include "measure/gpu_counters/gpu_presets.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "util/data_dir.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy {

namespace fs = std::filesystem;

namespace {

bool is_metric_name(const std::string& s) {
  if (s.empty()) return false;
  if (std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  });
}

MetricTerm parse_term(const std::string& text, const std::string& formula) {
  const std::string t = trim(text);
  MetricTerm term;
  const size_t star = t.find('*');
  term.metric = trim(star == std::string::npos ? t : t.substr(star + 1));
  if (star != std::string::npos) {
    const std::string number = trim(t.substr(0, star));
    size_t used = 0;
    try {
      term.coefficient = std::stod(number, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (number.empty() || used != number.size())
      throw bad_input("formula '" + formula + "': '" + number + "' is not a number");
  }
  if (!is_metric_name(term.metric))
    throw bad_input("formula '" + formula + "': '" + t + "' is not NUMBER*METRIC or METRIC");
  return term;
}

struct Parsed {
  std::vector<GpuCounterPreset> presets;
  std::map<std::string, std::string> about;
  std::map<std::string, DerivedMetric> derived;
};

void parse_line(Parsed& p, const std::string& line, const std::string& where) {
  const size_t colon = line.find(':');
  if (colon == std::string::npos) throw bad_input(where + ": expected 'PRESET: METRIC...'");
  const std::string head = trim(line.substr(0, colon));
  const std::string rest = trim(line.substr(colon + 1));
  if (head.rfind("about ", 0) == 0) {
    p.about[trim(head.substr(6))] = rest;
    return;
  }
  if (head.rfind("derive ", 0) == 0) {
    const std::string name = trim(head.substr(7));
    if (!is_metric_name(name)) throw bad_input(where + ": bad derived metric name '" + name + "'");
    if (p.derived.count(name)) throw bad_input(where + ": '" + name + "' is derived twice");
    try {
      p.derived[name] = DerivedMetric{name, parse_formula(rest)};
    } catch (const Error& e) {
      throw bad_input(where + ": " + e.what());
    }
    return;
  }
  if (head.empty() || head.find_first_of(" ,") != std::string::npos || rest.empty())
    throw bad_input(where + ": expected 'PRESET: METRIC...'");
  p.presets.push_back({head, "", words(rest)});
}

void parse_file(Parsed& p, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw bad_input("cannot read GPU counter preset file " + path);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    parse_line(p, t, path + ":" + std::to_string(n));
  }
}

void add_unique(std::vector<std::string>& list, const std::string& s) {
  if (std::find(list.begin(), list.end(), s) == list.end()) list.push_back(s);
}

}  // namespace

double DerivedMetric::evaluate(const std::map<std::string, double>& measured) const {
  if (terms.empty()) return std::nan("");
  double sum = 0.0;
  for (const MetricTerm& t : terms) {
    auto it = measured.find(t.metric);
    if (it == measured.end() || !std::isfinite(it->second)) return std::nan("");
    sum += t.coefficient * it->second;
  }
  return sum;
}

std::vector<MetricTerm> parse_formula(const std::string& text) {
  if (trim(text).empty()) throw bad_input("empty formula");
  std::vector<MetricTerm> terms;
  for (const std::string& part : split(text, '+')) terms.push_back(parse_term(part, text));
  return terms;
}

const GpuCounterPreset* GpuPresetCatalog::find(const std::string& name) const {
  for (const auto& p : presets)
    if (p.name == name) return &p;
  return nullptr;
}

GpuMetricRequest GpuPresetCatalog::request_of(const std::string& preset_list) const {
  GpuMetricRequest r;
  std::vector<std::string> derived_names;
  for (const std::string& name : split(preset_list, ',')) {
    const GpuCounterPreset* p = find(name);
    if (p == nullptr) {
      std::string known;
      for (const auto& q : presets) known += " " + q.name;
      throw bad_input("unknown GPU counter preset '" + name + "'; known:" + known);
    }
    for (const std::string& m : p->metrics) {
      auto d = derived.find(m);
      if (d == derived.end()) {
        add_unique(r.measured, m);
        continue;
      }
      for (const MetricTerm& t : d->second.terms) add_unique(r.measured, t.metric);
      add_unique(derived_names, m);
    }
  }
  for (const std::string& n : derived_names) r.derived.push_back(derived.at(n));
  return r;
}

GpuPresetCatalog load_gpu_presets(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".txt") files.push_back(entry.path().string());
  if (ec) throw bad_input("cannot list GPU counter presets in " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  Parsed p;
  for (const std::string& f : files) parse_file(p, f);
  GpuPresetCatalog c;
  for (GpuCounterPreset& preset : p.presets) {
    preset.description = p.about[preset.name];
    auto same = std::find_if(c.presets.begin(), c.presets.end(),
                             [&](const GpuCounterPreset& q) { return q.name == preset.name; });
    if (same != c.presets.end()) {
      *same = preset;
    } else {
      c.presets.push_back(preset);
    }
  }
  c.derived = std::move(p.derived);
  return c;
}

std::string default_gpu_preset_dir() {
  return data_dir("gpu_counters", SYNERGY_GPU_COUNTERS_DATA_DIR);
}

}  // namespace synergy
