#include "profile/session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <random>
#include <thread>

#include "engine/engine.hpp"
#include "graph/op.hpp"
#include "measure/counters/thread_counters.hpp"
#include "measure/probe.hpp"
#include "measure/sampler/sampler.hpp"
#include "measure/trace/live_log.hpp"
#include "profile/isolation.hpp"
#include "profile/layer_recorder.hpp"
#include "profile/load_pattern.hpp"
#include "profile/readings.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy {

namespace {

constexpr int64_t kMs = 1'000'000;
constexpr const char* kPerfEventProvenance =
    "measured counter (perf_event, read at layer boundaries, multiplexing scaled)";
constexpr size_t kMaxReadings = 400'000;

std::string fmt_watts(double w) {
  return format_number("%.4g W", w);
}
std::string fmt_closure_warning(const Closure& c) {
  return "closure: layers sum to " + format_number("%.4g mJ", c.layers_j * 1e3) + " against " +
         format_number("%.4g mJ", c.network_j * 1e3) + " for the whole network (" + c.basis + "; " +
         format_number("%+.1f %%", c.difference_pct) + ", outside +-5 %)";
}

// The profiler's recorder (optional) and one more observer (optional) told about every layer
// too, as layer + `shift` (a layer run alone in an engine of its own is layer 0 there).
class ObserverPair final : public DeviceTimeObserver {
 public:
  ObserverPair(DeviceTimeObserver* first, LayerObserver* second, size_t shift = 0)
      : first_(first), second_(second), shift_(shift) {}
  bool wants(const Graph& graph, size_t layer) const override {
    const bool a = first_ && first_->wants(graph, layer);
    const bool b = second_ && second_->wants(graph, layer + shift_);
    if (wanted_.size() <= layer) wanted_.resize(layer + 1, {false, false});
    wanted_[layer] = {a, b};
    return a || b;
  }
  void before_layer(size_t layer) override {
    if (wanted_[layer].second) second_->before_layer(layer + shift_);
    if (wanted_[layer].first) first_->before_layer(layer);
  }
  void after_layer(size_t layer) override {
    if (wanted_[layer].first) first_->after_layer(layer);
    if (wanted_[layer].second) second_->after_layer(layer + shift_);
  }
  void before_run() override {
    if (second_) second_->before_run();
    if (first_) first_->before_run();
  }
  void after_run() override {
    if (first_) first_->after_run();
    if (second_) second_->after_run();
  }
  void device_spans(std::span<const DeviceLayerSpan> spans) override {
    if (first_) first_->device_spans(spans);
  }

 private:
  DeviceTimeObserver* first_;
  LayerObserver* second_;
  size_t shift_;
  mutable std::vector<std::pair<bool, bool>> wanted_;
};

class Session {
 public:
  Session(Engine& engine, const EnergySetup& energy, const ProfileOptions& options)
      : engine_(engine),
        energy_(energy),
        opt_(options),
        inputs_(options.inputs.empty() ? engine.random_inputs(options.seed) : options.inputs),
        outputs_(engine.make_outputs()) {
    const Graph& g = engine.graph();
    for (size_t i = 0; i < g.nodes.size(); ++i) {
      out_.layer_names.push_back(g.nodes[i].name);
      out_.layer_types.push_back(std::string(op_def(g.nodes[i]).name));
      out_.fused_into.push_back(engine.fused_into(i));
      out_.views.push_back(engine.is_view(i));
      out_.algorithms.push_back(engine.algorithm(i));
    }
    if (energy_.source) choose_poll_period();
    engine_.set_observer(opt_.also_observe);
  }

