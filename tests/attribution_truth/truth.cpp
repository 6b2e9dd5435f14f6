#include "truth.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "common/busy_processes.hpp"
#include "engine/engine.hpp"
#include "graph/builder.hpp"
#include "measure/rapl/rapl_source.hpp"
#include "profile/session.hpp"
#include "util/clock.hpp"
#include "zoo/blocks.hpp"

namespace synergy::truth {

namespace {

constexpr int64_t kMs = 1'000'000;
constexpr double kConstantW = 20.0;

// xorshift64*: a small deterministic generator, uniform in [0, 1).
double next_unit(uint64_t& state) {
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return static_cast<double>((state * 2685821657736338717ULL) >> 11) * 0x1.0p-53;
}

}  // namespace

LayerPower::LayerPower(std::vector<double> watts, double base_w, double noise, uint64_t seed)
    : watts_(std::move(watts)),
      base_w_(base_w),
      noise_(noise),
      rng_(seed * 0x9E3779B97F4A7C15ULL + 1),
      layer_j_(watts_.size(), 0.0),
      layer_ns_(watts_.size(), 0.0) {
  t_.push_back(now_ns());
  p_.push_back(base_w_);
  e_.push_back(0.0);
}

void LayerPower::change(double watts, int layer, bool draw_noise) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (draw_noise && noise_ > 0.0) watts *= 1.0 + noise_ * (2.0 * next_unit(rng_) - 1.0);
  const int64_t t_ns = std::max(now_ns(), t_.back());
  const double joules = p_.back() * static_cast<double>(t_ns - t_.back()) * 1e-9;
  if (current_ >= 0 && counting_) {
    layer_j_[static_cast<size_t>(current_)] += joules;
    layer_ns_[static_cast<size_t>(current_)] += static_cast<double>(t_ns - t_.back());
  }
  e_.push_back(e_.back() + joules);
  t_.push_back(t_ns);
  p_.push_back(watts);
  current_ = layer;
}

void LayerPower::before_layer(size_t layer) {
  change(watts_.at(layer), static_cast<int>(layer), true);
}

void LayerPower::after_layer(size_t) {
  change(base_w_, -1, false);
}

double LayerPower::energy_j(int64_t t_ns) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (t_ns <= t_.front()) return 0.0;
  const auto i = static_cast<size_t>(std::upper_bound(t_.begin(), t_.end(), t_ns) - t_.begin()) - 1;
  return e_[i] + p_[i] * static_cast<double>(t_ns - t_[i]) * 1e-9;
}

void LayerPower::counting(bool on) {
  std::lock_guard<std::mutex> lock(mutex_);
  counting_ = on;
}

std::vector<double> LayerPower::layer_power_w() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<double> out;
  for (size_t l = 0; l < watts_.size(); ++l)
    out.push_back(layer_ns_[l] > 0 ? layer_j_[l] / (layer_ns_[l] * 1e-9) : watts_[l]);
  return out;
}

const char* sensor_name(SensorKind k) {
  switch (k) {
    case SensorKind::Meter:
      return "meter 1 kHz";
    case SensorKind::Rapl:
      return "rapl 1 ms";
    case SensorKind::Nvml:
      return "nvml 100 ms";
  }
  return "?";
}

namespace {

EnergyReading one_reading(int64_t t_ns, double energy_j) {
  EnergyReading r;
  r.t_ns = t_ns;
  r.energy_j = {energy_j};
  r.power_w = {std::nan("")};
  r.valid = {true};
  r.errors = {""};
  return r;
}

// Exact at each read, like a meter log or a power monitor integrated by its reader.
class Meter final : public EnergySource {
 public:
  explicit Meter(const LayerPower& power) : power_(power) {}
  std::string name() const override { return "truth-meter"; }
  Availability availability() const override { return {true, ""}; }
  std::vector<Domain> domains() const override {
    return {{"meter", "known power", false, Provenance::IntegratedPower, ReadingTime::AtRead}};
  }
  Provenance provenance() const override { return Provenance::IntegratedPower; }
  int64_t declared_update_period_ns() const override { return 100 * 1000; }
  EnergyReading read() override {
    const int64_t t = now_ns();
    return one_reading(t, power_.energy_j(t));
  }

