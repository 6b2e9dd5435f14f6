// Counter presets (simd, mem, ipc, cache, software, ...) read from data files, one per PMU family
// (data/counters/*.txt; the format is described in generic.txt). Adding a CPU needs no C++.
#pragma once

#include <string>
#include <vector>

namespace synergy {

struct CounterPreset {
  std::string name;
  std::string description;
  std::vector<std::string> events;
  std::string file;  // the data file it came from
};

struct PresetCatalog {
  std::vector<std::string> pmus;  // the PMUs the catalog was chosen for
  std::vector<CounterPreset> presets;
  const CounterPreset* find(const std::string& name) const;
  // The events of a comma-separated list of preset names ("simd,mem"), in order, without
  // repeats. Throws bad_input for an unknown preset, listing the known ones.
  std::vector<std::string> events_of(const std::string& preset_list) const;
};

// Loads every *.txt in dir and keeps, per preset, the first matching CPU-specific definition
// (files in name order), else the generic one. Throws bad_input for a malformed file.
PresetCatalog load_presets(const std::string& dir, const std::vector<std::string>& pmus);

// $SYNERGY_DATA_DIR/counters, else the source tree's data/counters.
std::string default_preset_dir();

}  // namespace synergy
