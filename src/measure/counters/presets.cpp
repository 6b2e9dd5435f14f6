#include "measure/counters/presets.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "util/data_dir.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy {

namespace fs = std::filesystem;

namespace {

struct PresetFile {
  std::string path;
  bool any = false;
  std::vector<std::string> pmu_prefixes;
  std::vector<CounterPreset> presets;
  std::map<std::string, std::string> about;
};

void parse_match(PresetFile& f, const std::vector<std::string>& w, const std::string& where) {
  if (w.size() == 2 && w[1] == "any") {
    f.any = true;
  } else if (w.size() >= 3 && w[1] == "pmu") {
    f.pmu_prefixes.assign(w.begin() + 2, w.end());
  } else {
    throw bad_input(where + ": expected 'match any' or 'match pmu PREFIX...'");
  }
}

void parse_line(PresetFile& f, const std::string& line, const std::string& where) {
  std::vector<std::string> w = words(line);
  if (w[0] == "match") return parse_match(f, w, where);
  size_t colon = line.find(':');
  if (colon == std::string::npos) throw bad_input(where + ": expected 'PRESET: EVENT...'");
  std::string head = trim(line.substr(0, colon));
  std::string rest = trim(line.substr(colon + 1));
  if (head.rfind("about ", 0) == 0) {
    f.about[trim(head.substr(6))] = rest;
    return;
  }
  if (head.empty() || head.find_first_of(" ,") != std::string::npos || rest.empty())
    throw bad_input(where +
                    ": expected 'PRESET: EVENT...' (a preset's name has no spaces or "
                    "commas: lists of presets are split on commas)");
  f.presets.push_back({head, "", words(rest), f.path});
}

PresetFile parse_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw bad_input("cannot read counter preset file " + path);
  PresetFile f;
  f.path = path;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    parse_line(f, t, path + ":" + std::to_string(n));
  }
  if (!f.any && f.pmu_prefixes.empty()) throw bad_input(path + ": no 'match' line");
  for (CounterPreset& p : f.presets) p.description = f.about[p.name];
  return f;
}

bool matches(const PresetFile& f, const std::vector<std::string>& pmus) {
  for (const auto& prefix : f.pmu_prefixes)
    for (const auto& pmu : pmus)
      if (pmu.rfind(prefix, 0) == 0) return true;
  return false;
}

void add_missing(PresetCatalog& c, const PresetFile& f) {
  for (const CounterPreset& p : f.presets)
    if (c.find(p.name) == nullptr) c.presets.push_back(p);
}

}  // namespace

const CounterPreset* PresetCatalog::find(const std::string& name) const {
  for (const auto& p : presets)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<std::string> PresetCatalog::events_of(const std::string& preset_list) const {
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::stringstream ss(preset_list);
  std::string name;
  while (std::getline(ss, name, ',')) {
    const CounterPreset* p = find(trim(name));
    if (p == nullptr) {
      std::string known;
      for (const auto& q : presets) known += (known.empty() ? "" : ", ") + q.name;
      throw bad_input("unknown counter preset '" + trim(name) + "' for this CPU; known: " + known);
    }
    for (const auto& e : p->events)
      if (seen.insert(e).second) out.push_back(e);
  }
  return out;
}

PresetCatalog load_presets(const std::string& dir, const std::vector<std::string>& pmus) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".txt") paths.push_back(e.path().string());
  if (paths.empty()) throw bad_input("no counter preset files (*.txt) in " + dir);
  std::sort(paths.begin(), paths.end());
  std::vector<PresetFile> files;
  for (const auto& p : paths) files.push_back(parse_file(p));
  PresetCatalog c;
  c.pmus = pmus;
  for (const auto& f : files)
    if (!f.any && matches(f, pmus)) add_missing(c, f);
  for (const auto& f : files)
    if (f.any) add_missing(c, f);
  return c;
}

std::string default_preset_dir() {
  return data_dir("counters", SYNERGY_MEASURE_DATA_DIR);
}

}  // namespace synergy
