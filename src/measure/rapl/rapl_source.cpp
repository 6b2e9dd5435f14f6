#include "measure/rapl/rapl_source.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <vector>

#include "measure/common/channel_source.hpp"
#include "measure/common/sysfs_file.hpp"

namespace synergy {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kRaplUpdatePeriodNs = 1'000'000;  // the MSRs update about every 976 us
constexpr double kRaplCeilingW = 2'000.0;           // no CPU package or DRAM draws 2 kW

struct Zone {
  std::string dir;
  std::string id;  // "0" or "0:1" after "intel-rapl:"
};

std::vector<Zone> find_zones(const std::string& powercap) {
  std::vector<Zone> zones;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(powercap, ec)) {
    std::string base = entry.path().filename().string();
    const std::string prefix = "intel-rapl:";
    if (base.rfind(prefix, 0) != 0) continue;  // also skips intel-rapl-mmio, a second view
    zones.push_back({entry.path().string(), base.substr(prefix.size())});
  }
  std::sort(zones.begin(), zones.end(), [](const Zone& a, const Zone& b) { return a.id < b.id; });
  return zones;
}

std::string package_index(const std::string& id) {
  return id.substr(0, id.find(':'));
}

// Names carry the package index; descriptions say what is inside what, so nobody adds core to
// package, or package to psys.
Domain zone_domain(const Zone& z, const std::string& zone_name) {
  std::string pkg = package_index(z.id);
  bool named_package = zone_name.rfind("package", 0) == 0;
  Domain d;
  d.provenance = Provenance::EnergyCounter;
  d.name = named_package || zone_name == "psys" ? zone_name : zone_name + "-" + pkg;
  if (named_package) {
    d.description = "CPU package " + pkg + ": includes its core and uncore";
  } else if (zone_name == "psys") {
    d.description = "whole platform (psys): includes the packages";
  } else if (zone_name == "dram") {
    d.description = "DRAM of package " + pkg + " (not in the package figure)";
  } else {
    d.description = zone_name + " of package " + pkg + " (part of package-" + pkg + ": do not add)";
  }
  return d;
}

bool refused(int error_number) {
  return error_number == EACCES || error_number == EPERM;
}

}  // namespace

std::string rapl_permission_hint(const std::string& energy_file) {
  return "permission denied reading " + energy_file +
         ": RAPL energy counters are readable by root only since CVE-2020-8694 (the Platypus "
         "power side channel). Grant read access with `sudo chmod a+r " +
         energy_file +
         "` (until reboot), a udev rule such as SUBSYSTEM==\"powercap\", "
         "RUN+=\"/bin/chmod a+r /sys%p/energy_uj\", or run synergy as root";
}

std::unique_ptr<EnergySource> make_rapl_source(const SourceOptions& options) {
  std::string root = resolve_sysfs_root(options.sysfs_root);
  std::string powercap = under_root(root, "/sys/class/powercap");
  ChannelSourceConfig config;
  config.name = "rapl";
  config.provenance = Provenance::EnergyCounter;
  config.declared_update_period_ns = kRaplUpdatePeriodNs;
  config.clock = options.clock;
  config.max_power_w = options.max_power_w > 0 ? options.max_power_w : kRaplCeilingW;
  std::string refusal;
  for (const Zone& z : find_zones(powercap)) {
    FileText name = read_text_file(z.dir + "/name");
    FileInteger range = read_integer_file(z.dir + "/max_energy_range_uj");
    if (!name.ok) continue;
    Channel c;
    c.domain = zone_domain(z, name.text);
    c.kind = Channel::Kind::Energy;
    c.path = z.dir + "/energy_uj";
    c.scale = 1e-6;
    c.max_raw = range.ok && range.value > 0 ? static_cast<uint64_t>(range.value) : 0;
    FileText probe = read_text_file(c.path);
    if (!probe.ok && refused(probe.error_number) && refusal.empty())
      refusal = rapl_permission_hint(c.path);
    config.channels.push_back(std::move(c));
  }
  if (config.channels.empty()) {
    config.unavailable_reason = "no RAPL zones under " + powercap +
                                " (not an Intel/AMD CPU, the intel_rapl_common module is not "
                                "loaded, or a virtual machine that hides RAPL)";
  } else if (!refusal.empty()) {
    config.unavailable_reason = refusal;
    config.channels.clear();
  }
  return std::make_unique<ChannelSource>(std::move(config));
}

}  // namespace synergy
