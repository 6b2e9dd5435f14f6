// The few NVML entry points synergy uses, loaded at run time from libnvidia-ml.so.1 (no NVML
// header is needed at build time; the declarations follow NVML's documented C ABI).
#pragma once

#include <memory>
#include <string>

namespace synergy::nvml {

using Return = int;  // nvmlReturn_t
using Device = struct DeviceOpaque*;

inline constexpr Return kSuccess = 0;
inline constexpr unsigned kFieldPowerAverage = 185;  // NVML_FI_DEV_POWER_AVERAGE (mW, 1-s average)
inline constexpr unsigned kFieldPowerInstant = 186;  // NVML_FI_DEV_POWER_INSTANT (mW)
inline constexpr int kClockGraphics = 0;
inline constexpr int kClockSm = 1;
inline constexpr int kClockMemory = 2;
inline constexpr int kTemperatureGpu = 0;

// nvmlFieldValue_t
struct FieldValue {
  unsigned field_id;
  unsigned scope_id;
  long long timestamp;
  long long latency_usec;
  int value_type;  // 0 double, 1 uint, 2 ulong, 3 ulonglong, 4 slonglong, 5 sint
  Return nvml_return;
  union {
    double d;
    unsigned int ui;
    unsigned long ul;
    unsigned long long ull;
    long long sll;
    int si;
  } value;
};

double field_as_double(const FieldValue& v);

struct Api {
  Return (*init)() = nullptr;
  Return (*shutdown)() = nullptr;
  const char* (*error_string)(Return) = nullptr;
  Return (*device_count)(unsigned*) = nullptr;
  Return (*device_by_index)(unsigned, Device*) = nullptr;
  Return (*device_name)(Device, char*, unsigned) = nullptr;
  Return (*total_energy_mj)(Device, unsigned long long*) = nullptr;
  Return (*power_usage_mw)(Device, unsigned*) = nullptr;
  Return (*field_values)(Device, int, FieldValue*) = nullptr;
  Return (*clock_mhz)(Device, int, unsigned*) = nullptr;
  Return (*temperature_c)(Device, int, unsigned*) = nullptr;
  Return (*driver_version)(char*, unsigned) = nullptr;

  std::string describe(Return r) const;
};

// Opens the library and resolves every entry point; on failure returns null and sets why.
class Library {
 public:
  static std::unique_ptr<Library> open(const std::string& path, std::string& why);
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
  const Api& api() const { return api_; }

 private:
  Library() = default;
  void* handle_ = nullptr;
  Api api_;
};

}  // namespace synergy::nvml