 private:
  const LayerPower& power_;
};

// A counter that steps every 100 ms; a read takes 4 ms and samples it somewhere inside.
class NvmlLike final : public EnergySource {
 public:
  explicit NvmlLike(const LayerPower& power) : power_(power), start_(now_ns()) {}
  std::string name() const override { return "truth-nvml"; }
  Availability availability() const override { return {true, ""}; }
  std::vector<Domain> domains() const override {
    return {{"gpu0", "known power", true, Provenance::EnergyCounter, ReadingTime::AtLastUpdate}};
  }
  Provenance provenance() const override { return Provenance::EnergyCounter; }
  int64_t declared_update_period_ns() const override { return kPeriod; }
  EnergyReading read() override {
    const int64_t begin = now_ns();
    const int64_t sampled = begin + static_cast<int64_t>(next_unit(rng_) * kCost);
    std::this_thread::sleep_until(std::chrono::steady_clock::now() +
                                  std::chrono::nanoseconds(kCost));
    const int64_t end = now_ns();
    const int64_t update = start_ + (std::max(sampled, start_) - start_) / kPeriod * kPeriod;
    return one_reading(begin + (end - begin) / 2, power_.energy_j(update));
  }

 private:
  static constexpr int64_t kPeriod = 100 * kMs;
  static constexpr int64_t kCost = 4 * kMs;
  const LayerPower& power_;
  int64_t start_;
  uint64_t rng_ = 42;
};

// A powercap zone in a fake sysfs tree, read by the real RAPL source. Like the hardware, the
// counter moves every millisecond whatever the load: each read first writes the known energy at
// the last update, wrapping at 1 J (a thread rewriting it would fall behind on a busy machine,
// and the tree would show stale counts a real zone never does).
class RaplTree final : public EnergySource {
 public:
  explicit RaplTree(const LayerPower& power) : power_(power), start_(now_ns()) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "synergy-truth-XXXXXX").string();
    root_ = mkdtemp(pattern.data());
    zone_ = root_ + "/sys/class/powercap/intel-rapl:0";
    std::filesystem::create_directories(zone_);
    std::ofstream(zone_ + "/name") << "package-0\n";
    std::ofstream(zone_ + "/max_energy_range_uj") << kRangeUj << "\n";
    publish();
    SourceOptions o;
    o.sysfs_root = root_;
    inner_ = make_rapl_source(o);
  }
  ~RaplTree() override {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  std::string name() const override { return inner_->name(); }
  Availability availability() const override { return inner_->availability(); }
  std::vector<Domain> domains() const override { return inner_->domains(); }
  Provenance provenance() const override { return inner_->provenance(); }
  int64_t declared_update_period_ns() const override { return inner_->declared_update_period_ns(); }
  EnergyReading read() override {
    publish();
    return inner_->read();
  }

 private:
  static constexpr int64_t kRangeUj = 1'000'000;
  static constexpr int64_t kPeriod = kMs;
  void publish() {
    const std::lock_guard<std::mutex> lock(mutex_);
    const int64_t update = start_ + (now_ns() - start_) / kPeriod * kPeriod;
    const std::string tmp = zone_ + "/energy_uj.tmp";
    {
      std::ofstream out(tmp);
      out << static_cast<int64_t>(power_.energy_j(update) * 1e6) % kRangeUj << "\n";
    }
    std::filesystem::rename(tmp, zone_ + "/energy_uj");  // a read sees one value or the other
  }

  const LayerPower& power_;
  int64_t start_;
  std::string root_, zone_;
  std::mutex mutex_;
  std::unique_ptr<EnergySource> inner_;
};

}  // namespace

std::unique_ptr<EnergySource> make_sensor(SensorKind kind, const LayerPower& power) {
  switch (kind) {
    case SensorKind::Meter:
      return std::make_unique<Meter>(power);
    case SensorKind::Rapl:
      return std::make_unique<RaplTree>(power);
    case SensorKind::Nvml:
      return std::make_unique<NvmlLike>(power);
  }
  return nullptr;
}

