#include "profile/session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <random>
#include <thread>

#include "engine/engine.hpp"
#include "graph/op.hpp"
#include "measure/counters/thread_counters.hpp"
#include "measure/probe.hpp"
#include "measure/sampler/sampler.hpp"
#include "profile/isolation.hpp"
#include "profile/layer_recorder.hpp"
#include "profile/readings.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"

namespace synergy {

namespace {

constexpr int64_t kMs = 1'000'000;
constexpr const char* kPerfEventProvenance =
    "measured counter (perf_event, read at layer boundaries, multiplexing scaled)";
constexpr size_t kMaxReadings = 400'000;

class Session {
 public:
  Session(Engine& engine, const EnergySetup& energy, const ProfileOptions& options)
      : engine_(engine),
        energy_(energy),
        opt_(options),
        inputs_(engine.random_inputs(options.seed)),
        outputs_(engine.make_outputs()) {
    const Graph& g = engine.graph();
    for (size_t i = 0; i < g.nodes.size(); ++i) {
      out_.layer_names.push_back(g.nodes[i].name);
      out_.layer_types.push_back(std::string(op_def(g.nodes[i]).name));
      out_.fused_into.push_back(engine.fused_into(i));
      out_.views.push_back(engine.is_view(i));
    }
    if (energy_.source) choose_poll_period();
  }

  ProfileOutcome run(const std::vector<std::string>& counter_events) {
    double idle_before = energy_.source ? idle_power("idle before") : std::nan("");
    warm_up();
    measure_network();
    time_layers(counter_events);
    if (energy_.source && !stopped()) attribute_energy();
    if (energy_.source && !stopped()) {
      const double idle_after = idle_power("idle after");
      out_.idle_power_w = idle_mean(idle_before, idle_after);
    } else if (std::isfinite(idle_before)) {
      out_.idle_power_w = idle_before;
    }
    out_.partial = stopped();
    return std::move(out_);
  }