  ProfileOutcome run(const std::vector<std::string>& counter_events) {
    out_.start_ns = now_ns();
    if (live_log() && live_log()->needs_alignment()) align_meter_clock();
    double idle_before = energy_.source ? idle_power("idle before") : std::nan("");
    warm_up();
    in_phase("network", [&] { measure_network(); });
    out_.layers_timed = opt_.time_layers;
    if (opt_.time_layers) in_phase("layers", [&] { time_layers(counter_events); });
    if (energy_.source && !stopped()) in_phase("attribution", [&] { attribute_energy(); });
    if (energy_.source && !stopped()) {
      const double idle_after = idle_power("idle after");
      out_.idle_power_w = idle_mean(idle_before, idle_after);
      if (meter_offset_) check_meter_drift();
    } else if (std::isfinite(idle_before)) {
      out_.idle_power_w = idle_before;
    }
    out_.partial = stopped();
    if (energy_.source) note_sensor_faults();
    engine_.set_observer(nullptr);
    return std::move(out_);
  }

 private:
  bool stopped() {
    if (!stop_ && opt_.interrupted && opt_.interrupted()) stop_ = true;
    return stop_;
  }
  // Runs one phase and notes what share of the CPU its threads got, warning when it was shared.
  template <typename F>
  void in_phase(const char* phase, F&& work) {
    const SchedSnapshot before = take_sched_snapshot();
    work();
    const CpuShare share = cpu_share_between(before, take_sched_snapshot());
    if (share.disturbed())
      out_.warnings.push_back(std::string("the CPU was shared during the ") + phase +
                              " phase: " + share.describe() +
                              "; its times are longer than on a machine left to the profile "
                              "(stop other work, or give the profile its own cores with taskset)");
    out_.cpu_share.push_back({phase, share});
  }

  void progress(std::string_view phase, double done) {
    if (opt_.progress) opt_.progress(phase, std::clamp(done, 0.0, 1.0));
  }
  void run_once() { engine_.run(inputs_, outputs_); }
  // The sensor's declared update period; 100 ms (NVML-like) when it does not say.
  int64_t period() const {
    const int64_t p = energy_.source->declared_update_period_ns();
    return p > 0 ? p : 100 * kMs;
  }

  LiveLog* live_log() const { return energy_.source ? energy_.source->live_log() : nullptr; }

  // Plays the load pattern now and finds the meter log's clock offset from it (bad_input when
  // the log does not show it).
  int64_t meter_offset_from_pattern() {
    LiveLog& log = *live_log();
    const int64_t log_end = log.log_end_now();
    const LoadPattern played =
        play_load_pattern(log.pattern_chip_ns(), std::thread::hardware_concurrency());
    return log.align(energy_.domain, played, log_end).offset_ns;
  }

  // A meter log on a clock of its own: its offset, from a pattern before the run.
  void align_meter_clock() {
    progress("meter clock", 0.0);
    meter_offset_ = meter_offset_from_pattern();
  }

  // The same pattern at the end: how far the meter's clock drifted from the monotonic clock.
  void check_meter_drift() {
    try {
      const int64_t drift = meter_offset_from_pattern() - *meter_offset_;
      const int64_t allowed = std::max<int64_t>(2 * kMs, 2 * period());  // two estimates' noise
      if (std::llabs(drift) > allowed)
        out_.warnings.push_back("the meter's clock drifted " +
                                format_number("%+.2f ms", static_cast<double>(drift) * 1e-6) +
                                " from CLOCK_MONOTONIC over the profile (more than " +
                                format_number("%.2f ms", static_cast<double>(allowed) * 1e-6) +
                                "): energy windows late in the run are off by up to that much");
    } catch (const Error& e) {
      out_.warnings.push_back(std::string("meter clock drift unknown: ") + e.what());
    }
  }

  // The sampler's readings with a live meter log's gaps answered from the log as it is now;
  // once a phase has ended at `ended_ns`, after waiting for the log to reach that far.
  std::vector<EnergyReading> readings_of(const Sampler& sampler, int64_t ended_ns = 0,
                                         int64_t since_ns = INT64_MIN) {
    std::vector<EnergyReading> readings =
        since_ns == INT64_MIN ? sampler.samples() : sampler.samples_since(since_ns);
    LiveLog* log = live_log();
    if (!log) return readings;
    if (ended_ns > 0 && !log->await(ended_ns) && !log_behind_said_) {
      log_behind_said_ = true;
      out_.warnings.push_back(
          "the meter log stopped growing before the profile's end: "
          "readings after its last row are missing");
    }
    log->settle(readings);
    return readings;
  }

