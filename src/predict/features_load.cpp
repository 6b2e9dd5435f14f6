// Feature rows of networks loaded by name or file.
#include <cmath>

#include "io/load.hpp"
#include "predict/features.hpp"
#include "util/error.hpp"

namespace synergy::predict {

namespace {

template <class RowsOf>
Dataset load_rows(const std::vector<std::string>& specs, int64_t batch, RowsOf rows_of) {
  if (specs.empty()) throw bad_input("no networks given");
  Dataset all;
  for (const auto& spec : specs) {
    LoadOptions opt;
    opt.batch = batch;
    Graph g = load_network(spec, opt);
    append_rows(all, rows_of(g, analyze(g), spec));
  }
  all.source = "analytic features";
  return all;
}

}  // namespace

Dataset load_layer_features(const std::vector<std::string>& specs, int64_t batch) {
  return load_rows(specs, batch, layer_features);
}

Dataset load_network_features(const std::vector<std::string>& specs, int64_t batch) {
  return load_rows(specs, batch, network_features);
}

namespace {

// Copies every column of `features` that `data` lacks, matching rows with `same_row`.
template <class SameRow>
void copy_missing_columns(Dataset& data, const Dataset& features, SameRow same_row) {
  for (size_t c = 0; c < features.numeric_names.size(); ++c) {
    const std::string& name = features.numeric_names[c];
    if (data.has(name)) continue;
    std::vector<double>& col = data.add_column(name);
    for (size_t r = 0; r < data.size(); ++r)
      for (size_t f = 0; f < features.size(); ++f)
        if (same_row(r, f)) col[r] = features.numeric[c][f];
  }
}

}  // namespace

void join_network_features(Dataset& data, int64_t batch) {
  if (data.per_layer()) {
    Dataset features = load_layer_features(data.networks(), batch);
    copy_missing_columns(data, features, [&](size_t r, size_t f) {
      return data.network[r] == features.network[f] && data.layer[r] == features.layer[f];
    });
    return;
  }
  Dataset features = load_network_features(data.networks(), batch);
  copy_missing_columns(data, features,
                       [&](size_t r, size_t f) { return data.network[r] == features.network[f]; });
}

}  // namespace synergy::predict
