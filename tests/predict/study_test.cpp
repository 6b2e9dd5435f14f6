#include "predict/study.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "util/error.hpp"

namespace synergy::predict {
namespace {

const std::string kDir = std::string(SYNERGY_SOURCE_DIR) + "/data/study";

const StudyExperiment& find(const StudyReport& r, const std::string& id) {
  for (const auto& e : r.experiments)
    if (e.id == id) return e;
  throw std::runtime_error("no experiment " + id);
}

TEST(Study, MacOnlyLeaveOneOutMatchesClosedForm) {
  StudyReport r = run_study(kDir);
  const StudyExperiment& e = find(r, "tx1-openblas-mac-only");
  Dataset d = make_dataset(CsvRowSource(kDir + "/tx1_openblas_conv_energy.csv").read());
  const auto& x = d.column("conv_macs");
  const auto& y = d.column("conv_energy_mj");
  ASSERT_EQ(d.size(), 9u);
  ASSERT_EQ(e.evaluation.errors.size(), 9u);
  double mean = 0;
  for (size_t i = 0; i < d.size(); ++i) {
    double sxy = 0, sxx = 0;
    for (size_t j = 0; j < d.size(); ++j)
      if (j != i) sxy += x[j] * y[j], sxx += x[j] * x[j];
    double rel = std::abs(sxy / sxx * x[i] - y[i]) / y[i];
    EXPECT_EQ(e.evaluation.errors[i].network, d.network[i]);
    EXPECT_NEAR(e.evaluation.errors[i].relative_error, rel, 1e-12);
    mean += rel / 9.0;
  }
  EXPECT_NEAR(e.evaluation.summary.mean, mean, 1e-12);
}

// The study's published figures (data/study/README.md, DESIGN.md section 2), as printed: each is
// known to half a unit of its last digit.
struct Published {
  const char* what;
  double value;
  double rounding;
};

// Our figures that answer the same question as a published one, in the published units.
struct Figures {
  double mac_only_mean, mac_only_sd;  // E = k MAC, 9 networks without MobileNet: model B's form
  double simd_slope, bus_slope;       // SIMD = a MAC, bus = b SIMD
  double bus_mean;                    // the memory-access sub-model's mean error
};

Figures figures_of(const StudyReport& r) {
  const auto& mac = find(r, "tx1-openblas-mac-only").evaluation.summary;
  const auto& bus = find(r, "tx1-openblas-bus-from-simd").evaluation.summary;
  return {100 * mac.mean, 100 * mac.sample_std,
          find(r, "tx1-openblas-simd-from-macs").model.stages[0].parts[0].coefficients[0].value,
          find(r, "tx1-openblas-bus-from-simd").model.stages[0].parts[0].coefficients[0].value,
          100 * bus.mean};
}

std::vector<double> as_list(const Figures& f) {
  return {f.mac_only_mean, f.mac_only_sd, f.simd_slope, f.bus_slope, f.bus_mean};
}

const std::vector<Published> kPublished = {
    {"model B error mean, %, without MobileNet", 7.08, 0.005},
    {"model B error sd, %, without MobileNet", 6.0, 0.05},
    {"SIMD = a MAC, slope a", 0.24540, 0.000005},
    {"bus = b SIMD, slope b", 0.06639, 0.000005},
    {"memory sub-model error mean, %", 17.97, 0.005},
};

// A copy of the study's CSV `file` in `to` with every figure moved within its digitisation error
// (data/study/README.md): energies +-5 mJ, MACs +-1 % (AlexNet's conv MACs are exact), SIMD
// and bus counts +-2 % of the chart's full scale (the column's maximum); uniform.
void write_perturbed(const std::string& file, const std::string& to, std::mt19937_64& rng) {
  Table t = CsvRowSource(kDir + "/" + file).read();
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::map<std::string, double> full_scale;
  for (const char* c : {"conv_simd_instructions", "conv_bus_accesses"}) {
    if (!t.has(c)) continue;
    for (const auto& row : t.rows)
      full_scale[c] = std::max(full_scale[c], std::stod(row[t.index(c)]));
  }
  std::ofstream out(to + "/" + file);
  for (size_t i = 0; i < t.columns.size(); ++i) out << (i ? "," : "") << t.columns[i];
  out << "\n";
  char cell[64];
  for (auto& row : t.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string& c = t.columns[i];
      double v = 0;
      if (c == "conv_energy_mj") {
        v = std::stod(row[i]) + 5.0 * u(rng);
      } else if (c == "conv_macs" && row[t.index("network")] != "alexnet") {
        v = std::stod(row[i]) * (1.0 + 0.01 * u(rng));
      } else if (full_scale.count(c)) {
        v = std::stod(row[i]) + 0.02 * full_scale[c] * u(rng);
      } else {
        out << (i ? "," : "") << row[i];
        continue;
      }
      std::snprintf(cell, sizeof cell, "%.17g", v);
      out << (i ? "," : "") << cell;
    }
    out << "\n";
  }
}

// What the digitisation alone can move each figure by: the 99th percentile of |figure on data
// moved within its error - figure on the shipped data| over 400 draws. The shipped data is the
// truth moved by one such error, so the figure on the truth (the published one) lies within
// this distance of ours with about 99 % probability.
std::vector<double> digitisation_tolerance(const Figures& ours) {
  const std::string dir = std::string(SYNERGY_BINARY_DIR) + "/study_digitisation";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(kDir + "/eigen_conv_energy.csv", dir + "/eigen_conv_energy.csv",
                             std::filesystem::copy_options::overwrite_existing);
  std::mt19937_64 rng(2018);
  constexpr int kDraws = 400;
  const std::vector<double> base = as_list(ours);
  std::vector<std::vector<double>> moved(base.size());
  for (int draw = 0; draw < kDraws; ++draw) {
    write_perturbed("tx1_openblas_conv_energy.csv", dir, rng);
    write_perturbed("tx1_openblas_counters.csv", dir, rng);
    const std::vector<double> f = as_list(figures_of(run_study(dir)));
    for (size_t i = 0; i < f.size(); ++i) moved[i].push_back(std::abs(f[i] - base[i]));
  }
  std::vector<double> tolerance;
  for (auto& m : moved) {
    std::sort(m.begin(), m.end());
    tolerance.push_back(m[static_cast<size_t>(0.99 * kDraws) - 1]);
  }
  return tolerance;
}

// The reproduced figures agree with the published ones within what the chart reading allows.
// Left out, because they answer another question: models A and B fitted on the 5 networks with
// counters (published on 9), the Caffe2/Eigen fits (no published error figure), and the spread
// of the memory sub-model's errors: ours, over the 5 networks with counters, is 11.39 %, the
// published 15.29 %, further apart than the digitisation explains (about 3.7), so the published
// spread is most likely over networks whose counts the slides do not show.
TEST(Study, ReproducedFiguresAgreeWithThePublishedOnesWithinTheDigitisationError) {
  const Figures ours = figures_of(run_study(kDir));
  const std::vector<double> got = as_list(ours);
  const std::vector<double> tolerance = digitisation_tolerance(ours);
  ASSERT_EQ(got.size(), kPublished.size());
  for (size_t i = 0; i < got.size(); ++i) {
    const Published& p = kPublished[i];
    EXPECT_GT(tolerance[i], 0.0) << p.what;
    EXPECT_LE(std::abs(got[i] - p.value), tolerance[i] + p.rounding)
        << p.what << ": reproduced " << got[i] << ", published " << p.value
        << ", digitisation tolerance " << tolerance[i];
    RecordProperty(p.what, std::to_string(got[i]) + " vs " + std::to_string(p.value) + " +- " +
                               std::to_string(tolerance[i] + p.rounding));
  }
}

TEST(Study, EveryExperimentHasAPublishedFigureAndAPerPlatformSplit) {
  StudyReport r = run_study(kDir);
  EXPECT_EQ(r.experiments.size(), 9u);
  for (const auto& e : r.experiments) {
    EXPECT_FALSE(e.published.empty()) << e.id;
    EXPECT_GE(e.evaluation.summary.networks, 5u) << e.id;
  }
  EXPECT_EQ(find(r, "tx1-eigen-linear").evaluation.summary.networks, 11u);
  EXPECT_EQ(find(r, "sd820-eigen-quadratic").model.stages[0].parts[0].coefficients.size(), 2u);
}

TEST(Study, MissingDirectoryIsBadInput) {
  try {
    run_study("/nonexistent/study");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
  }
}

}  // namespace
}  // namespace synergy::predict
