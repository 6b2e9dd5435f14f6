#include "measure/nvml/nvml_source.hpp"

#include <cmath>
#include <functional>
#include <limits>

#include "measure/common/power_integrator.hpp"
#include "measure/common/unwrap.hpp"
#include "measure/nvml/nvml_api.hpp"

namespace synergy {

namespace {

constexpr int64_t kNvmlUpdatePeriodNs = 100'000'000;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Gpu {
  nvml::Device handle = nullptr;
  std::string name;
  CounterUnwrapper energy_mj;
  PowerIntegrator integrator;
};

class NvmlSource : public EnergySource {
 public:
  NvmlSource(const SourceOptions& options, NvmlMode mode)
      : mode_(mode), clock_(clock_or_default(options.clock)) {
    std::string why;
    lib_ = nvml::Library::open(options.nvml_library, why);
    if (!lib_) {
      availability_ = {false, why};
      return;
    }
    nvml::Return r = api().init();
    if (r != nvml::kSuccess) {
      availability_ = {false, "no NVIDIA driver: nvmlInit failed: " + api().describe(r)};
      return;
    }
    initialised_ = true;
    open_devices();
  }

  ~NvmlSource() override {
    if (initialised_) api().shutdown();
  }

  std::string name() const override { return "nvml"; }
  Availability availability() const override { return availability_; }
  Provenance provenance() const override {
    return mode_ == NvmlMode::EnergyCounter ? Provenance::EnergyCounter
                                            : Provenance::IntegratedPower;
  }
  int64_t declared_update_period_ns() const override { return kNvmlUpdatePeriodNs; }

  std::vector<Domain> domains() const override {
    std::vector<Domain> out;
    for (size_t i = 0; i < gpus_.size(); ++i)
      out.push_back(
          {"gpu" + std::to_string(i), gpus_[i].name, true, provenance(),
           mode_ == NvmlMode::EnergyCounter ? ReadingTime::AtLastUpdate : ReadingTime::AtRead});
    return out;
  }

  EnergyReading read() override {
    size_t n = gpus_.size();
    EnergyReading r;
    const int64_t begin = r.t_ns = clock_();
    r.energy_j.assign(n, kNaN);
    r.power_w.assign(n, kNaN);
    r.valid.assign(n, true);
    r.faults.assign(n, ReadFault::None);
    r.errors.assign(n, std::string());
    for (size_t i = 0; i < n; ++i) read_gpu(i, r);
    // The counter's read takes ~4 ms and its value was taken somewhere inside: the midpoint is
    // off by half a read at most, either way. (Integrated power keeps the time it integrated to.)
    if (mode_ == NvmlMode::EnergyCounter) r.t_ns = begin + (clock_() - begin) / 2;
    return r;
  }

  ContextFacts context() override {
    ContextFacts facts;
    if (!initialised_) return facts;
    char version[96] = {};
    if (api().driver_version(version, sizeof version) == nvml::kSuccess)
      facts.emplace_back("nvidia_driver", version);
    for (size_t i = 0; i < gpus_.size(); ++i) add_gpu_facts(i, facts);
    return facts;
  }

 private:
  const nvml::Api& api() const { return lib_->api(); }

  void open_devices() {
    unsigned count = 0;
    nvml::Return r = api().device_count(&count);
    if (r != nvml::kSuccess || count == 0) {
      availability_ = {false, r != nvml::kSuccess ? "nvmlDeviceGetCount: " + api().describe(r)
                                                  : "the NVIDIA driver reports no GPU"};
      return;
    }
    for (unsigned i = 0; i < count; ++i) {
      Gpu g;
      if (api().device_by_index(i, &g.handle) != nvml::kSuccess) continue;
      char name[96] = {};
      if (api().device_name(g.handle, name, sizeof name) == nvml::kSuccess) g.name = name;
      gpus_.push_back(std::move(g));
    }
    availability_ = gpus_.empty() ? Availability{false, "no GPU handle could be opened"}
                                  : Availability{true, ""};
    if (!gpus_.empty()) read();  // sets each energy counter's origin
  }

  double instant_power_w(Gpu& g) {
    nvml::FieldValue v{};
    v.field_id = nvml::kFieldPowerInstant;
    if (api().field_values(g.handle, 1, &v) == nvml::kSuccess && v.nvml_return == nvml::kSuccess)
      return nvml::field_as_double(v) * 1e-3;
    unsigned mw = 0;
    if (api().power_usage_mw(g.handle, &mw) == nvml::kSuccess) return mw * 1e-3;
    return kNaN;
  }

  void read_gpu(size_t i, EnergyReading& r) {
    Gpu& g = gpus_[i];
    if (mode_ == NvmlMode::InstantPower) {
      r.t_ns = clock_();
      double p = instant_power_w(g);
      r.power_w[i] = p;
      if (!std::isnan(p)) r.energy_j[i] = g.integrator.add(r.t_ns, p);
      if (std::isnan(p)) mark(r, i, "power reading failed");
      return;
    }
    unsigned long long mj = 0;
    nvml::Return rc = api().total_energy_mj(g.handle, &mj);
    r.t_ns = clock_();  // right after the (slow) energy read returns
    r.power_w[i] = instant_power_w(g);
    if (rc != nvml::kSuccess) {
      mark(r, i, "nvmlDeviceGetTotalEnergyConsumption: " + api().describe(rc));
      return;
    }
    CounterUnwrapper::Update u = g.energy_mj.update(mj, r.t_ns);
    if (!u.ok) {
      mark(r, i, u.error);
      r.faults[i] = ReadFault::Implausible;
      return;
    }
    if (u.restarted) {
      r.faults[i] = ReadFault::Restart;
      r.errors[i] = u.error;
    }
    r.energy_j[i] = static_cast<double>(g.energy_mj.total()) * 1e-3;
  }

  static void mark(EnergyReading& r, size_t i, std::string why) {
    r.valid[i] = false;
    r.errors[i] = std::move(why);
  }

  void add_gpu_facts(size_t i, ContextFacts& facts) {
    std::string key = "gpu" + std::to_string(i);
    facts.emplace_back(key + "_name", gpus_[i].name);
    unsigned v = 0;
    if (api().clock_mhz(gpus_[i].handle, nvml::kClockSm, &v) == nvml::kSuccess)
      facts.emplace_back(key + "_sm_clock_mhz", std::to_string(v));
    if (api().clock_mhz(gpus_[i].handle, nvml::kClockMemory, &v) == nvml::kSuccess)
      facts.emplace_back(key + "_memory_clock_mhz", std::to_string(v));
    if (api().temperature_c(gpus_[i].handle, nvml::kTemperatureGpu, &v) == nvml::kSuccess)
      facts.emplace_back(key + "_temperature_c", std::to_string(v));
    nvml::FieldValue avg{};
    avg.field_id = nvml::kFieldPowerAverage;
    if (api().field_values(gpus_[i].handle, 1, &avg) == nvml::kSuccess &&
        avg.nvml_return == nvml::kSuccess)
      facts.emplace_back(key + "_power_average_1s_w",
                         std::to_string(nvml::field_as_double(avg) * 1e-3));
  }

  NvmlMode mode_;
  std::function<int64_t()> clock_;
  std::unique_ptr<nvml::Library> lib_;
  bool initialised_ = false;
  std::vector<Gpu> gpus_;
  Availability availability_;
};

}  // namespace

std::unique_ptr<EnergySource> make_nvml_source(const SourceOptions& options, NvmlMode mode) {
  return std::make_unique<NvmlSource>(options, mode);
}

}  // namespace synergy
