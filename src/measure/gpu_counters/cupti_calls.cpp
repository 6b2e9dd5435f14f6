#include "measure/gpu_counters/cupti_calls.hpp"

#include <cuda_runtime.h>
#include <cupti_profiler_target.h>
#include <cupti_result.h>
#include <cupti_target.h>
#include <dlfcn.h>

#include "measure/gpu_counters/cupti_errors.hpp"

namespace synergy::cupti {

namespace {

static_assert(static_cast<int>(CuptiCode::InsufficientPrivileges) ==
              CUPTI_ERROR_INSUFFICIENT_PRIVILEGES);
static_assert(static_cast<int>(CuptiCode::InvalidMetricName) == CUPTI_ERROR_INVALID_METRIC_NAME);
static_assert(static_cast<int>(CuptiCode::NotSupported) == CUPTI_ERROR_NOT_SUPPORTED);
static_assert(static_cast<int>(CuptiCode::CmpDeviceNotSupported) ==
              CUPTI_ERROR_CMP_DEVICE_NOT_SUPPORTED);
static_assert(static_cast<int>(CuptiCode::Unknown) == CUPTI_ERROR_UNKNOWN);

// A parameter block of CUPTI's versioned-struct convention: zeroed, with its size set.
template <class Params>
Params params(size_t struct_size) {
  Params p{};
  p.structSize = struct_size;
  return p;
}

std::string result_name(CUptiResult r) {
  const char* s = nullptr;
  if (cuptiGetResultString(r, &s) == CUPTI_SUCCESS && s != nullptr) return s;
  return "";
}

std::string reason_of(CUptiResult r, const char* call) {
  return explain_cupti_error(static_cast<int>(r), call, result_name(r));
}

void check(CUptiResult r, const char* call) {
  if (r != CUPTI_SUCCESS) throw CuptiFailure{reason_of(r, call)};
}

void check_cuda(cudaError_t e, const std::string& what) {
  if (e != cudaSuccess)
    throw CuptiFailure{"no usable CUDA device (" + what + ": " + cudaGetErrorString(e) + ")"};
}

template <class Fn>
Fn driver_entry(void* lib, const char* name) {
  void* f = dlsym(lib, name);
  if (f == nullptr) throw CuptiFailure{std::string("the NVIDIA driver has no ") + name};
  return reinterpret_cast<Fn>(f);
}

}  // namespace

DeviceContext current_context(int device) {
  int count = 0;
  check_cuda(cudaGetDeviceCount(&count), "cudaGetDeviceCount");
  if (device < 0 || device >= count)
    throw CuptiFailure{"no CUDA device " + std::to_string(device) + " (" + std::to_string(count) +
                       " present)"};
  check_cuda(cudaSetDevice(device), "cudaSetDevice");
  check_cuda(cudaFree(nullptr), "creating the CUDA context");
  // Already loaded by the CUDA runtime: this only takes a reference to it.
  void* lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
  if (lib == nullptr) lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) throw CuptiFailure{std::string("NVIDIA driver library: ") + dlerror()};
  DeviceContext dc;
  try {
    auto get_context = driver_entry<CUresult (*)(CUcontext*)>(lib, "cuCtxGetCurrent");
    auto get_device = driver_entry<CUresult (*)(CUdevice*)>(lib, "cuCtxGetDevice");
    if (get_context(&dc.context) != CUDA_SUCCESS || dc.context == nullptr)
      throw CuptiFailure{"no current CUDA context on this thread"};
    if (get_device(&dc.device) != CUDA_SUCCESS)
      throw CuptiFailure{"cannot read the device of the CUDA context"};
  } catch (...) {
    dlclose(lib);
    throw;
  }
  dlclose(lib);
  return dc;
}

void initialize_profiler() {
  auto p = params<CUpti_Profiler_Initialize_Params>(CUpti_Profiler_Initialize_Params_STRUCT_SIZE);
  check(cuptiProfilerInitialize(&p), "cuptiProfilerInitialize");
}

void deinitialize_profiler() {
  auto p =
      params<CUpti_Profiler_DeInitialize_Params>(CUpti_Profiler_DeInitialize_Params_STRUCT_SIZE);
  cuptiProfilerDeInitialize(&p);
}

