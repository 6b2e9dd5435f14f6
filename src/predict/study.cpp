#include "predict/study.hpp"

#include <cmath>

#include "predict/evaluate.hpp"
#include "util/error.hpp"

#ifndef SYNERGY_STUDY_DATA_DIR
#define SYNERGY_STUDY_DATA_DIR "data/study"
#endif

namespace synergy::predict {

namespace {

Dataset read(const std::string& dir, const std::string& file) {
  return make_dataset(CsvRowSource(dir + "/" + file).read());
}

StageSpec origin(const std::string& target, const std::string& terms) {
  return {target, parse_terms(terms), false, false, {}};
}

ModelSpec spec_of(const std::string& name, std::vector<StageSpec> stages) {
  ModelSpec s;
  s.name = name;
  s.stages = std::move(stages);
  return s;
}

StudyExperiment run(const std::string& id, const std::string& description, const ModelSpec& spec,
                    const Dataset& data, std::string published, std::string note) {
  StudyExperiment e{id,
                    description,
                    fit_model(spec, data),
                    cross_validate(spec, data, "loo"),
                    std::move(published),
                    std::move(note)};
  e.model.evaluation = e.evaluation;
  return e;
}

// Copies `column` of `from` into `into`, matching rows by network name.
void join_column(Dataset& into, const Dataset& from, const std::string& column) {
  const auto& src = from.column(column);
  std::vector<double>& dst = into.add_column(column);
  for (size_t r = 0; r < into.size(); ++r)
    for (size_t s = 0; s < from.size(); ++s)
      if (from.network[s] == into.network[r]) dst[r] = src[s];
}

void openblas_experiments(const std::string& dir, StudyReport& report) {
  Dataset energy = read(dir, "tx1_openblas_conv_energy.csv");
  report.experiments.push_back(run(
      "tx1-openblas-mac-only",
      "conv energy = a * conv MACs, through the origin; 9 networks, TX1 CPU, OpenBLAS",
      spec_of("mac-only", {origin("conv_energy_mj", "conv_macs")}), energy,
      "model B (MACs only): 7.08 +- 6.0 % without MobileNet; 17.33 +- 12.2 % with it",
      "model B chains SIMD = a MAC, bus = b SIMD, E = x1 bus + x2 SIMD, which is E = k MAC: the "
      "same form, but k here is fitted to energy directly instead of through the counter fits"));
  Dataset counters = read(dir, "tx1_openblas_counters.csv");
  report.experiments.push_back(
      run("tx1-openblas-simd-from-macs",
          "conv SIMD instructions = a * conv MACs; 5 networks with counters",
          spec_of("simd-from-macs", {origin("conv_simd_instructions", "conv_macs")}), counters,
          "slope a = 0.24540 (slides); no error figure published",
          "our counts are read off a chart (+-1-2 % of full scale), so the slope can differ in the "
          "3rd digit"));
  report.experiments.push_back(run(
      "tx1-openblas-bus-from-simd", "conv bus accesses = b * conv SIMD instructions; 5 networks",
      spec_of("bus-from-simd", {origin("conv_bus_accesses", "conv_simd_instructions")}), counters,
      "slope b = 0.06639 (slides); memory sub-model error 17.97 +- 15.29 %",
      "bus counts of the small networks sit near the chart's floor, so their digitisation error is "
      "relatively large"));
  join_column(counters, energy, "conv_energy_mj");
  report.experiments.push_back(run(
      "tx1-openblas-model-a",
      "model A: conv energy = x1 * bus + x2 * SIMD, through the origin; 5 networks",
      spec_of("model-a", {origin("conv_energy_mj", "conv_bus_accesses,conv_simd_instructions")}),
      counters, "8.04 +- 5.96 % (9 networks)",
      "only 5 of the study's networks have published counters; SIMD and bus are nearly collinear "
      "(bus ~ 0.066 SIMD), so x1 and x2 are poorly determined on 5 points"));
  report.experiments.push_back(run(
      "tx1-openblas-model-b", "model B: MACs -> SIMD -> bus -> conv energy, chained; 5 networks",
      spec_of("model-b", {origin("conv_simd_instructions", "conv_macs"),
                          origin("conv_bus_accesses", "conv_simd_instructions"),
                          origin("conv_energy_mj", "conv_bus_accesses,conv_simd_instructions")}),
      counters, "7.08 +- 6.0 % (networks except MobileNet)",
      "fitted and tested on the 5 networks with counters only"));
}

void eigen_experiments(const std::string& dir, StudyReport& report) {
  Dataset all = read(dir, "eigen_conv_energy.csv");
  for (const char* device : {"tx1", "sd820"}) {
    Dataset d = filter_platform(all, {device, "eigen", "", ""});
    const std::string where = std::string(device == std::string("tx1") ? "TX1" : "Snapdragon 820") +
                              ", Caffe2 + Eigen; " + std::to_string(d.size()) + " networks";
    report.experiments.push_back(run(
        std::string(device) + "-eigen-linear", "conv energy = a * conv MACs; " + where,
        spec_of("linear", {origin("conv_energy_mj", "conv_macs")}), d,
        "model form E = a MAC shown; no error figure in the sources we have",
        "networks whose energy per MAC is far from the rest dominate the error: VGG-CNN-S (few, "
        "large, strided convolutions; 510 mJ on the SD820) and MobileNet v1 (depthwise); one "
        "network per platform is hidden on the chart and left out"));
    report.experiments.push_back(
        run(std::string(device) + "-eigen-quadratic",
            "conv energy = a * conv MACs + b * conv MACs^2; " + where,
            spec_of("quadratic", {origin("conv_energy_mj", "conv_macs,conv_macs^2")}), d,
            "model form E = a MAC + b MAC^2 shown; no error figure in the sources we have",
            "the MAC^2 term bends the curve for the largest networks but cannot fix per-network "
            "differences in energy per MAC, and costs a coefficient on 10 training networks; "
            "energies read off a chart: +-100 mJ (TX1), +-10 mJ (SD820)"));
  }
}

}  // namespace

std::string default_study_dir() {
  return SYNERGY_STUDY_DATA_DIR;
}

StudyReport run_study(const std::string& dir) {
  StudyReport report;
  report.data_dir = dir;
  openblas_experiments(dir, report);
  eigen_experiments(dir, report);
  return report;
}

}  // namespace synergy::predict
