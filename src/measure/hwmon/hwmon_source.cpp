#include "measure/hwmon/hwmon_source.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "measure/common/channel_source.hpp"
#include "measure/common/sysfs_file.hpp"
#include "measure/hwmon/hwmon_chip.hpp"

namespace synergy {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> chip_dirs(const std::string& base) {
  std::vector<std::string> dirs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(base, ec)) {
    if (entry.path().filename().string().rfind("hwmon", 0) == 0) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

Provenance overall(const std::vector<Channel>& channels) {
  for (const Channel& c : channels)
    if (c.domain.provenance != Provenance::EnergyCounter) return Provenance::IntegratedPower;
  return Provenance::EnergyCounter;
}

}  // namespace

std::unique_ptr<EnergySource> make_hwmon_source(const SourceOptions& options) {
  std::string base = under_root(resolve_sysfs_root(options.sysfs_root), "/sys/class/hwmon");
  ChannelSourceConfig config;
  config.name = "hwmon";
  config.clock = options.clock;
  config.max_power_w = options.max_power_w;
  std::set<std::string> used;
  for (const std::string& dir : chip_dirs(base)) {
    FileText chip = read_text_file(dir + "/name");
    std::string chip_name = chip.ok ? chip.text : fs::path(dir).filename().string();
    int64_t interval = hwmon_update_interval_ns(dir);
    config.declared_update_period_ns = std::max(config.declared_update_period_ns, interval);
    for (HwmonChannelInfo& info : hwmon_chip_channels(dir)) {
      std::string name = chip_name + ":" + info.label;
      if (used.count(name)) name = fs::path(dir).filename().string() + ":" + name;
      used.insert(name);
      info.channel.domain.name = name;
      config.channels.push_back(std::move(info.channel));
    }
  }
  config.provenance = overall(config.channels);
  if (config.channels.empty())
    config.unavailable_reason = "no hwmon power, energy or voltage/current channels under " + base;
  return std::make_unique<ChannelSource>(std::move(config));
}

}  // namespace synergy
