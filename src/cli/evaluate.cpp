// `synergy evaluate`: cross-validated error on unseen networks, feature sets side by side.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "predict/evaluate.hpp"
#include "predict/format.hpp"
#include "predict/model_options.hpp"

namespace synergy::cli {

namespace {

constexpr const char* kEvaluateExamples = R"txt(examples:
  synergy evaluate --data data/study/tx1_openblas_conv_energy.csv --target conv_energy_mj \
      --no-intercept --features conv_macs --features "poly2(conv_macs)"
  synergy evaluate --data layers.csv --target energy_mj --per-layer-type --cv kfold:5 \
      --features macs --features macs,traffic_bytes,depthwise_macs --per-network
Every fold fits on its training networks only: no layer of a held-out network is ever seen.
Reported: |predicted - measured| / measured per held-out network, mean +- sample standard
deviation (n - 1) over networks, median, max, MAPE and the share within +-10 %.
exit codes: 0 ok, 2 bad input (too few networks for the split, missing column, ...), 1 failure
)txt";

}  // namespace

int run_evaluate(int argc, char** argv) {
  predict::ModelOptions model;
  predict::DataOptions data;
  std::vector<std::string> feature_sets;
  std::string cv = "loo", format = "table";
  bool per_network = false;
  uint64_t seed = 1;
  CLI::App app{"Cross-validate models on unseen networks and compare feature sets"};
  app.name("synergy evaluate");
  app.footer(kEvaluateExamples);
  predict::add_data_flags(app, data);
  app.add_option("--features", feature_sets, "a feature set (repeat to compare several)")
      ->required();
  predict::add_model_flags(app, model);
  app.add_option("--cv", cv, "loo, kfold:K or split:a+b")->default_val("loo");
  app.add_option("--seed", seed, "shuffle seed of kfold")->default_val(1);
  app.add_flag("--per-network", per_network, "one row per held-out network");
  add_format_option(app, format);
  if (auto done = parse_args(app, argc, argv)) return *done;
  predict::Dataset d = predict::load_dataset(data);
  std::vector<std::pair<std::string, predict::Evaluation>> results;
  for (const auto& features : feature_sets) {
    model.features = features;
    predict::ModelSpec spec = predict::make_spec(model, features);
    results.emplace_back(features, predict::cross_validate(spec, d, cv, seed));
  }
  std::cout << predict::format_evaluations(results, predict::parse_format(format), per_network);
  return 0;
}

}  // namespace synergy::cli
