// The power-related channels of one hwmon chip directory: powerN_input (uW), energyN_input (uJ),
// and inN_input (mV) x currN_input (mA) pairs when the chip has no power or energy files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "measure/common/channel_source.hpp"

namespace synergy {

struct HwmonChannelInfo {
  Channel channel;
  std::string label;  // from the *_label file, or "power1", "in2", ...
};

std::vector<HwmonChannelInfo> hwmon_chip_channels(const std::string& chip_dir);
// The chip's update_interval (ms) in ns, 0 when it has none.
int64_t hwmon_update_interval_ns(const std::string& chip_dir);

}  // namespace synergy