void require_device_supported(CUdevice device) {
  auto p = params<CUpti_Profiler_DeviceSupported_Params>(
      CUpti_Profiler_DeviceSupported_Params_STRUCT_SIZE);
  p.cuDevice = device;
  p.api = CUPTI_PROFILER_RANGE_PROFILING;
  check(cuptiProfilerDeviceSupported(&p), "cuptiProfilerDeviceSupported");
  const std::string why = explain_device_support(DeviceSupport{
      p.isSupported, p.architecture, p.sli, p.vGpu, p.confidentialCompute, p.cmp, p.wsl});
  if (!why.empty()) throw CuptiFailure{why};
}

std::string chip_name(int device) {
  auto p = params<CUpti_Device_GetChipName_Params>(CUpti_Device_GetChipName_Params_STRUCT_SIZE);
  p.deviceIndex = static_cast<size_t>(device);
  check(cuptiDeviceGetChipName(&p), "cuptiDeviceGetChipName");
  if (p.pChipName == nullptr) throw CuptiFailure{"CUPTI did not name the GPU's chip"};
  return p.pChipName;
}

std::vector<uint8_t> counter_availability(CUcontext context) {
  auto p = params<CUpti_Profiler_GetCounterAvailability_Params>(
      CUpti_Profiler_GetCounterAvailability_Params_STRUCT_SIZE);
  p.ctx = context;
  check(cuptiProfilerGetCounterAvailability(&p), "cuptiProfilerGetCounterAvailability (size)");
  std::vector<uint8_t> image(p.counterAvailabilityImageSize);
  p.pCounterAvailabilityImage = image.data();
  check(cuptiProfilerGetCounterAvailability(&p), "cuptiProfilerGetCounterAvailability");
  return image;
}

CUpti_Profiler_Host_Object* host_initialize(const std::string& chip,
                                            const std::vector<uint8_t>& availability) {
  auto p = params<CUpti_Profiler_Host_Initialize_Params>(
      CUpti_Profiler_Host_Initialize_Params_STRUCT_SIZE);
  p.profilerType = CUPTI_PROFILER_TYPE_RANGE_PROFILER;
  p.pChipName = chip.c_str();
  p.pCounterAvailabilityImage = availability.data();
  check(cuptiProfilerHostInitialize(&p), "cuptiProfilerHostInitialize");
  return p.pHostObject;
}

void host_deinitialize(CUpti_Profiler_Host_Object* host) {
  auto p = params<CUpti_Profiler_Host_Deinitialize_Params>(
      CUpti_Profiler_Host_Deinitialize_Params_STRUCT_SIZE);
  p.pHostObject = host;
  cuptiProfilerHostDeinitialize(&p);
}

std::string metric_problem(CUpti_Profiler_Host_Object* host, const std::string& metric) {
  auto p = params<CUpti_Profiler_Host_GetMetricProperties_Params>(
      CUpti_Profiler_Host_GetMetricProperties_Params_STRUCT_SIZE);
  p.pHostObject = host;
  p.pMetricName = metric.c_str();
  const CUptiResult r = cuptiProfilerHostGetMetricProperties(&p);
  return r == CUPTI_SUCCESS ? "" : reason_of(r, "cuptiProfilerHostGetMetricProperties");
}

std::vector<uint8_t> config_image(CUpti_Profiler_Host_Object* host,
                                  std::vector<const char*>& metrics) {
  auto add = params<CUpti_Profiler_Host_ConfigAddMetrics_Params>(
      CUpti_Profiler_Host_ConfigAddMetrics_Params_STRUCT_SIZE);
  add.pHostObject = host;
  add.ppMetricNames = metrics.data();
  add.numMetrics = metrics.size();
  check(cuptiProfilerHostConfigAddMetrics(&add), "cuptiProfilerHostConfigAddMetrics");
  auto size = params<CUpti_Profiler_Host_GetConfigImageSize_Params>(
      CUpti_Profiler_Host_GetConfigImageSize_Params_STRUCT_SIZE);
  size.pHostObject = host;
  check(cuptiProfilerHostGetConfigImageSize(&size), "cuptiProfilerHostGetConfigImageSize");
  std::vector<uint8_t> image(size.configImageSize);
  auto get = params<CUpti_Profiler_Host_GetConfigImage_Params>(
      CUpti_Profiler_Host_GetConfigImage_Params_STRUCT_SIZE);
  get.pHostObject = host;
  get.configImageSize = image.size();
  get.pConfigImage = image.data();
  check(cuptiProfilerHostGetConfigImage(&get), "cuptiProfilerHostGetConfigImage");
  return image;
}