  // Faults are said with the result; where no energy figure is left, they are its cause.
  void note_sensor_faults() {
    const SensorHealth& h = out_.sensor_health;
    bool layer_energy = false;
    if (out_.attribution)
      for (const auto& l : out_.attribution->layers) layer_energy = layer_energy || l.estimated;
    if (!h.any() || out_.network_energy || layer_energy) return;
    std::string cause;
    for (const std::string& line : h.lines(out_.start_ns))
      cause += (cause.empty() ? "" : "; ") + line;
    out_.energy_failure = "the sensor failed during the run: " + cause;
  }

  // Cheap reads: every 100 us, or 20 reads' cost (5 % of a core). Costly ones (NVML's counter
  // takes ~4 ms): never slower than a tenth of an update period, back to back at worst, for an
  // edge can only be located to within the polls around it.
  void choose_poll_period() {
    const auto cost = static_cast<int64_t>(measure_read_cost(*energy_.source, 5).mean_ns);
    const int64_t cheap = std::max<int64_t>(100'000, 20 * cost);
    const int64_t tenth = std::max<int64_t>(100'000, period() / 10);
    poll_ns_ =
        opt_.poll_period_ns > 0 ? opt_.poll_period_ns : std::max(cost, std::min(cheap, tenth));
    out_.poll_period_ns = poll_ns_;
  }

  // Polls for `expected_ns`: the chosen period, slower only where the buffer would overflow.
  SamplerOptions sampler_options(int64_t expected_ns) const {
    SamplerOptions so;
    so.period_ns = std::max(poll_ns_, expected_ns / static_cast<int64_t>(kMaxReadings));
    so.capacity = static_cast<size_t>(expected_ns / so.period_ns) * 3 / 2 + 1024;
    return so;
  }

  // Every sampler's readings once: their faults are counted, the buffer's overflow said.
  void after_sampling(const Sampler& sampler, const std::vector<EnergyReading>& readings) {
    out_.sensor_health.add(readings, energy_.domain, energy_.source->declared_update_period_ns());
    if (sampler.dropped() > 0)
      out_.warnings.push_back("sampler dropped " + std::to_string(sampler.dropped()) +
                              " readings: the run outlasted its buffer");
  }

  // Runs `work` with the sampler polling; returns the readings of the domain.
  template <class Work>
  SensorTrace sampled(int64_t expected_ns, Work&& work) {
    Sampler sampler(*energy_.source, sampler_options(expected_ns));
    sampler.start();
    work();
    sampler.stop();
    const auto readings = readings_of(sampler, now_ns());
    after_sampling(sampler, readings);
    return trace_of(*energy_.source, energy_.domain, readings);
  }

  double idle_power(std::string_view phase) {
    const int64_t idle =
        opt_.idle_time_ns > 0 ? opt_.idle_time_ns : std::max<int64_t>(5 * period(), 500 * kMs);
    progress(phase, 0.0);
    int64_t t0 = 0, t1 = 0;
    const SensorTrace trace = sampled(idle, [&] {
      t0 = now_ns();
      while (now_ns() - t0 < idle && !stopped())
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      t1 = now_ns();
    });
    const EdgeWindow w = window_of(trace, t0, t1);
    if (w.intervals == 0) {
      out_.warnings.push_back(std::string(phase) + ": no complete sensor update in " +
                              std::to_string(idle / kMs) + " ms of idle");
      return std::nan("");
    }
    return w.mean_power_w();
  }

  double idle_mean(double before, double after) {
    if (std::isfinite(before) && std::isfinite(after)) {
      if (std::fabs(before - after) > 0.05 * std::max(before, after))
        out_.warnings.push_back("idle power drifted from " + std::to_string(before) + " W to " +
                                std::to_string(after) + " W during the profile");
      return 0.5 * (before + after);
    }
    return std::isfinite(before) ? before : after;
  }

  void warm_up() {
    progress("warm-up", 0.0);
    for (int64_t i = 0; i < opt_.warmup_iterations && !stopped(); ++i) run_once();
  }

  SampleResult timed_sample(int64_t n, std::vector<double>& energies) {
    int64_t t0 = 0, t1 = 0, done = 0;
    auto work = [&] {
      t0 = now_ns();
      for (; done < n && !stopped(); ++done) run_once();
      t1 = now_ns();
    };
    if (!energy_.source) {
      work();
      return {t1 - t0,
              static_cast<double>(t1 - t0) / static_cast<double>(std::max<int64_t>(done, 1))};
    }
    const SensorTrace trace = sampled(n * std::max<int64_t>(last_iteration_ns_, 1000), work);
    const double per_inference_ns =
        static_cast<double>(t1 - t0) / static_cast<double>(std::max<int64_t>(done, 1));
    const EdgeWindow w = window_of(trace, t0, t1);
    // A window of located edges shorter than half the sample (late polls left most edges
    // unlocated) stands for too little of it: that sample has no energy.
    const bool covers = w.covers_half_of(t1 - t0);
    energies.push_back(covers ? w.mean_power_w() * per_inference_ns * 1e-9 : std::nan(""));
    min_window_updates_ = std::min<int64_t>(min_window_updates_, w.intervals);
    return {t1 - t0, per_inference_ns};
  }

  void measure_network() {
    SamplingPlan plan;
    plan.warmup_iterations = 0;
    plan.target_ci = opt_.target_ci;
    plan.max_time_ns = opt_.max_time_ns;
    plan.min_samples = opt_.min_samples;
    plan.max_samples = opt_.max_samples;
    plan.min_sample_ns = opt_.min_sample_ns > 0 ? opt_.min_sample_ns
                         : energy_.source       ? std::max<int64_t>(10 * period(), 200 * kMs)
                                                : 200 * kMs;
    std::vector<double> energies;
    std::vector<double> calibration;
    bool frozen = false;
    int64_t frozen_n = 0;
    auto measure = [&](int64_t n) {
      progress("network", static_cast<double>(energies.size()) / 10.0);
      // Calibration runs (n still growing) are timed without the sampler.
      if (!frozen && n != frozen_n) {
        frozen_n = n;
        int64_t t0 = now_ns();
        for (int64_t i = 0; i < n && !stopped(); ++i) run_once();
        const int64_t d = now_ns() - t0;
        last_iteration_ns_ = d / std::max<int64_t>(n, 1);
        if (d >= plan.min_sample_ns) frozen = true;
        return SampleResult{d, static_cast<double>(d) / static_cast<double>(n)};
      }
      frozen = true;
      return timed_sample(n, energies);
    };
    out_.network_time = run_sampling(plan, measure, [&] { return stopped(); });
    if (!energy_.source) return;
    // The sampling discipline ran on time; energy has one value per frozen sample beside it.
    std::vector<double> finite;
    for (double e : energies)
      if (std::isfinite(e)) finite.push_back(e);
    if (finite.size() < energies.size())
      out_.warnings.push_back(std::to_string(energies.size() - finite.size()) +
                              " network sample(s) had located sensor updates over less than half"
                              " their time (polls delayed, as on a busy CPU): left out");
    if (min_window_updates_ < 10)
      out_.warnings.push_back("a network sample spanned only " +
                              std::to_string(min_window_updates_) +
                              " sensor updates (10 or more wanted): raise --max-time");
    if (finite.empty()) return;
    SamplingOutcome e = out_.network_time;
    e.values = energies;  // beside the time samples, NaN where a sample has no energy
    e.summary = summarize(finite);
    out_.network_energy = e;
  }

  void time_layers(const std::vector<std::string>& counter_events) {
    std::unique_ptr<ThreadCounters> counters;
    if (!counter_events.empty()) {
      counters = std::make_unique<ThreadCounters>(counter_events, process_threads());
      for (const auto& s : counters->status()) {
        out_.counter_events.push_back(s.name);
        out_.counter_provenance[s.name] = kPerfEventProvenance;
        if (!s.available) out_.counter_unavailable[s.name] = s.reason;
      }
    }
    const size_t layers = out_.layer_names.size();
    const int64_t budget = opt_.layer_iterations > 0 ? opt_.layer_iterations : 100'000;
    LayerRecorder rec(layers, static_cast<size_t>(std::min<int64_t>(budget, 100'000)),
                      counters.get(), counter_events.size());
    ObserverPair observers(&rec, opt_.also_observe);
    engine_.set_observer(&observers);
    if (counters) {
      counters->reset();
      counters->enable();
    }
    const int64_t t0 = now_ns();
    for (int64_t i = 0; i < budget && !stopped(); ++i) {
      run_once();
      const int64_t elapsed = now_ns() - t0;
      progress("layers",
               opt_.layer_iterations > 0
                   ? static_cast<double>(i + 1) / static_cast<double>(budget)
                   : static_cast<double>(elapsed) / static_cast<double>(opt_.layer_time_ns));
      if (opt_.layer_iterations <= 0 && i + 1 >= 10 && elapsed >= opt_.layer_time_ns) break;
    }
    if (counters) counters->disable();
    engine_.set_observer(opt_.also_observe);
    LayerTimeline tl;
    tl.layer_names = out_.layer_names;
    tl.layer_types = out_.layer_types;
    const auto sums = rec.counter_sums();
    const auto counted = static_cast<double>(std::max<int64_t>(rec.counted_iterations(), 1));
    rec.take_iterations(tl);
    for (const auto& times : tl.layer_times_per_iteration())
      out_.layer_time_ns.push_back(summarize(times));
    if (counters) {
      for (const auto& row : sums) {
        std::vector<double> per_inference;
        for (double v : row) per_inference.push_back(v / counted);
        out_.layer_counters.push_back(per_inference);
      }
    }
    const Summary observed = summarize(tl.iteration_times());
    if (out_.network_time.summary.count > 0 && observed.count > 0 && !counters)
      out_.overhead_pct =
          100.0 * (observed.mean - out_.network_time.summary.mean) / out_.network_time.summary.mean;
    out_.timeline = std::move(tl);
  }

  void attribute_energy() {
    if (opt_.attribution == AttributionMethod::Isolate) {
      isolate_layers();
    } else {
      sample_layers();
    }
    if (out_.attribution) {
      finish_attribution(*out_.attribution);
    } else if (!attribution_error_.empty()) {
      out_.warnings.push_back("per-layer energy not attributed: " + attribution_error_);
    }
  }

  // Layers' shares of the run, from the timeline energy was attributed over.
  static std::vector<double> runtime_shares(const LayerTimeline& tl) {
    std::vector<double> share;
    const double run = static_cast<double>(std::max<int64_t>(tl.end_ns() - tl.start_ns(), 1));
    for (const auto& times : tl.layer_times_per_iteration()) {
      double sum = 0.0;
      for (double t : times) sum += t;
      share.push_back(sum / run);
    }
    return share;
  }

  // The whole network runs with jitter between runs (layer phases drift against the sensor's
  // update clock) until every layer of at least 1 % of the run meets the precision target, or
  // the time budget is spent; the attribution is checked at growing intervals.
  void sample_layers() {
    const bool markers = opt_.attribution == AttributionMethod::Markers;
    const int64_t budget =
        opt_.attribution_time_ns > 0 ? opt_.attribution_time_ns : opt_.max_time_ns;
    int64_t check_at = std::min(budget, std::max<int64_t>(50 * period(), 1000 * kMs));
    const size_t layers = out_.layer_names.size();
    const int64_t iteration_ns = std::max<int64_t>(last_iteration_ns_, 1000);
    LayerRecorder rec(
        layers, static_cast<size_t>(std::min<int64_t>(check_at / iteration_ns + 16, 2'000'000)));
    ObserverPair observers(&rec, opt_.also_observe);
    std::mt19937_64 rng(opt_.seed);
    std::uniform_int_distribution<int64_t> jitter(0, std::min<int64_t>(iteration_ns, 5 * kMs));
    LayerTimeline tl;
    tl.layer_names = out_.layer_names;
    tl.layer_types = out_.layer_types;
    SensorTrace trace;
    engine_.set_observer(&observers);
    Sampler sampler(*energy_.source, sampler_options(budget));
    sampler.start();
    const int64_t t0 = now_ns();
    std::string stop = "time budget exhausted";
    bool attributed = false;  // over everything recorded, at the last check
    while (!stopped()) {
      run_once();
      const int64_t elapsed = now_ns() - t0;
      progress(markers ? "markers" : "trace",
               static_cast<double>(elapsed) / static_cast<double>(budget));
      if (!markers) std::this_thread::sleep_for(std::chrono::nanoseconds(jitter(rng)));
      if (elapsed < check_at && elapsed < budget) continue;
      take_iterations(rec, tl);
      trace = trace_of(*energy_.source, energy_.domain, readings_of(sampler));
      attributed = attribute_over(tl, trace);
      if (attributed && met_target(tl)) {
        stop = "precision target reached";
        break;
      }
      if (elapsed >= budget) break;
      check_at = std::min(budget, check_at * 3 / 2);
      attributed = false;
    }
    sampler.stop();
    engine_.set_observer(opt_.also_observe);
    const auto readings = readings_of(sampler, now_ns());
    after_sampling(sampler, readings);
    if (!attributed) {  // interrupted, or the last check failed: what there is now
      take_iterations(rec, tl);
      trace = trace_of(*energy_.source, energy_.domain, readings);
      attribute_over(tl, trace);
    }
    if (out_.attribution) {
      out_.attribution->stop_reason = stopped() ? "interrupted" : stop;
      out_.attribution->phase_ns = tl.end_ns() - tl.start_ns();
    }
    out_.timeline = std::move(tl);
    out_.sensor = std::move(trace);
  }

  static void take_iterations(LayerRecorder& rec, LayerTimeline& tl) {
    LayerTimeline more;
    rec.take_iterations(more);
    for (auto& it : more.iterations) tl.iterations.push_back(std::move(it));
  }

  // Attributes over everything recorded so far; false (with the reason kept) when it cannot.
  bool attribute_over(const LayerTimeline& tl, const SensorTrace& trace) {
    AttributionInput in;
    in.timeline = &tl;
    in.sensor = &trace;
    try {
      out_.attribution = make_attributor(opt_.attribution)->attribute(in);
      attribution_error_.clear();
      return true;
    } catch (const Error& e) {
      out_.attribution.reset();
      attribution_error_ = e.what();
      return false;
    }
  }

  bool met_target(const LayerTimeline& tl) const {
    return widest_relative_ci(*out_.attribution, runtime_shares(tl), 0.01) <= opt_.layer_ci;
  }

  // Energy per inference uses the layer times shown (the timing phase's); layers short of the
  // precision target are withdrawn; closure and the sensor's ceiling are checked.
  void finish_attribution(Attribution& a) {
    for (auto& l : a.layers) {
      const auto i = static_cast<size_t>(l.layer);
      if (!l.estimated || i >= out_.layer_time_ns.size()) continue;
      const double seconds = out_.layer_time_ns[i].mean * 1e-9;
      l.energy_j = l.power_w * seconds;
      l.energy_uncertainty_j = l.power_uncertainty_w * seconds;
    }
    check_closure(a);
    // Off by more than 5 %, and by more than the layers' own uncertainty allows.
    if (out_.closure &&
        std::fabs(out_.closure->difference_pct) > std::max(5.0, closure_uncertainty_pct_))
      out_.warnings.push_back(fmt_closure_warning(*out_.closure));
    check_timing_consistency();
    check_ceiling(a);
    const int withdrawn = apply_precision_target(a, opt_.layer_ci);
    if (withdrawn > 0)
      out_.warnings.push_back(std::to_string(withdrawn) + " layer(s) not attributed to +-" +
                              format_percent(opt_.layer_ci) + " (" + a.stop_reason + " after " +
                              format_seconds(a.phase_ns) +
                              "): raise --attribution-time or --layer-ci");
  }

  // Closure: the layers' energies (power x time shown) against the network's mean power (its
  // energy per inference over its time, network runs) over the same layers' time. Comparing
  // powers keeps out the runs' timing, which differs between runs on a shared CPU (said
  // apart); what remains is the attribution's own error.
  void check_closure(const Attribution& a) {
    if (!out_.network_energy) return;
    double energy = 0.0, time = 0.0;  // over the network samples that have an energy
    for (size_t i = 0; i < out_.network_energy->values.size(); ++i) {
      if (!std::isfinite(out_.network_energy->values[i])) continue;
      energy += out_.network_energy->values[i];
      time += out_.network_time.values[i];
    }
    if (!(time > 0.0)) return;
    const double network_w = energy / (time * 1e-9);
    double layers_j = 0.0, layers_ns = 0.0, spread_j = 0.0;
    for (const auto& l : a.layers) {
      const auto i = static_cast<size_t>(l.layer);
      if (!l.estimated || i >= out_.layer_time_ns.size()) continue;
      layers_j += l.energy_j;
      layers_ns += out_.layer_time_ns[i].mean;
      spread_j += std::pow(l.energy_uncertainty_j, 2);
    }
    closure_uncertainty_pct_ = 100.0 * std::sqrt(spread_j) / (network_w * layers_ns * 1e-9);
    out_.closure = closure(layers_j, network_w * layers_ns * 1e-9,
                           "network's mean power over the layers' time");
  }

  // Layer times come from the timing runs, the network's from the network runs. Layers longer
  // than the network: the runs were timed differently (a shared CPU). Much shorter: time passes
  // outside layers (copies to and from a GPU, launches, the framework).
  void check_timing_consistency() {
    double layers = 0.0;
    for (const auto& t : out_.layer_time_ns) layers += t.mean;
    const double network = out_.network_time.summary.mean;
    if (!(network > 0.0)) return;
    const std::string share = format_number("%.1f %%", 100.0 * layers / network);
    if (layers > 1.05 * network)
      out_.warnings.push_back("layer times (timing runs) sum to " + share +
                              " of the network time (network runs): the runs were timed "
                              "differently, as on a shared CPU");
    else if (layers < 0.8 * network)
      out_.warnings.push_back("layer times sum to " + share +
                              " of the network time: the rest passes outside layers (copies, "
                              "launches, the framework) and is in no layer's energy");
  }

  void check_ceiling(const Attribution& a) {
    const double ceiling = energy_.source->power_ceiling_w();
    if (!(ceiling > 0.0)) return;
    std::string over;
    for (const auto& l : a.layers) {
      if (!l.estimated || l.power_w - l.power_uncertainty_w <= ceiling) continue;
      over += (over.empty() ? "" : ", ") + out_.layer_names[static_cast<size_t>(l.layer)] + " " +
              fmt_watts(l.power_w);
    }
    if (!over.empty())
      out_.warnings.push_back("layer power above the source's ceiling of " + fmt_watts(ceiling) +
                              ": " + over + " (the attribution is not to be trusted)");
  }

  // Each layer alone, back to back, for runs of at least ten sensor update periods (longer,
  // up to five times, until ten located update intervals lie inside, where late polls left
  // edges unlocated); three runs per layer, each one sample of energy per execution.
  void isolate_layers() {
    constexpr int kRunsPerLayer = 3;
    const size_t layers = out_.layer_names.size();
    const int64_t run_ns = std::max<int64_t>(
        10 * period(), opt_.attribution_time_ns /
                           static_cast<int64_t>(kRunsPerLayer * std::max<size_t>(layers, 1)));
    std::vector<IsolationRun> runs;
    // One sampler across every run keeps the record continuous (each edge is a true edge).
    Sampler sampler(*energy_.source,
                    sampler_options(2 * run_ns * kRunsPerLayer * static_cast<int64_t>(layers)));
    sampler.start();
    for (size_t l = 0; l < layers && !stopped(); ++l)
      isolate_layer(l, kRunsPerLayer, run_ns, sampler, runs);
    sampler.stop();
    const auto readings = readings_of(sampler, now_ns());
    after_sampling(sampler, readings);
    SensorTrace trace = trace_of(*energy_.source, energy_.domain, readings);
    AttributionInput in;
    in.sensor = &trace;
    in.isolated = runs;
    try {
      out_.attribution = make_attributor(AttributionMethod::Isolate)->attribute(in);
      out_.attribution->stop_reason = stopped() ? "interrupted" : "every layer run alone";
      out_.attribution->phase_ns =
          trace.samples.empty() ? 0 : trace.samples.back().t_ns - trace.samples.front().t_ns;
    } catch (const Error& e) {
      attribution_error_ = e.what();
    }
    out_.sensor = std::move(trace);
  }

  // Located update intervals inside [from, now] so far.
  int64_t located_intervals(const Sampler& sampler, int64_t from_ns) {
    const SensorTrace t =
        trace_of(*energy_.source, energy_.domain, readings_of(sampler, 0, from_ns - period()));
    return edge_aligned_window(update_intervals(t), from_ns, now_ns()).intervals;
  }

  void isolate_layer(size_t l, int repeats, int64_t run_ns, const Sampler& sampler,
                     std::vector<IsolationRun>& runs) {
    constexpr int64_t kWantedIntervals = 10;
    auto single = single_layer_engine(engine_, l);
    const auto inputs = single->random_inputs(opt_.seed);
    auto outputs = single->make_outputs();
    LayerRecorder rec(1, 1024);
    ObserverPair observers(&rec, opt_.also_observe, l);
    single->set_observer(&observers);
    for (int r = 0; r < repeats && !stopped(); ++r) {
      progress("isolate",
               static_cast<double>(l * static_cast<size_t>(repeats) + static_cast<size_t>(r)) /
                   static_cast<double>(out_.layer_names.size() * static_cast<size_t>(repeats)));
      IsolationRun run{static_cast<int32_t>(l), {}};
      const int64_t t0 = now_ns();
      int64_t check_at = t0 + run_ns;
      while (!stopped()) {
        single->run(inputs, outputs);
        LayerTimeline tl;
        rec.take_iterations(tl);
        for (const auto& it : tl.iterations)
          for (const auto& s : it.layers)
            run.executions.push_back({run.layer, s.start_ns, s.end_ns});
        const int64_t now = now_ns();
        if (now < check_at) continue;
        if (now - t0 >= 5 * run_ns || located_intervals(sampler, t0) >= kWantedIntervals) break;
        check_at = now + run_ns / 4;
      }
      runs.push_back(std::move(run));
    }
    single->set_observer(nullptr);
  }

  Engine& engine_;
  EnergySetup energy_;
  ProfileOptions opt_;
  std::vector<Tensor> inputs_;
  std::vector<Tensor> outputs_;
  ProfileOutcome out_;
  int64_t poll_ns_ = 0;
  int64_t last_iteration_ns_ = 0;
  int64_t min_window_updates_ = INT64_MAX;
  std::string attribution_error_;         // why the last attribution failed
  double closure_uncertainty_pct_ = 0.0;  // the layers' 95 % uncertainty, summed in quadrature
  std::optional<int64_t> meter_offset_;   // found from the load pattern at the start
  bool log_behind_said_ = false;
  bool stop_ = false;
};

}  // namespace

ProfileOutcome profile_network(Engine& engine, const EnergySetup& energy,
                               const std::vector<std::string>& counter_events,
                               const ProfileOptions& options) {
  Session session(engine, energy, options);
  return session.run(counter_events);
}

}  // namespace synergy
