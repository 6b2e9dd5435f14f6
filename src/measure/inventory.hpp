// What `synergy sensors` reports: every energy source and counter preset, available or not,
// with the reason, domains, update period (declared and measured), read cost and provenance.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "measure/counters/counter_group.hpp"
#include "measure/counters/presets.hpp"
#include "measure/energy_source.hpp"
#include "measure/probe.hpp"
#include "measure/source_options.hpp"

namespace synergy {

struct SourceReport {
  std::string spec;
  Availability availability;
  std::vector<Domain> domains;
  Provenance provenance = Provenance::EnergyCounter;
  int64_t declared_period_ns = 0;
  UpdatePeriod measured_period;  // of the first domain; not measured when unavailable
  ReadCost read_cost;
  ContextFacts context;
};

struct PresetReport {
  CounterPreset preset;
  std::vector<CounterStatus> events;
};

struct Inventory {
  std::vector<SourceReport> sources;
  std::vector<std::string> pmus;
  std::vector<PresetReport> presets;
  std::string preset_error;  // when the preset files could not be loaded
};

struct InventoryOptions {
  SourceOptions source_options;
  std::vector<std::string> specs;  // empty: probe_source_names()
  int64_t period_probe_ns = 0;     // 0: do not measure the update period
  int read_cost_reads = 10;
  std::string preset_dir;  // empty: default_preset_dir()
};

Inventory take_inventory(const InventoryOptions& options);

}  // namespace synergy
