// Model and dataset choices as the command line states them, turned into a ModelSpec.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "predict/dataset.hpp"
#include "predict/model.hpp"

namespace synergy::predict {

struct ModelOptions {
  std::string target;
  std::string features;  // comma-separated terms: "conv_macs, poly2(bytes), macs*depthwise"
  bool no_intercept = false;
  bool per_layer_type = false;  // one fit per layer type, summed over a network's layers
  bool layer_model = false;     // one pooled fit over layers, summed over a network's layers
  std::string solver = "ols";
  double ridge_lambda = 0.0;
  std::string chain;       // earlier stages "simd=conv_macs; bus=simd" (the last stage is target)
  std::string time_power;  // time column: time ~ features per type, then target ~ time per type
  double static_power_w = -1.0;  // with time_power: static watts (W x ms = mJ); < 0: none
};

struct DataOptions {
  std::string path;
  Platform platform;      // empty fields match anything
  bool analytic = false;  // join analytic network features by network name
  int64_t batch = 1;      // batch of the analytic features
};

// Throws bad_input on contradictory or malformed choices.
ModelSpec make_spec(const ModelOptions& options, const std::string& name);
// Reads the dataset, keeps the chosen platform (exactly one must remain) and joins analytic
// features when asked.
Dataset load_dataset(const DataOptions& options);

// Registers the model flags on a CLI11 app (a template, so that this library does not need
// CLI11 itself).
template <class App>
void add_model_flags(App& app, ModelOptions& o) {
  app.add_option("--target", o.target, "column to predict, e.g. energy_mj")->required();
  app.add_flag("--no-intercept", o.no_intercept, "fit through the origin (as the study did)");
  app.add_flag("--per-layer-type", o.per_layer_type,
               "one fit per layer type on per-layer rows, summed over each network");
  app.add_flag("--layer-model", o.layer_model,
               "one fit over all per-layer rows, summed per network");
  app.add_option("--solver", o.solver, "ols (QR), nnls (non-negative) or ridge")
      ->default_val("ols");
  app.add_option("--lambda", o.ridge_lambda, "ridge penalty on unit-norm columns")
      ->default_val(0.0);
  app.add_option("--chain", o.chain,
                 "earlier stages 'col=terms; col=terms', each predicted from the ones before "
                 "(model B: 'simd=conv_macs; bus=simd' with --features bus,simd)");
  app.add_option("--time-power", o.time_power,
                 "time column: per-layer-type time from --features, then target = power x time");
  app.add_option("--static-power-w", o.static_power_w,
                 "static power in W added as W x predicted time (ms -> mJ); with --time-power");
}

template <class App>
void add_data_flags(App& app, DataOptions& o) {
  app.add_option("--data", o.path, "dataset: a .csv file with a 'network' column")->required();
  app.add_option("--device", o.platform.device, "keep rows of this device");
  app.add_option("--backend", o.platform.backend, "keep rows of this backend");
  app.add_option("--threads", o.platform.threads, "keep rows with this thread count");
  app.add_option("--data-batch", o.platform.batch, "keep rows with this batch size");
  app.add_flag("--analytic", o.analytic,
               "add the analytic features of each network (zoo name or model file) to its row");
  app.add_option("--batch", o.batch, "batch size of the analytic features")->default_val(1);
}

}  // namespace synergy::predict
