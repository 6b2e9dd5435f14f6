// Our engine (onednn, and blas) against OpenCV DNN 4.6 on the same ONNX networks, side by side in
// one process, at the same thread counts. Prints per-network median latencies (ms), our/OpenCV
// ratios with their geometric mean per thread count, the cost of observing every layer
// (observed / unobserved), and blas/onednn. Results on stdout, progress on stderr.
//
//   engine_vs_opencv [--threads 1,2] [--rounds 7] [--block-ms 200] [--no-blas] MODEL.onnx...
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>

#include "engine_bench_runners.hpp"
#include "io/load.hpp"

namespace synergy::bench {
namespace {

struct Options {
  std::vector<int> threads{1, 2};
  int rounds = 7;
  double block_ms = 200.0;
  bool blas = true;
  std::vector<std::string> models;
};

double median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double relative_l2(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return NAN;
  double d = 0.0, n = 0.0;
  for (size_t i = 0; i < a.size(); ++i) {
    d += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
    n += double(b[i]) * b[i];
  }
  return std::sqrt(d / std::max(n, 1e-30));
}

struct Row {
  std::string network;
  int threads = 0;
  double ours = 0, opencv = 0, observed = 0, observer_ratio = 1, observer_min_ratio = 1, blas = NAN,
         agreement = 0;
  size_t samples = 0;
};

// One block: `iterations` timed runs appended to `samples`.
void block(Runner& r, int iterations, std::vector<double>& samples) {
  for (int i = 0; i < iterations; ++i) samples.push_back(r.run_ms());
}

int iterations_for(double ms, double block_ms) {
  return std::clamp(static_cast<int>(block_ms / std::max(ms, 1e-3)), 1, 50);
}

Row measure(const std::string& path, const Graph& graph, int threads, const Options& o) {
  const Shape& shape = graph.shape(graph.inputs.at(0));
  std::vector<float> input(static_cast<size_t>(shape.numel()));
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(0.0f, 1.0f);
  for (float& x : input) x = dist(rng);
  auto ours = make_engine_runner(graph, "onednn", threads, input);
  auto cv = make_opencv_runner(path, shape, threads, input);
  auto blas = o.blas ? make_engine_runner(graph, "blas", threads, input) : nullptr;
  // Warm-up, and one run to size the blocks.
  for (int i = 0; i < 2; ++i) ours->run_ms(), cv->run_ms();
  const int k_ours = iterations_for(ours->run_ms(), o.block_ms);
  const int k_cv = iterations_for(cv->run_ms(), o.block_ms);
  const int k_blas = blas ? iterations_for(blas->run_ms(), o.block_ms) : 0;
  std::vector<double> s_ours, s_obs, s_cv, s_blas, pair_ratio;
  for (int r = 0; r < o.rounds; ++r) {
    // Unobserved and observed runs alternate, so that both see the same machine state.
    for (int i = 0; i < k_ours; ++i) {
      ours->observe(i % 2 == 1);
      const double a = ours->run_ms();
      ours->observe(i % 2 == 0);
      const double b = ours->run_ms();
      const double plain = i % 2 ? b : a, observed = i % 2 ? a : b;
      s_ours.push_back(plain);
      s_obs.push_back(observed);
      pair_ratio.push_back(observed / plain);
    }
    ours->observe(false);
    block(*cv, k_cv, s_cv);
    if (blas) block(*blas, k_blas, s_blas);
  }
  Row row{std::filesystem::path(path).stem().string(), threads};
  row.ours = median(s_ours);
  row.observed = median(s_obs);
  row.observer_ratio = median(pair_ratio);
  row.observer_min_ratio = *std::min_element(s_obs.begin(), s_obs.end()) /
                           *std::min_element(s_ours.begin(), s_ours.end());
  row.opencv = median(s_cv);
  row.blas = median(s_blas);
  row.agreement = relative_l2(ours->output(), cv->output());
  row.samples = s_ours.size();
  return row;
}

void print(const std::vector<Row>& rows, const Options& o) {
  std::printf("%-20s %3s %11s %11s %8s %11s %10s %10s %10s %9s %5s\n", "network", "thr",
              "onednn_ms", "opencv_ms", "ratio", "blas_ms", "blas/dnn", "observed", "obs_min",
              "out_l2", "n");
  for (const Row& r : rows) {
    std::printf("%-20s %3d %11.3f %11.3f %8.3f %11.3f %10.2f %+9.2f%% %+9.2f%% %9.1e %5zu\n",
                r.network.c_str(), r.threads, r.ours, r.opencv, r.ours / r.opencv, r.blas,
                r.blas / r.ours, 100.0 * (r.observer_ratio - 1.0),
                100.0 * (r.observer_min_ratio - 1.0), r.agreement, r.samples);
  }
  for (int t : o.threads) {
    double log_sum = 0.0, obs_sum = 0.0;
    int n = 0;
    for (const Row& r : rows) {
      if (r.threads != t) continue;
      log_sum += std::log(r.ours / r.opencv);
      obs_sum += std::log(r.observer_ratio);
      ++n;
    }
    if (n == 0) continue;
    std::printf(
        "threads %d: geometric mean onednn/opencv = %.3f over %d networks; "
        "observation overhead (geo. mean) = %+.2f%%\n",
        t, std::exp(log_sum / n), n, 100.0 * (std::exp(obs_sum / n) - 1.0));
  }
  std::printf(
      "latency: median of per-inference wall times (ms) over %d interleaved rounds; "
      "n = onednn samples; out_l2 = relative L2 distance of the outputs\n",
      o.rounds);
}

}  // namespace
}  // namespace synergy::bench

int main(int argc, char** argv) {
  using namespace synergy::bench;
  Options o;
  CLI::App app{"Our engine against OpenCV DNN on the same ONNX networks"};
  app.add_option("--threads", o.threads, "thread counts")->delimiter(',');
  app.add_option("--rounds", o.rounds, "interleaved rounds");
  app.add_option("--block-ms", o.block_ms, "time per block of runs (ms)");
  bool no_blas = false;
  app.add_flag("--no-blas", no_blas, "skip the blas backend");
  app.add_option("models", o.models, "ONNX files")->required();
  CLI11_PARSE(app, argc, argv);
  o.blas = !no_blas;
  std::vector<Row> rows;
  for (const auto& path : o.models) {
    synergy::Graph graph;
    try {
      graph = synergy::load_network(path);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "skipping %s: %s\n", path.c_str(), e.what());
      continue;
    }
    for (int t : o.threads) {
      std::fprintf(stderr, "%s, %d thread(s)...\n", path.c_str(), t);
      try {
        rows.push_back(measure(path, graph, t, o));
      } catch (const std::exception& e) {
        std::fprintf(stderr, "skipping %s at %d threads: %s\n", path.c_str(), t, e.what());
      }
    }
  }
  print(rows, o);
  return rows.empty() ? 1 : 0;
}
