// A stand-in for libnvidia-ml.so.1 with the entry points synergy loads: one GPU whose energy
// counter advances 50 mJ per call and whose instantaneous power is 75.5 W. FAKE_NVML_FAIL=init
// makes nvmlInit_v2 fail like a machine whose driver is not loaded.
#include <cstdlib>
#include <cstring>

namespace {
struct FieldValue {
  unsigned field_id;
  unsigned scope_id;
  long long timestamp;
  long long latency_usec;
  int value_type;
  int nvml_return;
  union {
    double d;
    unsigned int ui;
    unsigned long long ull;
  } value;
};
unsigned long long energy_mj = 1'000'000;
int dummy_device = 0;
}  // namespace

extern "C" {
int nvmlInit_v2() {
  const char* f = std::getenv("FAKE_NVML_FAIL");
  return f != nullptr && std::strcmp(f, "init") == 0 ? 9 : 0;  // 9: driver not loaded
}
int nvmlShutdown() {
  return 0;
}
const char* nvmlErrorString(int r) {
  return r == 9 ? "Driver Not Loaded" : "Unknown Error";
}
int nvmlDeviceGetCount_v2(unsigned* n) {
  *n = 1;
  return 0;
}
int nvmlDeviceGetHandleByIndex_v2(unsigned, void** d) {
  *d = &dummy_device;
  return 0;
}
int nvmlDeviceGetName(void*, char* name, unsigned len) {
  std::strncpy(name, "Fake GPU", len);
  return 0;
}
int nvmlDeviceGetTotalEnergyConsumption(void*, unsigned long long* mj) {
  energy_mj += 50;
  *mj = energy_mj;
  return 0;
}
int nvmlDeviceGetPowerUsage(void*, unsigned* mw) {
  *mw = 70'000;
  return 0;
}
int nvmlDeviceGetFieldValues(void*, int n, FieldValue* v) {
  for (int i = 0; i < n; ++i) {
    bool known = v[i].field_id == 185 || v[i].field_id == 186;  // average, instant
    v[i].nvml_return = known ? 0 : 3;
    v[i].value_type = 1;
    v[i].value.ui = v[i].field_id == 185 ? 80'250 : 75'500;
  }
  return 0;
}
int nvmlDeviceGetClockInfo(void*, int type, unsigned* mhz) {
  *mhz = type == 1 ? 1980 : 2619;
  return 0;
}
int nvmlDeviceGetTemperature(void*, int, unsigned* c) {
  *c = 41;
  return 0;
}
int nvmlSystemGetDriverVersion(char* v, unsigned len) {
  std::strncpy(v, "580.00-fake", len);
  return 0;
}
}