size_t passes_of(std::vector<uint8_t>& config) {
  auto p = params<CUpti_Profiler_Host_GetNumOfPasses_Params>(
      CUpti_Profiler_Host_GetNumOfPasses_Params_STRUCT_SIZE);
  p.configImageSize = config.size();
  p.pConfigImage = config.data();
  check(cuptiProfilerHostGetNumOfPasses(&p), "cuptiProfilerHostGetNumOfPasses");
  return p.numOfPasses;
}

CUpti_RangeProfiler_Object* enable(CUcontext context) {
  auto p = params<CUpti_RangeProfiler_Enable_Params>(CUpti_RangeProfiler_Enable_Params_STRUCT_SIZE);
  p.ctx = context;
  check(cuptiRangeProfilerEnable(&p), "cuptiRangeProfilerEnable");
  return p.pRangeProfilerObject;
}

void disable(CUpti_RangeProfiler_Object* profiler) {
  auto p =
      params<CUpti_RangeProfiler_Disable_Params>(CUpti_RangeProfiler_Disable_Params_STRUCT_SIZE);
  p.pRangeProfilerObject = profiler;
  cuptiRangeProfilerDisable(&p);
}

std::vector<uint8_t> counter_data_image(CUpti_RangeProfiler_Object* profiler,
                                        std::vector<const char*>& metrics, size_t ranges) {
  auto size = params<CUpti_RangeProfiler_GetCounterDataSize_Params>(
      CUpti_RangeProfiler_GetCounterDataSize_Params_STRUCT_SIZE);
  size.pRangeProfilerObject = profiler;
  size.pMetricNames = metrics.data();
  size.numMetrics = metrics.size();
  size.maxNumOfRanges = ranges;
  size.maxNumRangeTreeNodes = static_cast<uint32_t>(ranges);
  check(cuptiRangeProfilerGetCounterDataSize(&size), "cuptiRangeProfilerGetCounterDataSize");
  std::vector<uint8_t> image(size.counterDataSize);
  auto init = params<CUpti_RangeProfiler_CounterDataImage_Initialize_Params>(
      CUpti_RangeProfiler_CounterDataImage_Initialize_Params_STRUCT_SIZE);
  init.pRangeProfilerObject = profiler;
  init.counterDataSize = image.size();
  init.pCounterData = image.data();
  check(cuptiRangeProfilerCounterDataImageInitialize(&init),
        "cuptiRangeProfilerCounterDataImageInitialize");
  return image;
}

void set_config(CUpti_RangeProfiler_Object* profiler, std::vector<uint8_t>& config,
                std::vector<uint8_t>& counter_data, size_t ranges) {
  auto p = params<CUpti_RangeProfiler_SetConfig_Params>(
      CUpti_RangeProfiler_SetConfig_Params_STRUCT_SIZE);
  p.pRangeProfilerObject = profiler;
  p.configSize = config.size();
  p.pConfig = config.data();
  p.counterDataImageSize = counter_data.size();
  p.pCounterDataImage = counter_data.data();
  p.range = CUPTI_UserRange;
  p.replayMode = CUPTI_UserReplay;
  p.maxRangesPerPass = ranges;
  p.numNestingLevels = 1;
  p.minNestingLevel = 1;
  p.passIndex = 0;
  p.targetNestingLevel = 1;
  check(cuptiRangeProfilerSetConfig(&p), "cuptiRangeProfilerSetConfig");
}

