#include "measure/nvml/nvml_api.hpp"

#include <dlfcn.h>

namespace synergy::nvml {

double field_as_double(const FieldValue& v) {
  switch (v.value_type) {
    case 0:
      return v.value.d;
    case 1:
      return static_cast<double>(v.value.ui);
    case 2:
      return static_cast<double>(v.value.ul);
    case 3:
      return static_cast<double>(v.value.ull);
    case 4:
      return static_cast<double>(v.value.sll);
    case 5:
      return static_cast<double>(v.value.si);
  }
  return 0;
}

std::string Api::describe(Return r) const {
  const char* s = error_string != nullptr ? error_string(r) : nullptr;
  return (s != nullptr ? std::string(s) : "error") + " (NVML " + std::to_string(r) + ")";
}

namespace {

template <typename F>
bool bind(void* handle, const char* symbol, F& fn, std::string& why) {
  void* p = dlsym(handle, symbol);
  if (p == nullptr) {
    why = std::string("NVML library lacks ") + symbol + " (driver too old?)";
    return false;
  }
  fn = reinterpret_cast<F>(p);
  return true;
}

bool bind_all(void* h, Api& a, std::string& why) {
  return bind(h, "nvmlInit_v2", a.init, why) && bind(h, "nvmlShutdown", a.shutdown, why) &&
         bind(h, "nvmlErrorString", a.error_string, why) &&
         bind(h, "nvmlDeviceGetCount_v2", a.device_count, why) &&
         bind(h, "nvmlDeviceGetHandleByIndex_v2", a.device_by_index, why) &&
         bind(h, "nvmlDeviceGetName", a.device_name, why) &&
         bind(h, "nvmlDeviceGetTotalEnergyConsumption", a.total_energy_mj, why) &&
         bind(h, "nvmlDeviceGetPowerUsage", a.power_usage_mw, why) &&
         bind(h, "nvmlDeviceGetFieldValues", a.field_values, why) &&
         bind(h, "nvmlDeviceGetClockInfo", a.clock_mhz, why) &&
         bind(h, "nvmlDeviceGetTemperature", a.temperature_c, why) &&
         bind(h, "nvmlSystemGetDriverVersion", a.driver_version, why);
}

}  // namespace

std::unique_ptr<Library> Library::open(const std::string& path, std::string& why) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* err = dlerror();
    why = "no NVIDIA driver (cannot load " + path + ": " + (err != nullptr ? err : "unknown") + ")";
    return nullptr;
  }
  std::unique_ptr<Library> lib(new Library());
  lib->handle_ = handle;
  if (!bind_all(handle, lib->api_, why)) return nullptr;
  return lib;
}

Library::~Library() {
  if (handle_ != nullptr) dlclose(handle_);
}

}  // namespace synergy::nvml
