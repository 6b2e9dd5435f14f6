#include "measure/gpu_counters/cupti_errors.hpp"

namespace synergy {

namespace {

const char* kPermissionFix =
    "reading GPU performance counters is restricted to administrators by the NVIDIA driver "
    "(ERR_NVGPUCTRPERM). Run as root, or allow all users: create "
    "/etc/modprobe.d/nvidia-profiling.conf with 'options nvidia "
    "NVreg_RestrictProfilingToAdminUsers=0' and reload the driver (or reboot); see "
    "https://developer.nvidia.com/ERR_NVGPUCTRPERM";

std::string why(int code) {
  switch (static_cast<CuptiCode>(code)) {
    case CuptiCode::InsufficientPrivileges:
      return kPermissionFix;
    case CuptiCode::VirtualizedDeviceInsufficientPrivileges:
      return "profiling is not enabled for this virtual GPU; the host administrator must enable "
             "it for the vGPU";
    case CuptiCode::VirtualizedDeviceNotSupported:
      return "this virtualized GPU does not support performance counters";
    case CuptiCode::ConfidentialComputingNotSupported:
      return "the GPU runs in confidential-computing mode, which forbids profiling";
    case CuptiCode::CmpDeviceNotSupported:
      return "crypto-mining (CMP) GPUs do not support profiling";
    case CuptiCode::NotSupported:
    case CuptiCode::NotCompatible:
    case CuptiCode::LegacyProfilerNotSupported:
      return "this GPU, driver or configuration does not support CUPTI range profiling "
             "(needs compute capability 7.5 or later and a driver matching CUDA's CUPTI)";
    case CuptiCode::MultipleSubscribersNotSupported:
      return "another profiler (Nsight Systems/Compute, a second CUPTI client) already uses the "
             "GPU's counters; run without it";
    case CuptiCode::InvalidMetricName:
      return "the GPU does not know this metric (names differ between architectures)";
    case CuptiCode::InvalidDevice:
      return "no such CUDA device";
    case CuptiCode::NotInitialized:
      return "CUPTI could not initialise (no NVIDIA driver, or libcupti does not match it)";
    case CuptiCode::OutOfMemory:
      return "out of memory for the profiler's buffers";
    case CuptiCode::InvalidOperation:
      return "the profiler was used in the wrong state (a profiler session may already be "
             "active on this context)";
    case CuptiCode::InvalidParameter:
      return "CUPTI rejected the parameters";
    default:
      return "CUPTI reported an error";
  }
}

}  // namespace

std::string explain_device_support(const DeviceSupport& s) {
  constexpr int kUnsupported = 1;
  constexpr int kDisabled = 2;
  constexpr int kSupported = 3;
  if (s.overall == kSupported) return "";
  std::string out;
  auto add = [&out](int level, const std::string& unsupported, const std::string& disabled) {
    if (level != kUnsupported && level != kDisabled) return;  // supported or unknown
    const std::string& text = level == kDisabled ? disabled : unsupported;
    if (text.empty()) return;
    out += (out.empty() ? "" : "; ") + text;
  };
  add(s.architecture, "the GPU architecture has no range profiling (compute capability < 7.5)", "");
  add(s.sli, "SLI is enabled", "");
  add(s.vgpu, "this virtual GPU does not support profiling",
      "profiling is disabled on this virtual GPU (the host administrator must enable it)");
  add(s.confidential_compute, "confidential computing is enabled", "");
  add(s.cmp, "crypto-mining (CMP) GPUs cannot be profiled", "");
  add(s.wsl, "profiling is not supported under this WSL version", "");
  return "GPU profiling not supported here: " +
         (out.empty() ? std::string("the driver gave no reason") : out);
}

std::string explain_cupti_error(int code, const std::string& call, const std::string& name) {
  const std::string label = name.empty() ? "CUPTI error " + std::to_string(code) : name;
  return call + " failed (" + label + "): " + why(code);
}

}  // namespace synergy
