#include "measure/inventory.hpp"

#include <algorithm>

#include "measure/counters/event_resolver.hpp"
#include "measure/registry.hpp"
#include "util/error.hpp"

namespace synergy {

namespace {

SourceReport report_source(const std::string& spec, const InventoryOptions& o) {
  SourceReport r;
  r.spec = spec;
  auto src = make_energy_source(spec, o.source_options);
  r.availability = src->availability();
  r.domains = src->domains();
  r.provenance = src->provenance();
  r.declared_period_ns = src->declared_update_period_ns();
  if (!r.availability.available) return r;
  r.context = src->context();
  r.read_cost = measure_read_cost(*src, o.read_cost_reads);
  if (o.period_probe_ns > 0 && !r.domains.empty()) {
    int64_t limit = o.period_probe_ns;
    if (r.declared_period_ns > 0) limit = std::min(limit, 4 * r.declared_period_ns + 50'000'000);
    r.measured_period = measure_update_period(*src, 0, limit);
  }
  return r;
}

void report_presets(Inventory& inv, const InventoryOptions& o) {
  inv.pmus = detected_pmus();
  PresetCatalog catalog;
  try {
    catalog = load_presets(o.preset_dir.empty() ? default_preset_dir() : o.preset_dir, inv.pmus);
  } catch (const Error& e) {
    inv.preset_error = e.what();
    return;
  }
  for (const CounterPreset& p : catalog.presets) {
    CounterGroup g(p.events);
    inv.presets.push_back({p, g.status()});
  }
}

}  // namespace

Inventory take_inventory(const InventoryOptions& options) {
  Inventory inv;
  std::vector<std::string> specs = options.specs.empty() ? probe_source_names() : options.specs;
  for (const std::string& spec : specs) inv.sources.push_back(report_source(spec, options));
  report_presets(inv, options);
  return inv;
}

}  // namespace synergy