namespace {

// Three convolutions, the middle one long enough (a few ms) for markers to resolve, pooling and a
// classifier: ~10 ms per inference on the reference backend, layers from 0.1 % to 50 % of it.
Graph suite_network() {
  GraphBuilder b("truth", "attribution validation");
  ValueId x = b.input("data", Shape{{1, 8, 48, 48}});
  x = zoo::conv_relu(b, "conv1", "relu1", x, zoo::conv(16, 3, 1, 1));
  x = b.add1("pool1", zoo::max_pool(2, 2, 0, Rounding::Floor), {x});
  x = zoo::conv_relu(b, "conv2", "relu2", x, zoo::conv(96, 3, 1, 1));
  x = b.add1("pool2", zoo::max_pool(2, 2, 0, Rounding::Floor), {x});
  x = zoo::conv_relu(b, "conv3", "relu3", x, zoo::conv(32, 3, 1, 1));
  x = b.add1("gap", zoo::global_avg_pool(), {x});
  x = b.add1("fc", zoo::fc(10), {x});
  return b.finish({x});
}

}  // namespace

std::string describe(const Case& c) {
  return std::string(sensor_name(c.sensor)) + ", " + attribution_method_name(c.method) + ", " +
         std::to_string(c.busy) + " busy, " + (c.constant ? "constant 20 W" : "power per layer") +
         (c.noise > 0 ? " + noise" : "");
}

CaseOutcome run_case(const Case& c) {
  Engine engine(suite_network(), "reference", EngineContext{1, c.seed});
  const size_t n = engine.graph().nodes.size();
  std::vector<double> watts;
  for (size_t l = 0; l < n; ++l)
    watts.push_back(c.constant ? kConstantW : 10.0 + 6.0 * static_cast<double>((l * 5) % 11));
  LayerPower power(watts, c.constant ? kConstantW : 8.0, c.noise, c.seed);
  auto sensor = make_sensor(c.sensor, power);
  ProfileOptions o;
  o.warmup_iterations = 2;
  o.max_time_ns = 2000 * kMs;
  o.layer_time_ns = 300 * kMs;
  o.target_ci = 0.05;
  o.attribution = c.method;
  o.attribution_time_ns = c.budget_ns;
  o.layer_ci = c.layer_ci;
  o.also_observe = &power;
  o.progress = [&power](std::string_view phase, double) {
    const bool attributing = phase == "trace" || phase == "markers" || phase == "isolate";
    power.counting(attributing);
  };
  o.seed = c.seed;
  ProfileOutcome out;
  {
    test::BusyProcesses busy(c.busy);
    out = profile_network(engine, EnergySetup{sensor.get(), 0}, {}, o);
  }
  CaseOutcome r;
  const auto truth = power.layer_power_w();
  const double network_ns = out.network_time.summary.mean;
  for (size_t l = 0; l < n; ++l) {
    LayerOutcome lo;
    lo.name = out.layer_names[l];
    lo.share = network_ns > 0 ? out.layer_time_ns[l].mean / network_ns : 0.0;
    lo.truth_w = truth[l];
    if (!out.attribution) lo.note = "per-layer energy not attributed (see the warnings)";
    if (out.attribution && l < out.attribution->layers.size()) {
      const auto& la = out.attribution->layers[l];
      lo.measured = la.measured;
      lo.power_w = la.power_w;
      lo.uncertainty_w = la.power_uncertainty_w;
      lo.note = la.note;
    }
    r.layers.push_back(lo);
  }
  r.closure_pct = out.closure ? out.closure->difference_pct : std::nan("");
  r.warnings = out.warnings;
  if (out.attribution) {
    r.stop_reason = out.attribution->stop_reason;
    r.phase_ns = out.attribution->phase_ns;
    r.warnings.insert(r.warnings.end(), out.attribution->warnings.begin(),
                      out.attribution->warnings.end());
  }
  return r;
}

}  // namespace synergy::truth
