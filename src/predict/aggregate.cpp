// Per-network sums of per-layer rows.
#include <cmath>
#include <limits>

#include "predict/model.hpp"

namespace synergy::predict {

std::vector<double> network_totals(const Dataset& data, const std::string& column) {
  const std::vector<double>& col = data.column(column);
  std::vector<std::string> nets = data.networks();
  std::vector<double> totals(nets.size(), std::numeric_limits<double>::quiet_NaN());
  for (size_t i = 0; i < nets.size(); ++i) {
    totals[i] = 0.0;
    for (size_t r = 0; r < data.size(); ++r)
      if (data.network[r] == nets[i]) totals[i] += col[r];  // a blank row makes the total blank
  }
  return totals;
}

Dataset aggregate_networks(const Dataset& data) {
  Dataset out;
  out.source = data.source;
  out.numeric_names = data.numeric_names;
  out.text_names = data.text_names;
  out.numeric.resize(data.numeric.size());
  std::vector<size_t> first;  // first row of each (network, platform)
  for (size_t r = 0; r < data.size(); ++r) {
    size_t at = first.size();
    for (size_t i = 0; i < first.size(); ++i)
      if (data.network[first[i]] == data.network[r] && data.platform[first[i]] == data.platform[r])
        at = i;
    if (at == first.size()) {
      first.push_back(r);
      out.network.push_back(data.network[r]);
      out.layer.emplace_back();
      out.layer_type.emplace_back();
      out.platform.push_back(data.platform[r]);
      for (size_t c = 0; c < data.numeric.size(); ++c) out.numeric[c].push_back(data.numeric[c][r]);
      continue;
    }
    // A blank cell makes the sum blank: a total over partly missing layers would mislead.
    for (size_t c = 0; c < data.numeric.size(); ++c) out.numeric[c][at] += data.numeric[c][r];
  }
  return out;
}

}  // namespace synergy::predict
