// `synergy study`: the SyNERGY study's regressions re-run on its published figures.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "predict/format.hpp"
#include "predict/study.hpp"

namespace synergy::cli {

namespace {

constexpr const char* kStudyExamples = R"txt(examples:
  synergy study
  synergy study --per-network --format csv
  synergy study --data-dir /path/to/data/study --format json
Runs, on the study's figures shipped in data/study (digitised from the authors' slides):
the MAC-only model through the origin on the 9 TX1/OpenBLAS networks, the SIMD-from-MACs and
bus-from-SIMD regressions and models A and B on the 5 networks with counters, and linear vs
quadratic MAC models on the Caffe2/Eigen networks of each platform; all leave-one-network-out,
printed next to the published figures.
)txt";

}  // namespace

int run_study(int argc, char** argv) {
  std::string dir = predict::default_study_dir(), format = "table";
  bool per_network = false;
  CLI::App app{"Reproduce the SyNERGY study's energy models on its published data"};
  app.name("synergy study");
  app.footer(kStudyExamples);
  app.add_option("--data-dir", dir, "folder with the study's CSV files")->default_val(dir);
  app.add_flag("--per-network", per_network, "one row per held-out network");
  add_format_option(app, format);
  if (auto done = parse_args(app, argc, argv)) return *done;
  predict::StudyReport report = predict::run_study(dir);
  std::cout << predict::format_study(report, predict::parse_format(format), per_network);
  return 0;
}

}  // namespace synergy::cli
