// How far one output is from another: how a reduced precision is stated against fp32.
#pragma once

#include "engine/backend.hpp"

namespace synergy {

// ||got - want||_2 / ||want||_2; infinite when the shapes differ.
double relative_l2_error(const Tensor& got, const Tensor& want);

}  // namespace synergy
