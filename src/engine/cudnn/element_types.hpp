// The element types a GPU tensor is stored in, and the float32 <-> float16/bfloat16 conversion
// rules (round to nearest, ties to even), written once for the device kernels and the host (plan
// time weight conversion, and the CPU tests that check the rules). Plain C++: no CUDA header.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__CUDACC__)
#define SYNERGY_HD __host__ __device__
#else
#define SYNERGY_HD
#endif

namespace synergy::cudnn {

// How activations and weights are stored on the device; arithmetic is float32 in every case.
enum class Storage : int { f32 = 0, f16 = 1, bf16 = 2 };

// IEEE binary16 and bfloat16 as raw bits: layout-compatible with CUDA's __half and
// __nv_bfloat16, so cuDNN and cuBLAS read the same buffers.
struct Half {
  uint16_t bits;
};
struct BFloat16 {
  uint16_t bits;
};

SYNERGY_HD inline uint32_t bits_of(float f) {
#if defined(__CUDA_ARCH__)
  return __float_as_uint(f);
#else
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
#endif
}

SYNERGY_HD inline float float_of(uint32_t u) {
#if defined(__CUDA_ARCH__)
  return __uint_as_float(u);
#else
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
#endif
}

// Drops the low `shift` bits of `m`, rounding to nearest and ties to even.
SYNERGY_HD inline uint32_t round_shift(uint32_t m, uint32_t shift) {
  const uint32_t kept = m >> shift, rest = m & ((1u << shift) - 1), half = 1u << (shift - 1);
  return kept + ((rest > half || (rest == half && (kept & 1u))) ? 1u : 0u);
}

// float32 -> binary16: overflow (|x| >= 65520) gives infinity, tiny values subnormals or zero,
// NaN stays a (quiet) NaN.
SYNERGY_HD inline uint16_t half_bits_of(float f) {
  const uint32_t x = bits_of(f);
  const uint32_t sign = (x >> 16) & 0x8000u, mag = x & 0x7fffffffu;
  if (mag > 0x7f800000u) return uint16_t(sign | 0x7e00u | ((mag >> 13) & 0x3ffu));
  if (mag >= 0x477ff000u) return uint16_t(sign | 0x7c00u);  // 65520 and above round to inf
  if (mag >= 0x38800000u)                                   // normal: 2^-14 and above
    return uint16_t(sign | round_shift(mag - 0x38000000u, 13));
  if (mag <= 0x33000000u) return uint16_t(sign);  // 2^-25 and below round to zero
  const uint32_t exponent = mag >> 23, significand = (mag & 0x7fffffu) | 0x800000u;
  return uint16_t(sign | round_shift(significand, 126 - exponent));  // units of 2^-24
}

SYNERGY_HD inline float float_of_half_bits(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000u) << 16, exponent = (h >> 10) & 0x1fu,
                 mantissa = h & 0x3ffu;
  if (exponent == 0x1f) return float_of(sign | 0x7f800000u | (mantissa << 13));
  if (exponent == 0) {
    const float v = float(mantissa) * 5.9604644775390625e-8f;  // 2^-24, exact
    return sign ? -v : v;
  }
  return float_of(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

// float32 -> bfloat16: the upper 16 bits, rounded to nearest even; NaN stays a (quiet) NaN.
SYNERGY_HD inline uint16_t bfloat16_bits_of(float f) {
  const uint32_t x = bits_of(f);
  if ((x & 0x7fffffffu) > 0x7f800000u) return uint16_t((x >> 16) | 0x40u);
  return uint16_t((x + 0x7fffu + ((x >> 16) & 1u)) >> 16);
}

SYNERGY_HD inline float float_of_bfloat16_bits(uint16_t b) {
  return float_of(uint32_t(b) << 16);
}

SYNERGY_HD inline float to_float(float x) {
  return x;
}
SYNERGY_HD inline float to_float(Half x) {
  return float_of_half_bits(x.bits);
}
SYNERGY_HD inline float to_float(BFloat16 x) {
  return float_of_bfloat16_bits(x.bits);
}

// The element of type T nearest to `v`.
template <class T>
SYNERGY_HD T from_float(float v);
template <>
SYNERGY_HD inline float from_float<float>(float v) {
  return v;
}
template <>
SYNERGY_HD inline Half from_float<Half>(float v) {
  return Half{half_bits_of(v)};
}
template <>
SYNERGY_HD inline BFloat16 from_float<BFloat16>(float v) {
  return BFloat16{bfloat16_bits_of(v)};
}

constexpr size_t element_bytes(Storage s) {
  return s == Storage::f32 ? 4 : 2;
}

}  // namespace synergy::cudnn
