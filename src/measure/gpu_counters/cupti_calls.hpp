// Thin checked wrappers over the CUPTI host, target and range-profiler calls the session makes.
// Every failure throws CuptiFailure with a plain reason (cupti_errors.hpp). CUPTI builds only.
#pragma once

#include <cuda.h>
#include <cupti_profiler_host.h>
#include <cupti_range_profiler.h>

#include <cstdint>
#include <string>
#include <vector>

namespace synergy::cupti {

struct CuptiFailure {
  std::string reason;
};

// The primary context of `device`, made current on this thread (through the CUDA runtime; the
// driver library is looked up at run time so that machines without it can still start us).
struct DeviceContext {
  CUcontext context = nullptr;
  CUdevice device = 0;
};
DeviceContext current_context(int device);

void initialize_profiler();
void deinitialize_profiler();
void require_device_supported(CUdevice device);
std::string chip_name(int device);
std::vector<uint8_t> counter_availability(CUcontext context);

CUpti_Profiler_Host_Object* host_initialize(const std::string& chip,
                                            const std::vector<uint8_t>& availability);
void host_deinitialize(CUpti_Profiler_Host_Object* host);
// Empty when the chip knows the metric; otherwise why not.
std::string metric_problem(CUpti_Profiler_Host_Object* host, const std::string& metric);
std::vector<uint8_t> config_image(CUpti_Profiler_Host_Object* host,
                                  std::vector<const char*>& metrics);
size_t passes_of(std::vector<uint8_t>& config);

CUpti_RangeProfiler_Object* enable(CUcontext context);
void disable(CUpti_RangeProfiler_Object* profiler);
std::vector<uint8_t> counter_data_image(CUpti_RangeProfiler_Object* profiler,
                                        std::vector<const char*>& metrics, size_t ranges);
void set_config(CUpti_RangeProfiler_Object* profiler, std::vector<uint8_t>& config,
                std::vector<uint8_t>& counter_data, size_t ranges);
void start(CUpti_RangeProfiler_Object* profiler);
bool stop(CUpti_RangeProfiler_Object* profiler);  // true once every pass is submitted
// Empty on success, else the reason (called on the hot path: no throw).
std::string push_range(CUpti_RangeProfiler_Object* profiler, const char* name);
std::string pop_range(CUpti_RangeProfiler_Object* profiler);
size_t decode(CUpti_RangeProfiler_Object* profiler);  // ranges dropped
size_t range_count(const std::vector<uint8_t>& counter_data);
std::string range_name(const std::vector<uint8_t>& counter_data, size_t range);
std::vector<double> evaluate(CUpti_Profiler_Host_Object* host,
                             const std::vector<uint8_t>& counter_data, size_t range,
                             std::vector<const char*>& metrics);

}  // namespace synergy::cupti