 private:
  bool stopped() {
    if (!stop_ && opt_.interrupted && opt_.interrupted()) stop_ = true;
    return stop_;
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

  void choose_poll_period() {
    const ReadCost cost = measure_read_cost(*energy_.source, 5);
    poll_ns_ = opt_.poll_period_ns > 0
                   ? opt_.poll_period_ns
                   : std::max<int64_t>(100'000, static_cast<int64_t>(20 * cost.mean_ns));
    out_.poll_period_ns = poll_ns_;
  }

  // Runs `work` with the sampler polling; returns the readings of the domain.
  template <class Work>
  SensorTrace sampled(int64_t expected_ns, Work&& work) {
    SamplerOptions so;
    so.period_ns = std::max(poll_ns_, expected_ns / static_cast<int64_t>(kMaxReadings));
    so.capacity = static_cast<size_t>(expected_ns / so.period_ns) * 3 / 2 + 1024;
    Sampler sampler(*energy_.source, so);
    sampler.start();
    work();
    sampler.stop();
    if (sampler.dropped() > 0)
      out_.warnings.push_back("sampler dropped " + std::to_string(sampler.dropped()) +
                              " readings: the run outlasted its buffer");
    return trace_of(*energy_.source, energy_.domain, sampler.samples());
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
    energies.push_back(w.intervals > 0 ? w.mean_power_w() * per_inference_ns * 1e-9 : std::nan(""));
    min_window_updates_ = std::min<int64_t>(min_window_updates_, w.intervals);
    return {t1 - t0, per_inference_ns};
  }

  void measure_network() {
    SamplingPlan plan;
    plan.warmup_iterations = 0;
    plan.target_ci = opt_.target_ci;
    plan.max_time_ns = opt_.max_time_ns;
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
                              " network sample(s) spanned no complete sensor update");
    if (min_window_updates_ < 10)
      out_.warnings.push_back("a network sample spanned only " +
                              std::to_string(min_window_updates_) +
                              " sensor updates (10 or more wanted): raise --max-time");
    if (finite.empty()) return;
    SamplingOutcome e = out_.network_time;
    e.values = finite;
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
        if (!s.available) out_.counter_unavailable.push_back(s.name + ": " + s.reason);
      }
    }
    const size_t layers = out_.layer_names.size();
    const int64_t budget = opt_.layer_iterations > 0 ? opt_.layer_iterations : 100'000;
    LayerRecorder rec(layers, static_cast<size_t>(std::min<int64_t>(budget, 100'000)),
                      counters.get(), counter_events.size());
    engine_.set_observer(&rec);
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
    engine_.set_observer(nullptr);
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
    if (opt_.attribution == AttributionMethod::Isolate) return isolate_layers();
    const bool markers = opt_.attribution == AttributionMethod::Markers;
    const int64_t span = opt_.attribution_time_ns > 0
                             ? opt_.attribution_time_ns
                             : std::min<int64_t>(300 * period(), opt_.max_time_ns);
    const size_t layers = out_.layer_names.size();
    const int64_t iteration_ns = std::max<int64_t>(last_iteration_ns_, 1000);
    const auto expected_runs = static_cast<size_t>(span / iteration_ns + 16);
    LayerRecorder rec(layers, std::min<size_t>(expected_runs, 2'000'000));
    std::mt19937_64 rng(opt_.seed);
    // Jitter between runs lets layer phases drift against the sensor's update clock.
    std::uniform_int_distribution<int64_t> jitter(0, std::min<int64_t>(iteration_ns, 5 * kMs));
    engine_.set_observer(&rec);
    const SensorTrace trace = sampled(span, [&] {
      const int64_t t0 = now_ns();
      while (now_ns() - t0 < span && !stopped()) {
        run_once();
        progress(markers ? "markers" : "trace",
                 static_cast<double>(now_ns() - t0) / static_cast<double>(span));
        if (!markers) std::this_thread::sleep_for(std::chrono::nanoseconds(jitter(rng)));
      }
    });
    engine_.set_observer(nullptr);
    LayerTimeline tl;
    tl.layer_names = out_.layer_names;
    tl.layer_types = out_.layer_types;
    rec.take_iterations(tl);
    AttributionInput in;
    in.timeline = &tl;
    in.sensor = &trace;
    try {
      const auto method = markers ? AttributionMethod::Markers : AttributionMethod::Trace;
      out_.attribution = make_attributor(method)->attribute(in);
    } catch (const Error& e) {
      out_.warnings.push_back(std::string("per-layer energy not attributed: ") + e.what());
    }
    out_.timeline = std::move(tl);
    out_.sensor = trace;
  }

  // Each layer alone, back to back, for runs of at least ten sensor update periods; three runs
  // per layer, each one sample of energy per execution.
  void isolate_layers() {
    constexpr int kRunsPerLayer = 3;
    const size_t layers = out_.layer_names.size();
    const int64_t run_ns = std::max<int64_t>(
        10 * period(), opt_.attribution_time_ns /
                           static_cast<int64_t>(kRunsPerLayer * std::max<size_t>(layers, 1)));
    std::vector<IsolationRun> runs;
    // One sampler across every run keeps the record continuous (each edge is a true edge).
    const SensorTrace trace = sampled(run_ns * kRunsPerLayer * static_cast<int64_t>(layers), [&] {
      for (size_t l = 0; l < layers && !stopped(); ++l)
        isolate_layer(l, kRunsPerLayer, run_ns, runs);
    });
    AttributionInput in;
    in.sensor = &trace;
    in.isolated = runs;
    try {
      out_.attribution = make_attributor(AttributionMethod::Isolate)->attribute(in);
    } catch (const Error& e) {
      out_.warnings.push_back(std::string("per-layer energy not attributed: ") + e.what());
    }
    out_.sensor = trace;
  }

  void isolate_layer(size_t l, int repeats, int64_t run_ns, std::vector<IsolationRun>& runs) {
    auto single = single_layer_engine(engine_, l);
    const auto inputs = single->random_inputs(opt_.seed);
    auto outputs = single->make_outputs();
    LayerRecorder rec(1, 1024);
    single->set_observer(&rec);
    for (int r = 0; r < repeats && !stopped(); ++r) {
      progress("isolate",
               static_cast<double>(l * static_cast<size_t>(repeats) + static_cast<size_t>(r)) /
                   static_cast<double>(out_.layer_names.size() * static_cast<size_t>(repeats)));
      IsolationRun run{static_cast<int32_t>(l), {}};
      const int64_t t0 = now_ns();
      while (now_ns() - t0 < run_ns && !stopped()) {
        single->run(inputs, outputs);
        LayerTimeline tl;
        rec.take_iterations(tl);
        for (const auto& it : tl.iterations)
          for (const auto& s : it.layers)
            run.executions.push_back({run.layer, s.start_ns, s.end_ns});
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
