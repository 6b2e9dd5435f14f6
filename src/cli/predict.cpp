// `synergy predict`: a network's energy or time from a fitted model, without running it.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/kernel_layout.hpp"
#include "io/load.hpp"
#include "predict/features.hpp"
#include "predict/format.hpp"
#include "predict/kernel/kernel_format.hpp"
#include "predict/kernel/kernel_model_json.hpp"
#include "predict/model_json.hpp"
#include "result/context.hpp"
#include "util/error.hpp"
#include "util/read_file.hpp"

namespace synergy::cli {

namespace {

constexpr const char* kPredictExamples = R"txt(examples:
  synergy predict --model tx1_mac.json alexnet mobilenet_v1
  synergy predict --model per_type.json --per-layer resnet50.onnx
  synergy predict --model tx1_mac.json --data features.csv --format json
Features come from the analytic cost of each network's layers (see synergy inspect); nothing
is executed. Predictions are model estimates for the model's platform.
exit codes: 0 ok, 2 bad input (unknown network, malformed model file, missing feature, layers
of a type the model was not fitted on without --allow-uncovered)
)txt";

predict::Dataset features_for(const predict::Model& m, const std::vector<std::string>& networks,
                              const std::string& data_path, int64_t batch) {
  if (!data_path.empty()) return predict::make_dataset(predict::open_row_source(data_path)->read());
  if (m.spec.granularity == predict::Granularity::Layer)
    return predict::load_layer_features(networks, batch);
  return predict::load_network_features(networks, batch);
}

// Empty when every layer of every network is covered.
std::string uncovered_error(const std::vector<predict::NetworkPrediction>& preds) {
  std::string listed;
  for (const auto& p : preds) {
    if (p.uncovered_layers.empty()) continue;
    listed += "  " + p.network + ": " + std::to_string(p.uncovered_layers.size()) + " layers, e.g.";
    for (size_t i = 0; i < std::min<size_t>(3, p.uncovered_layers.size()); ++i)
      listed += " " + p.uncovered_layers[i];
    listed += "\n";
  }
  if (listed.empty()) return listed;
  return "the model was not fitted on every layer type of these networks:\n" + listed +
         "fit it on data with those types, or pass --allow-uncovered to predict without them (the "
         "output then says how much is left out)\n";
}

// A kernel model's predictions: each network compiled (not run) on the model's backend and
// threads, so that its kernels are the ones the engine would run.
int predict_kernels(const predict::KernelModel& m, const std::string& model_path,
                    const std::vector<std::string>& networks, int64_t batch, bool per_kernel,
                    bool allow_uncovered, const std::string& format) {
  const std::string here = machine_context().cpu_model;
  if (!m.platform.device.empty() && m.platform.device != here)
    std::cerr << "synergy predict: warning: the model was calibrated on '" << m.platform.device
              << "', this machine is '" << here << "': its numbers are for that device\n";
  if (!m.platform.batch.empty() && m.platform.batch != std::to_string(batch))
    std::cerr << "synergy predict: warning: the model was calibrated at batch " << m.platform.batch
              << ", predicting batch " << batch << "\n";
  const int threads = std::atoi(m.platform.threads.c_str());
  if (threads < 1)
    throw bad_input(model_path + ": the model names no thread count ('" + m.platform.threads +
                    "')");
  std::vector<predict::KernelPrediction> preds;
  for (const auto& spec : networks) {
    LoadOptions options;
    options.batch = batch;
    Graph g = load_network(spec, options);
    const auto compiled = kernel_layout(g, m.platform.backend, threads, m.platform.precision);
    preds.push_back(predict::predict_network(
        m, spec,
        predict::kernels_of(g, analyze(g, value_bytes(m.platform.precision)), compiled.layout)));
    for (const auto& [library, version] : compiled.libraries) {
      auto it = m.libraries.find(library);
      if (it != m.libraries.end() && it->second != version && preds.size() == 1)
        std::cerr << "synergy predict: warning: the model was calibrated with " << library << " "
                  << it->second << ", this build runs " << version << ": its kernels may differ\n";
    }
  }
  for (const auto& p : preds) {
    if (p.uncovered.empty() || allow_uncovered) continue;
    std::cerr << "synergy predict: " << p.network << ": " << p.uncovered.size()
              << " kernels of kinds the model was not calibrated on, e.g. " << p.uncovered.front()
              << "\ncalibrate on networks with them, or pass --allow-uncovered to predict "
                 "without them (the output then says how much is left out)\n";
    return 2;
  }
  std::cout << predict::format_kernel_predictions(m, preds, predict::parse_format(format),
                                                  per_kernel);
  return 0;
}

}  // namespace

int run_predict(int argc, char** argv) {
  std::string model_path, data_path, format = "table";
  std::vector<std::string> networks;
  int64_t batch = 1;
  bool per_layer = false, allow_uncovered = false;
  CLI::App app{"Predict energy or time of networks from a fitted model (no execution)"};
  app.name("synergy predict");
  app.footer(kPredictExamples);
  app.add_option("--model", model_path, "model file written by synergy fit")->required();
  app.add_option("networks", networks, "zoo names or .onnx / .prototxt files");
  app.add_option("--data", data_path, "predict the rows of a feature CSV instead");
  app.add_option("--batch", batch, "batch size")
      ->default_val(1)
      ->check(CLI::Range(int64_t{1}, int64_t{1'000'000}));
  app.add_flag("--per-layer", per_layer, "also print each layer's prediction");
  app.add_flag("--allow-uncovered", allow_uncovered,
               "predict networks with layers of types the model was not fitted on, without "
               "them (the output says how much is left out)");
  add_format_option(app, format);
  if (auto done = parse_args(app, argc, argv)) return *done;
  if (networks.empty() == data_path.empty()) {
    std::cerr << "synergy predict: give networks or --data (one of them)\n";
    return 2;
  }
  const std::string model_text = read_file(model_path);  // read once, whichever kind it is
  if (predict::is_kernel_model_json(model_text)) {
    if (!data_path.empty()) throw bad_input("a kernel model predicts networks, not --data rows");
    return predict_kernels(predict::kernel_model_from_json(model_text, model_path), model_path,
                           networks, batch, per_layer, allow_uncovered, format);
  }
  predict::Model m = predict::model_from_json(model_text, model_path);
  if (!m.platform.batch.empty() && m.platform.batch != std::to_string(batch) && data_path.empty())
    std::cerr << "synergy predict: warning: the model was fitted at batch " << m.platform.batch
              << ", predicting batch " << batch << "\n";
  auto preds = predict::predict_networks(m, features_for(m, networks, data_path, batch));
  if (!allow_uncovered && !uncovered_error(preds).empty()) {
    std::cerr << "synergy predict: " << uncovered_error(preds);
    return 2;
  }
  const auto f = predict::parse_format(format);
  std::cout << predict::format_predictions(m, preds, f, per_layer);
  // The table and JSON carry the warnings; a CSV has no place for them.
  if (f == predict::OutputFormat::Csv)
    for (const auto& p : preds)
      for (const auto& w : p.warnings)
        std::cerr << "synergy predict: warning: " << p.network << ": " << w << "\n";
  return 0;
}

}  // namespace synergy::cli
