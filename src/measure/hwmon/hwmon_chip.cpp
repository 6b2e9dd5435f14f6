#include "measure/hwmon/hwmon_chip.hpp"

#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "measure/common/sysfs_file.hpp"

namespace synergy {

namespace fs = std::filesystem;

namespace {

struct Attributes {
  std::map<int, std::string> power, energy, voltage, current, label_power, label_energy, label_in,
      label_curr;
};

Attributes scan(const std::string& dir) {
  static const std::regex pattern(R"(^(power|energy|in|curr)(\d+)_(input|label)$)");
  Attributes a;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string base = entry.path().filename().string();
    std::smatch m;
    if (!std::regex_match(base, m, pattern)) continue;
    int index = std::stoi(m[2].str());
    bool label = m[3] == "label";
    std::string path = entry.path().string();
    std::string kind = m[1];
    if (kind == "power") (label ? a.label_power : a.power)[index] = path;
    if (kind == "energy") (label ? a.label_energy : a.energy)[index] = path;
    if (kind == "in") (label ? a.label_in : a.voltage)[index] = path;
    if (kind == "curr") (label ? a.label_curr : a.current)[index] = path;
  }
  return a;
}

std::string label_of(const std::map<int, std::string>& labels, int index,
                     const std::string& fallback) {
  auto it = labels.find(index);
  if (it == labels.end()) return fallback;
  FileText t = read_text_file(it->second);
  return t.ok && !t.text.empty() ? t.text : fallback;
}

HwmonChannelInfo make(Channel::Kind kind, const std::string& path, double scale,
                      const std::string& label) {
  HwmonChannelInfo info;
  info.label = label;
  info.channel.kind = kind;
  info.channel.path = path;
  info.channel.scale = scale;
  info.channel.domain.name = label;
  info.channel.domain.has_power = kind != Channel::Kind::Energy;
  info.channel.domain.provenance =
      kind == Channel::Kind::Energy ? Provenance::EnergyCounter : Provenance::IntegratedPower;
  return info;
}

}  // namespace

std::vector<HwmonChannelInfo> hwmon_chip_channels(const std::string& chip_dir) {
  Attributes a = scan(chip_dir);
  std::vector<HwmonChannelInfo> out;
  for (const auto& [i, path] : a.energy) {
    std::string label = label_of(a.label_energy, i, "energy" + std::to_string(i));
    out.push_back(make(Channel::Kind::Energy, path, 1e-6, label));
    out.back().channel.domain.description = "energy counter (uJ)";
  }
  for (const auto& [i, path] : a.power) {
    std::string label = label_of(a.label_power, i, "power" + std::to_string(i));
    out.push_back(make(Channel::Kind::Power, path, 1e-6, label));
    out.back().channel.domain.description = "power (uW), integrated over time";
  }
  if (!out.empty()) return out;  // V x I would count the same rails again
  for (const auto& [i, vpath] : a.voltage) {
    auto cur = a.current.find(i);
    if (cur == a.current.end()) continue;
    std::string label =
        label_of(a.label_in, i, label_of(a.label_curr, i, "in" + std::to_string(i)));
    out.push_back(make(Channel::Kind::VoltageCurrent, vpath, 1e-6, label));
    out.back().channel.current_path = cur->second;
    out.back().channel.domain.description = "voltage (mV) x current (mA), integrated over time";
  }
  return out;
}

int64_t hwmon_update_interval_ns(const std::string& chip_dir) {
  FileInteger ms = read_integer_file(chip_dir + "/update_interval");
  return ms.ok && ms.value > 0 ? ms.value * 1'000'000 : 0;
}

}  // namespace synergy
