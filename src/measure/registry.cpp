#include "measure/registry.hpp"

#include <cstdlib>

#include "measure/estimate/estimate_source.hpp"
#include "measure/hwmon/hwmon_source.hpp"
#include "measure/jetson/jetson_source.hpp"
#include "measure/nvml/nvml_source.hpp"
#include "measure/rapl/rapl_perf_source.hpp"
#include "measure/rapl/rapl_source.hpp"
#include "measure/trace/trace_source.hpp"
#include "util/error.hpp"

namespace synergy {

namespace {

class NullSource : public EnergySource {
 public:
  std::string name() const override { return "none"; }
  Availability availability() const override { return {true, ""}; }
  std::vector<Domain> domains() const override { return {}; }
  Provenance provenance() const override { return Provenance::ModelEstimate; }
  int64_t declared_update_period_ns() const override { return 0; }
  EnergyReading read() override { return {}; }
};

double watts(const std::string& text, const std::string& spec) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(v >= 0))
    throw bad_input("'" + spec + "': '" + text + "' is not a power in watts");
  return v;
}

std::unique_ptr<EnergySource> make_estimate(const std::string& args, const std::string& spec,
                                            SourceOptions options) {
  if (!args.empty()) {
    size_t colon = args.find(':');
    options.estimate_tdp_w = watts(args.substr(0, colon), spec);
    if (colon != std::string::npos) options.estimate_idle_w = watts(args.substr(colon + 1), spec);
  }
  return make_estimate_source(options);
}

std::string known_names() {
  std::string s;
  for (const auto& h : energy_source_specs()) s += (s.empty() ? "" : ", ") + h.spec;
  return s;
}

}  // namespace

const std::vector<SourceSpecHelp>& energy_source_specs() {
  static const std::vector<SourceSpecHelp> specs{
      {"rapl", "CPU package/core/uncore/DRAM/psys energy counters (powercap sysfs)"},
      {"rapl:perf", "the same counters through the perf power PMU (64-bit, no wrap)"},
      {"nvml", "NVIDIA GPU total energy counter + instantaneous power (NVML)"},
      {"nvml:power", "NVIDIA GPU instantaneous power field, integrated"},
      {"hwmon", "hwmon power, energy and voltage x current channels"},
      {"jetson", "Jetson INA3221 rails (iio on L4T 28/32, hwmon on newer L4T)"},
      {"trace:FILE", "an external meter's CSV log (time and power or energy)"},
      {"estimate[:TDP_W[:IDLE_W]]", "a model estimate from CPU utilisation (not a measurement)"},
      {"none", "no energy measurement"},
  };
  return specs;
}

std::vector<std::string> probe_source_names() {
  return {"rapl", "rapl:perf", "nvml", "hwmon", "jetson"};
}

std::unique_ptr<EnergySource> make_null_source() {
  return std::make_unique<NullSource>();
}

std::unique_ptr<EnergySource> make_energy_source(std::string_view spec_view,
                                                 const SourceOptions& options) {
  std::string spec(spec_view);
  size_t colon = spec.find(':');
  std::string head = spec.substr(0, colon);
  std::string args = colon == std::string::npos ? "" : spec.substr(colon + 1);
  if (spec == "rapl") return make_rapl_source(options);
  if (spec == "rapl:perf") return make_rapl_perf_source(options);
  if (spec == "nvml") return make_nvml_source(options, NvmlMode::EnergyCounter);
  if (spec == "nvml:power") return make_nvml_source(options, NvmlMode::InstantPower);
  if (spec == "hwmon") return make_hwmon_source(options);
  if (spec == "jetson") return make_jetson_source(options);
  if (spec == "none") return make_null_source();
  if (head == "estimate") return make_estimate(args, spec, options);
  if (head == "trace") {
    if (args.empty()) throw bad_input("trace source needs a file: trace:FILE");
    return TraceSource::load(args, options);
  }
  throw bad_input("unknown energy source '" + spec + "'; known: " + known_names());
}

ChosenSource choose_energy_source(std::string_view spec, const SourceOptions& options) {
  ChosenSource out;
  if (spec == "none") {
    out.unavailable = "disabled with --energy none";
    return out;
  }
  if (spec != "auto") {
    auto s = make_energy_source(spec, options);
    require_available(*s);
    out.source = std::move(s);
    return out;
  }
  std::string tried;
  for (const auto& name : probe_source_names()) {
    auto s = make_energy_source(name, options);
    const Availability a = s->availability();
    if (a.available && !s->domains().empty()) {
      out.source = std::move(s);
      return out;
    }
    tried += (tried.empty() ? "" : ", ") + name;
  }
  // Each source's reason is long; `synergy sensors` gives them all.
  out.unavailable = "no energy sensor found (tried " + tried +
                    "; `synergy sensors` says why each is missing), or give one with --energy";
  return out;
}

size_t domain_index(const EnergySource& s, std::string_view name) {
  const auto domains = s.domains();
  if (domains.empty()) throw unavailable("energy source '" + s.name() + "' has no domains");
  if (name.empty()) return 0;
  std::string known;
  for (size_t i = 0; i < domains.size(); ++i) {
    if (domains[i].name == name) return i;
    known += " " + domains[i].name;
  }
  throw bad_input("unknown energy domain '" + std::string(name) + "'; known:" + known);
}

}  // namespace synergy
