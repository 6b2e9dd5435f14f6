// How far one output is from another: how a reduced precision is stated against fp32.
#pragma once

#include <optional>
#include <vector>

#include "engine/backend.hpp"

namespace synergy {

class Engine;

// ||got - want||_2 / ||want||_2; infinite when the shapes differ.
double relative_l2_error(const Tensor& got, const Tensor& want);

// The largest relative L2 error over the outputs of one unobserved run of `engine` on `inputs`
// against the same network compiled in fp32 on the same backend; none when `engine` runs fp32.
std::optional<double> error_vs_fp32(Engine& engine, const std::vector<Tensor>& inputs);

}  // namespace synergy
