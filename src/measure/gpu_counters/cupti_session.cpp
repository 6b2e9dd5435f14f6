// The session of CUDA builds: CUPTI range profiler, user ranges, user replay.
#include <algorithm>

#include "measure/gpu_counters/cupti_calls.hpp"
#include "measure/gpu_counters/gpu_counter_session.hpp"
#include "measure/gpu_counters/range_names.hpp"

namespace synergy {

using cupti::CuptiFailure;

struct GpuCounterSession::Impl {
  GpuCounterRequest request;
  std::string reason;  // why unavailable
  std::vector<std::string> measured;
  std::vector<const char*> measured_names;  // into `measured`, for CUPTI
  std::map<std::string, std::string> metric_unavailable;
  std::vector<std::string> range_names;
  // Kept for the session's lifetime: CUPTI's host object may refer to them.
  std::string chip;
  std::vector<uint8_t> availability;
  std::vector<uint8_t> config;
  std::vector<uint8_t> counter_data;
  size_t passes = 1;
  bool initialized = false;
  bool collected = false;
  CUpti_Profiler_Host_Object* host = nullptr;
  CUpti_RangeProfiler_Object* profiler = nullptr;
  // Only while collect() runs an inference: ranges are pushed around layers.
  bool collecting = false;
  std::vector<size_t> open_ranges;
  std::string range_error;  // the first push/pop failure of a pass

