// The attribution validation suite at full size: every method on every sensor, idle and with one
// and three busy processes, constant and per-layer power with noise; prints per case the worst
// error of an attributed layer of 1 % of the run or more, how many such layers were attributed,
// how many of their 95 % intervals held the truth, and closure.
//   attribution_truth [--budget 6s] [--repeats 3]
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>

#include "truth.hpp"

using namespace synergy;
using namespace synergy::truth;

int main(int argc, char** argv) {
  CLI::App app("per-layer energy against known truths");
  double budget_s = 6.0;
  int repeats = 3;
  app.add_option("--budget", budget_s, "attribution budget per case, seconds");
  app.add_option("--repeats", repeats, "seeds per case");
  CLI11_PARSE(app, argc, argv);
  std::printf("%-50s %8s %10s %12s %9s %8s\n", "case", "seed", "worst err", "attributed",
              "coverage", "closure");
  int covered_all = 0, layers_all = 0;
  for (SensorKind sensor : {SensorKind::Meter, SensorKind::Rapl, SensorKind::Nvml})
    for (AttributionMethod method :
         {AttributionMethod::Trace, AttributionMethod::Markers, AttributionMethod::Isolate})
      for (bool constant : {true, false})
        for (int busy : {0, 1, 3})
          for (int seed = 1; seed <= repeats; ++seed) {
            Case c{sensor,
                   method,
                   busy,
                   constant,
                   constant ? 0.0 : 0.1,
                   static_cast<int64_t>(budget_s * 1e9),
                   static_cast<uint64_t>(seed)};
            const CaseOutcome r = run_case(c);
            double worst = 0.0;
            int big = 0, attributed = 0, covered = 0;
            for (const auto& l : r.layers) {
              if (l.share < 0.01) continue;
              ++big;
              if (!l.measured) continue;
              ++attributed;
              covered += l.covered();
              worst = std::max(worst, std::fabs(l.error()));
            }
            covered_all += covered;
            layers_all += attributed;
            std::printf("%-50s %8d %9.2f%% %6d of %-3d %4d/%-4d %7.2f%%\n", describe(c).c_str(),
                        seed, 100.0 * worst, attributed, big, covered, attributed, r.closure_pct);
            std::fflush(stdout);
          }
  std::printf("coverage over every case: %d of %d (%.1f %%)\n", covered_all, layers_all,
              layers_all ? 100.0 * covered_all / layers_all : 0.0);
  return 0;
}