void start(CUpti_RangeProfiler_Object* profiler) {
  auto p = params<CUpti_RangeProfiler_Start_Params>(CUpti_RangeProfiler_Start_Params_STRUCT_SIZE);
  p.pRangeProfilerObject = profiler;
  check(cuptiRangeProfilerStart(&p), "cuptiRangeProfilerStart");
}

bool stop(CUpti_RangeProfiler_Object* profiler) {
  auto p = params<CUpti_RangeProfiler_Stop_Params>(CUpti_RangeProfiler_Stop_Params_STRUCT_SIZE);
  p.pRangeProfilerObject = profiler;
  check(cuptiRangeProfilerStop(&p), "cuptiRangeProfilerStop");
  return p.isAllPassSubmitted != 0;
}

std::string push_range(CUpti_RangeProfiler_Object* profiler, const char* name) {
  auto p = params<CUpti_RangeProfiler_PushRange_Params>(
      CUpti_RangeProfiler_PushRange_Params_STRUCT_SIZE);
  p.pRangeProfilerObject = profiler;
  p.pRangeName = name;
  const CUptiResult r = cuptiRangeProfilerPushRange(&p);
  return r == CUPTI_SUCCESS ? "" : reason_of(r, "cuptiRangeProfilerPushRange");
}

std::string pop_range(CUpti_RangeProfiler_Object* profiler) {
  auto p =
      params<CUpti_RangeProfiler_PopRange_Params>(CUpti_RangeProfiler_PopRange_Params_STRUCT_SIZE);
  p.pRangeProfilerObject = profiler;
  const CUptiResult r = cuptiRangeProfilerPopRange(&p);
  return r == CUPTI_SUCCESS ? "" : reason_of(r, "cuptiRangeProfilerPopRange");
}

size_t decode(CUpti_RangeProfiler_Object* profiler) {
  auto p = params<CUpti_RangeProfiler_DecodeData_Params>(
      CUpti_RangeProfiler_DecodeData_Params_STRUCT_SIZE);
  p.pRangeProfilerObject = profiler;
  check(cuptiRangeProfilerDecodeData(&p), "cuptiRangeProfilerDecodeData");
  return p.numOfRangeDropped;
}

size_t range_count(const std::vector<uint8_t>& counter_data) {
  auto p = params<CUpti_RangeProfiler_GetCounterDataInfo_Params>(
      CUpti_RangeProfiler_GetCounterDataInfo_Params_STRUCT_SIZE);
  p.pCounterDataImage = counter_data.data();
  p.counterDataImageSize = counter_data.size();
  check(cuptiRangeProfilerGetCounterDataInfo(&p), "cuptiRangeProfilerGetCounterDataInfo");
  return p.numTotalRanges;
}

std::string range_name(const std::vector<uint8_t>& counter_data, size_t range) {
  auto p = params<CUpti_RangeProfiler_CounterData_GetRangeInfo_Params>(
      CUpti_RangeProfiler_CounterData_GetRangeInfo_Params_STRUCT_SIZE);
  p.pCounterDataImage = counter_data.data();
  p.counterDataImageSize = counter_data.size();
  p.rangeIndex = range;
  p.rangeDelimiter = "/";
  check(cuptiRangeProfilerCounterDataGetRangeInfo(&p), "cuptiRangeProfilerCounterDataGetRangeInfo");
  return p.rangeName == nullptr ? "" : p.rangeName;
}

std::vector<double> evaluate(CUpti_Profiler_Host_Object* host,
                             const std::vector<uint8_t>& counter_data, size_t range,
                             std::vector<const char*>& metrics) {
  std::vector<double> values(metrics.size());
  auto p = params<CUpti_Profiler_Host_EvaluateToGpuValues_Params>(
      CUpti_Profiler_Host_EvaluateToGpuValues_Params_STRUCT_SIZE);
  p.pHostObject = host;
  p.pCounterDataImage = counter_data.data();
  p.counterDataImageSize = counter_data.size();
  p.rangeIndex = range;
  p.ppMetricNames = metrics.data();
  p.numMetrics = metrics.size();
  p.pMetricValues = values.data();
  check(cuptiProfilerHostEvaluateToGpuValues(&p), "cuptiProfilerHostEvaluateToGpuValues");
  return values;
}

}  // namespace synergy::cupti