  void set_up();
  void choose_metrics();
  void tear_down();
  GpuCounterResult run_passes(const std::function<void()>& run_once);
  void run_one_pass(const std::function<void()>& run_once, bool& all_submitted);
  void close_open_ranges();
  std::vector<RangeValues> decoded_ranges();
};

void GpuCounterSession::Impl::set_up() {
  const size_t layers = request.layer_names.size();
  if (layers == 0) throw CuptiFailure{"the network has no layers to profile"};
  if (request.metrics.measured.empty()) throw CuptiFailure{"no GPU metrics were asked for"};
  const cupti::DeviceContext dc = cupti::current_context(request.device);
  cupti::initialize_profiler();
  initialized = true;
  cupti::require_device_supported(dc.device);
  chip = cupti::chip_name(request.device);
  availability = cupti::counter_availability(dc.context);
  host = cupti::host_initialize(chip, availability);
  choose_metrics();
  if (measured.empty())
    throw CuptiFailure{"none of the requested metrics is available on chip " + chip};
  config = cupti::config_image(host, measured_names);
  passes = cupti::passes_of(config);
  if (passes > request.max_passes)
    throw CuptiFailure{"the metrics need " + std::to_string(passes) + " replay passes (limit " +
                       std::to_string(request.max_passes) + "); ask for fewer metrics"};
  profiler = cupti::enable(dc.context);
  counter_data = cupti::counter_data_image(profiler, measured_names, layers);
  cupti::set_config(profiler, config, counter_data, layers);
  for (size_t i = 0; i < layers; ++i)
    range_names.push_back(range_name_for(i, request.layer_names[i]));
}

void GpuCounterSession::Impl::choose_metrics() {
  for (const std::string& m : request.metrics.measured) {
    const std::string why = cupti::metric_problem(host, m);
    if (why.empty()) {
      measured.push_back(m);
    } else {
      metric_unavailable[m] = why;
    }
  }
  for (const std::string& m : measured) measured_names.push_back(m.c_str());
}

void GpuCounterSession::Impl::tear_down() {
  if (profiler != nullptr) cupti::disable(profiler);
  if (host != nullptr) cupti::host_deinitialize(host);
  if (initialized) cupti::deinitialize_profiler();
  profiler = nullptr;
  host = nullptr;
  initialized = false;
}

void GpuCounterSession::Impl::close_open_ranges() {
  while (!open_ranges.empty()) {
    cupti::pop_range(profiler);
    open_ranges.pop_back();
  }
}

void GpuCounterSession::Impl::run_one_pass(const std::function<void()>& run_once,
                                           bool& all_submitted) {
  cupti::start(profiler);
  range_error.clear();
  collecting = true;
  try {
    run_once();
  } catch (...) {
    collecting = false;
    close_open_ranges();
    try {
      cupti::stop(profiler);
    } catch (const CuptiFailure&) {
    }
    throw;
  }
  collecting = false;
  close_open_ranges();
  all_submitted = cupti::stop(profiler);
  if (!range_error.empty()) throw CuptiFailure{range_error};
}

std::vector<RangeValues> GpuCounterSession::Impl::decoded_ranges() {
  std::vector<RangeValues> out;
  const size_t n = cupti::range_count(counter_data);
  for (size_t i = 0; i < n; ++i)
    out.push_back({cupti::range_name(counter_data, i),
                   cupti::evaluate(host, counter_data, i, measured_names)});
  return out;
}

GpuCounterResult GpuCounterSession::Impl::run_passes(const std::function<void()>& run_once) {
  // CUPTI says when it has every pass; a few spare passes guard against a miscount.
  const size_t limit = std::min(request.max_passes, passes + 2);
  size_t done = 0;
  for (bool all_submitted = false; !all_submitted; ++done) {
    if (done >= limit)
      throw CuptiFailure{"CUPTI still wanted replay passes after " + std::to_string(done)};
    run_one_pass(run_once, all_submitted);
  }
  const size_t dropped = cupti::decode(profiler);
  GpuCounterResult r = assemble_gpu_counters(request.layer_names, measured, metric_unavailable,
                                             request.metrics.derived, decoded_ranges());
  r.passes = done;
  r.dropped_ranges = dropped;
  return r;
}

GpuCounterSession::GpuCounterSession(GpuCounterRequest request) : impl_(std::make_unique<Impl>()) {
  impl_->request = std::move(request);
  try {
    impl_->set_up();
  } catch (const CuptiFailure& f) {
    impl_->reason = f.reason;
    impl_->tear_down();
  }
}

GpuCounterSession::~GpuCounterSession() {
  impl_->tear_down();
}

const std::string& GpuCounterSession::unavailable_reason() const {
  return impl_->reason;
}

size_t GpuCounterSession::passes_needed() const {
  return impl_->reason.empty() ? std::max<size_t>(impl_->passes, 1) : 1;
}

GpuCounterResult GpuCounterSession::collect(const std::function<void()>& run_once) {
  GpuCounterResult r;
  if (impl_->reason.empty() && impl_->collected)
    r.unavailable = "this session has already collected its counters";
  if (!impl_->reason.empty()) r.unavailable = impl_->reason;
  if (!r.unavailable.empty()) return r;
  impl_->collected = true;
  try {
    return impl_->run_passes(run_once);
  } catch (const CuptiFailure& f) {
    r.unavailable = f.reason;
    return r;
  }
}

bool GpuCounterSession::wants(const Graph&, size_t layer) const {
  return impl_->reason.empty() && layer < impl_->range_names.size();
}

void GpuCounterSession::before_layer(size_t layer) {
  Impl& s = *impl_;
  if (!s.collecting || layer >= s.range_names.size() || !s.range_error.empty()) return;
  std::string why = s.open_ranges.empty() ? "" : "a layer range was still open";
  if (why.empty()) why = cupti::push_range(s.profiler, s.range_names[layer].c_str());
  if (why.empty()) {
    s.open_ranges.push_back(layer);
  } else {
    s.range_error = why;
  }
}

void GpuCounterSession::after_layer(size_t layer) {
  Impl& s = *impl_;
  if (s.open_ranges.empty() || s.open_ranges.back() != layer) return;
  s.open_ranges.pop_back();
  const std::string why = cupti::pop_range(s.profiler);
  if (!why.empty() && s.range_error.empty()) s.range_error = why;
}

}  // namespace synergy
