#include "measure/jetson/jetson_source.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "measure/common/channel_source.hpp"
#include "measure/common/sysfs_file.hpp"
#include "measure/hwmon/hwmon_chip.hpp"

namespace synergy {

namespace fs = std::filesystem;

namespace {

// An INA3221 channel of a Jetson module: the largest modules draw about 60 W in all.
constexpr double kRailCeilingW = 500.0;

std::vector<std::string> subdirs(const std::string& dir, const std::string& prefix) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

Channel rail(const std::string& name, const std::string& device) {
  Channel c;
  c.domain.name = name;
  c.domain.has_power = true;
  c.domain.provenance = Provenance::IntegratedPower;
  c.domain.description = "INA3221 rail on " + device;
  return c;
}

// L4T 28/32 iio: rail_name_K, in_powerK_input (mW); V x I when the power file is absent.
void add_iio_device(const std::string& dir, const std::string& device, std::vector<Channel>& out) {
  for (int k = 0; k < 8; ++k) {
    std::string key = std::to_string(k);
    FileText name = read_text_file(dir + "/rail_name_" + key);
    std::string power = dir + "/in_power" + key + "_input";
    bool named = name.ok && !name.text.empty();
    if (!named && !exists(power)) continue;
    Channel c = rail(named ? name.text : "rail" + key, device);
    if (exists(power)) {
      c.kind = Channel::Kind::Power;
      c.path = power;
      c.scale = 1e-3;
    } else {
      c.kind = Channel::Kind::VoltageCurrent;
      c.path = dir + "/in_voltage" + key + "_input";
      c.current_path = dir + "/in_current" + key + "_input";
      c.scale = 1e-6;
    }
    out.push_back(std::move(c));
  }
}

void add_hwmon_chip(const std::string& dir, const std::string& device, std::vector<Channel>& out,
                    int64_t& period_ns) {
  period_ns = std::max(period_ns, hwmon_update_interval_ns(dir));
  for (HwmonChannelInfo& info : hwmon_chip_channels(dir)) {
    if (info.label == "NC") continue;  // not connected
    Channel c = rail(info.label, device);
    c.kind = info.channel.kind;
    c.path = info.channel.path;
    c.current_path = info.channel.current_path;
    c.scale = info.channel.scale;
    c.domain.provenance = info.channel.domain.provenance;
    out.push_back(std::move(c));
  }
}

std::string canonical(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

void make_names_unique(std::vector<Channel>& channels) {
  std::set<std::string> seen;
  for (Channel& c : channels) {
    if (seen.count(c.domain.name)) {
      std::string device = c.domain.description.substr(c.domain.description.rfind(' ') + 1);
      c.domain.name += "@" + device;
    }
    seen.insert(c.domain.name);
  }
}

}  // namespace

std::unique_ptr<EnergySource> make_jetson_source(const SourceOptions& options) {
  std::string root = resolve_sysfs_root(options.sysfs_root);
  ChannelSourceConfig config;
  config.name = "jetson";
  config.provenance = Provenance::IntegratedPower;
  config.clock = options.clock;
  config.max_power_w = options.max_power_w > 0 ? options.max_power_w : kRailCeilingW;
  std::set<std::string> seen_chips;
  std::string iio_driver = under_root(root, "/sys/bus/i2c/drivers/ina3221x");
  for (const std::string& dev : subdirs(iio_driver, "")) {
    std::string device = fs::path(dev).filename().string();
    // "iio:deviceN", or "iio_device" on early L4T 28 (sometimes a link to the former).
    for (const std::string& iio : subdirs(dev, "iio")) {
      if (!seen_chips.insert(canonical(iio)).second) continue;
      add_iio_device(iio, device, config.channels);
    }
  }
  std::string hwmon_driver = under_root(root, "/sys/bus/i2c/drivers/ina3221");
  for (const std::string& dev : subdirs(hwmon_driver, "")) {
    std::string device = fs::path(dev).filename().string();
    for (const std::string& chip : subdirs(dev + "/hwmon", "hwmon")) {
      seen_chips.insert(canonical(chip));
      add_hwmon_chip(chip, device, config.channels, config.declared_update_period_ns);
    }
  }
  for (const std::string& chip : subdirs(under_root(root, "/sys/class/hwmon"), "hwmon")) {
    FileText name = read_text_file(chip + "/name");
    if (!name.ok || name.text != "ina3221" || seen_chips.count(canonical(chip))) continue;
    add_hwmon_chip(chip, fs::path(chip).filename().string(), config.channels,
                   config.declared_update_period_ns);
  }
  make_names_unique(config.channels);
  if (config.channels.empty())
    config.unavailable_reason = "no INA3221 rails under " + iio_driver + " or " + hwmon_driver +
                                " (not a Jetson board, or the monitor's driver is not loaded)";
  return std::make_unique<ChannelSource>(std::move(config));
}

}  // namespace synergy
