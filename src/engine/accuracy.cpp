#include "engine/accuracy.hpp"

#include <algorithm>
#include <cmath>

#include "engine/engine.hpp"

namespace synergy {

double relative_l2_error(const Tensor& got, const Tensor& want) {
  if (got.shape != want.shape || got.data.size() != want.data.size()) return INFINITY;
  double num = 0.0, den = 0.0;
  for (size_t i = 0; i < got.data.size(); ++i) {
    const double d = static_cast<double>(got.data[i]) - want.data[i];
    num += d * d;
    den += static_cast<double>(want.data[i]) * want.data[i];
  }
  return std::sqrt(num / std::max(den, 1e-30));
}

std::optional<double> error_vs_fp32(Engine& engine, const std::vector<Tensor>& inputs) {
  if (engine.context().precision == Precision::fp32) return std::nullopt;
  engine.set_observer(nullptr);
  std::vector<Tensor> got = engine.make_outputs();
  engine.run(inputs, got);
  EngineContext context = engine.context();
  context.precision = Precision::fp32;
  Engine fp32(engine.graph(), engine.backend().name(), context);
  std::vector<Tensor> want = fp32.make_outputs();
  fp32.run(inputs, want);
  double worst = 0.0;
  for (size_t i = 0; i < want.size(); ++i)
    worst = std::max(worst, relative_l2_error(got[i], want[i]));
  return worst;
}

}  // namespace synergy
