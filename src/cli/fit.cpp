// `synergy fit`: fit an energy or time model to a dataset and save it as a model file.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "predict/evaluate.hpp"
#include "predict/format.hpp"
#include "predict/model_json.hpp"
#include "predict/model_options.hpp"

namespace synergy::cli {

namespace {

constexpr const char* kFitExamples = R"txt(examples:
  synergy fit --data data/study/tx1_openblas_conv_energy.csv --target conv_energy_mj \
      --features conv_macs --no-intercept --cv loo --out tx1_mac.json
  synergy fit --data layers.csv --target energy_mj --features macs,traffic_bytes,depthwise_macs \
      --per-layer-type --out per_type.json
  synergy fit --data data/study/eigen_conv_energy.csv --device sd820 --target conv_energy_mj \
      --features "poly2(conv_macs)" --no-intercept --out sd820_quad.json
  synergy fit --data runs.csv --analytic --target energy_mj --features macs,traffic_bytes --out m.json
  synergy fit --data layers.csv --target energy_mj --features macs,traffic_bytes \
      --time-power time_ms --static-power-w 80 --out time_power.json
features: comma-separated terms over numeric columns: 'a', 'a^2', 'a*b', 'poly2(a)' (= a, a^2).
--analytic adds every analytic feature of each network (see docs/prediction.md for the names).
exit codes: 0 ok, 2 bad input (missing column, NaN, constant feature, too few networks), 1 failure
)txt";

void print_diagnostics(const predict::Model& m) {
  for (const auto& w : m.warnings()) std::cerr << "synergy fit: warning: " << w << "\n";
  for (const auto& n : m.notes) std::cerr << "synergy fit: note: " << n << "\n";
}

}  // namespace

int run_fit(int argc, char** argv) {
  predict::ModelOptions model;
  predict::DataOptions data;
  std::string out, cv, name, format = "table";
  uint64_t seed = 1;
  CLI::App app{
      "Fit a model of energy or time to a dataset (least squares via QR; standard "
      "errors, condition number and collinearity warnings reported)"};
  app.name("synergy fit");
  app.footer(kFitExamples);
  predict::add_data_flags(app, data);
  app.add_option("--features", model.features,
                 "comma-separated terms, e.g. 'conv_macs,poly2(bytes)'")
      ->required();
  predict::add_model_flags(app, model);
  app.add_option("--cv", cv, "also cross-validate on unseen networks: loo, kfold:K, split:a+b");
  app.add_option("--seed", seed, "shuffle seed of kfold")->default_val(1);
  app.add_option("--name", name, "model name (default: target ~ features)");
  app.add_option("--out", out, "model file to write (JSON)")->required();
  add_format_option(app, format);
  if (auto done = parse_args(app, argc, argv)) return *done;
  predict::Dataset d = predict::load_dataset(data);
  predict::ModelSpec spec =
      predict::make_spec(model, name.empty() ? model.target + " ~ " + model.features : name);
  predict::Model m = predict::fit_model(spec, d);
  if (!cv.empty()) m.evaluation = predict::cross_validate(spec, d, cv, seed);
  print_diagnostics(m);
  predict::save_model(m, out);
  std::cout << predict::format_model(m, predict::parse_format(format));
  std::cerr << "synergy fit: model written to " << out << "\n";
  return 0;
}

}  // namespace synergy::cli
