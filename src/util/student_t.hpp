// Quantiles of Student's t distribution, for intervals estimated from few samples or residuals.
#pragma once

#include <cstdint>

namespace synergy {

// Two-sided 97.5 % quantile of Student's t with `dof` degrees of freedom; infinite below 1.
double student_t_975(int64_t dof);

}  // namespace synergy
