// Plain-language reasons for CUPTI result codes, with the fix where there is one. Plain C++ (the
// codes are CUPTI's stable numbers), so the mapping is the same and testable in every build.
#pragma once

#include <string>

namespace synergy {

// CUPTI result codes this project explains (values of CUptiResult in cupti_result.h).
enum class CuptiCode : int {
  Success = 0,
  InvalidParameter = 1,
  InvalidDevice = 2,
  InvalidOperation = 7,
  OutOfMemory = 8,
  NotCompatible = 14,
  NotInitialized = 15,
  InvalidMetricName = 17,
  NotSupported = 27,
  VirtualizedDeviceNotSupported = 33,
  InsufficientPrivileges = 35,
  LegacyProfilerNotSupported = 38,
  MultipleSubscribersNotSupported = 39,
  VirtualizedDeviceInsufficientPrivileges = 40,
  ConfidentialComputingNotSupported = 41,
  CmpDeviceNotSupported = 42,
  Unknown = 999,
};

// Levels of CUpti_Profiler_Support_Level: 0 unknown, 1 unsupported, 2 disabled, 3 supported.
struct DeviceSupport {
  int overall = 0;
  int architecture = 0;
  int sli = 0;
  int vgpu = 0;
  int confidential_compute = 0;
  int cmp = 0;
  int wsl = 0;
};

// Empty when profiling is supported; otherwise every reason the driver gave, in words.
std::string explain_device_support(const DeviceSupport& s);

// "<call> failed (<name or code>): <why, and how to fix it>". `name` is CUPTI's own name of the
// code (cuptiGetResultString) when known, else empty.
std::string explain_cupti_error(int code, const std::string& call, const std::string& name = "");

}  // namespace synergy
