// 64-bit arithmetic that reports overflow instead of wrapping.
#pragma once

#include <cstdint>
#include <string>

#include "util/error.hpp"

namespace synergy {

inline int64_t checked_mul(int64_t a, int64_t b, const char* what = "value") {
  int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) throw bad_input(std::string(what) + " overflows 64 bits");
  return r;
}

inline int64_t checked_add(int64_t a, int64_t b, const char* what = "value") {
  int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) throw bad_input(std::string(what) + " overflows 64 bits");
  return r;
}

}  // namespace synergy
