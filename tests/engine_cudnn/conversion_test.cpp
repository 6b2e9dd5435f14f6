// The float32 <-> float16 / bfloat16 conversion rules the GPU kernels and the weight upload use:
// round to nearest with ties to even, overflow to infinity, subnormals kept, NaN kept.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

#include "engine/cudnn/element_types.hpp"

namespace synergy::cudnn {
namespace {

float half(uint16_t bits) {
  return float_of_half_bits(bits);
}
float bf16(uint16_t bits) {
  return float_of_bfloat16_bits(bits);
}

TEST(HalfConversion, HandWorkedValues) {
  EXPECT_EQ(half_bits_of(1.0f), 0x3c00);
  EXPECT_EQ(half_bits_of(-2.0f), 0xc000);
  EXPECT_EQ(half_bits_of(0.5f), 0x3800);
  EXPECT_EQ(half_bits_of(-0.0f), 0x8000);
  EXPECT_EQ(half_bits_of(65504.0f), 0x7bff);               // largest finite
  EXPECT_EQ(half_bits_of(std::ldexp(1.0f, -14)), 0x0400);  // smallest normal
  EXPECT_EQ(half_bits_of(std::ldexp(1.0f, -24)), 0x0001);  // smallest subnormal
  EXPECT_EQ(half_bits_of(std::numeric_limits<float>::infinity()), 0x7c00);
  EXPECT_EQ(half_bits_of(-std::numeric_limits<float>::infinity()), 0xfc00);
}

TEST(HalfConversion, TiesRoundToEven) {
  // 1 + 2^-11 lies halfway between 1 (even significand) and 1 + 2^-10 (odd).
  EXPECT_EQ(half_bits_of(1.0f + std::ldexp(1.0f, -11)), 0x3c00);
  // 1 + 3 * 2^-11 lies halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even).
  EXPECT_EQ(half_bits_of(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3c02);
  // Just above a tie rounds up.
  EXPECT_EQ(half_bits_of(std::nextafter(1.0f + std::ldexp(1.0f, -11), 2.0f)), 0x3c01);
  // Subnormal ties: 2^-25 is halfway between 0 and 2^-24; 3 * 2^-25 between 1 and 2 units.
  EXPECT_EQ(half_bits_of(std::ldexp(1.0f, -25)), 0x0000);
  EXPECT_EQ(half_bits_of(std::nextafter(std::ldexp(1.0f, -25), 1.0f)), 0x0001);
  EXPECT_EQ(half_bits_of(3 * std::ldexp(1.0f, -25)), 0x0002);
  // 65520 is halfway between 65504 (odd significand) and 2^16, which overflows: infinity.
  EXPECT_EQ(half_bits_of(65520.0f), 0x7c00);
  EXPECT_EQ(half_bits_of(std::nextafter(65520.0f, 0.0f)), 0x7bff);
  // Rounding up from the largest subnormal reaches the smallest normal.
  EXPECT_EQ(half_bits_of(std::nextafter(std::ldexp(1.0f, -14), 0.0f)), 0x0400);
}

TEST(HalfConversion, NanStaysNan) {
  const uint16_t h = half_bits_of(std::numeric_limits<float>::quiet_NaN());
  EXPECT_EQ(h & 0x7c00, 0x7c00);
  EXPECT_NE(h & 0x03ff, 0);
  EXPECT_TRUE(std::isnan(half(0x7e00)));
  EXPECT_TRUE(std::isnan(half(0xfc01)));
}

// Every one of the 65536 encodings decodes to a float that encodes back to it (NaN to a NaN).
TEST(HalfConversion, EveryEncodingRoundTrips) {
  for (uint32_t b = 0; b <= 0xffff; ++b) {
    const float f = half(uint16_t(b));
    if (std::isnan(f)) {
      EXPECT_TRUE(std::isnan(half(half_bits_of(f)))) << b;
      continue;
    }
    ASSERT_EQ(half_bits_of(f), b) << "encoding " << b << " decodes to " << f;
  }
}

TEST(HalfConversion, DecodesByTheFormula) {
  EXPECT_EQ(half(0x3c00), 1.0f);
  EXPECT_EQ(half(0x7bff), 65504.0f);
  EXPECT_EQ(half(0x0001), std::ldexp(1.0f, -24));
  EXPECT_EQ(half(0x03ff), 1023 * std::ldexp(1.0f, -24));
  EXPECT_EQ(half(0x8000), 0.0f);
  EXPECT_TRUE(std::signbit(half(0x8000)));
  EXPECT_EQ(half(0x7c00), std::numeric_limits<float>::infinity());
}

// Random floats in and around the float16 range land on the nearest encoding, ties to even:
// checked against both neighbours of the result.
TEST(HalfConversion, NearestOfTheNeighbours) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> exponent(-26.0f, 16.0f);
  for (int i = 0; i < 200000; ++i) {
    const float x = std::exp2(exponent(rng)) * (rng() % 2 ? 1.0f : -1.0f);
    const uint16_t h = half_bits_of(x);
    const float got = half(h);
    if (std::isinf(got)) {
      EXPECT_GE(std::fabs(x), 65520.0f) << x;
      continue;
    }
    const double err = std::fabs(double(got) - x);
    for (int step : {-1, 1}) {
      const uint16_t neighbour = uint16_t((h & 0x7fff) + step) | (h & 0x8000);
      if ((h & 0x7fff) == 0 && step < 0) continue;
      const double other = std::fabs(double(half(neighbour)) - x);
      ASSERT_LE(err, other) << x;
      if (err == other) {
        ASSERT_EQ(h & 1, 0) << "tie not to even at " << x;
      }
    }
  }
}

TEST(Bfloat16Conversion, HandWorkedValues) {
  EXPECT_EQ(bfloat16_bits_of(1.0f), 0x3f80);
  EXPECT_EQ(bfloat16_bits_of(-2.0f), 0xc000);
  EXPECT_EQ(bfloat16_bits_of(std::numeric_limits<float>::infinity()), 0x7f80);
  EXPECT_EQ(bfloat16_bits_of(std::numeric_limits<float>::max()), 0x7f80);  // rounds to inf
  EXPECT_EQ(bfloat16_bits_of(std::numeric_limits<float>::denorm_min()), 0x0000);
  EXPECT_EQ(bf16(0x3f80), 1.0f);
  EXPECT_EQ(bf16(0x0001), std::ldexp(1.0f, -133));  // subnormal kept
}

TEST(Bfloat16Conversion, TiesRoundToEven) {
  EXPECT_EQ(bfloat16_bits_of(1.0f + std::ldexp(1.0f, -8)), 0x3f80);
  EXPECT_EQ(bfloat16_bits_of(1.0f + 3 * std::ldexp(1.0f, -8)), 0x3f82);
  EXPECT_EQ(bfloat16_bits_of(std::nextafter(1.0f + std::ldexp(1.0f, -8), 2.0f)), 0x3f81);
}

TEST(Bfloat16Conversion, NanStaysNan) {
  // A NaN whose payload sits only in the low 16 bits must not round to infinity.
  uint32_t low_payload = 0x7f800001u;
  float nan;
  std::memcpy(&nan, &low_payload, sizeof nan);
  EXPECT_TRUE(std::isnan(bf16(bfloat16_bits_of(nan))));
  EXPECT_TRUE(std::isnan(bf16(bfloat16_bits_of(std::numeric_limits<float>::quiet_NaN()))));
}

TEST(Bfloat16Conversion, EveryEncodingRoundTrips) {
  for (uint32_t b = 0; b <= 0xffff; ++b) {
    const float f = bf16(uint16_t(b));
    if (std::isnan(f)) continue;
    ASSERT_EQ(bfloat16_bits_of(f), b) << b;
  }
}

TEST(Bfloat16Conversion, NearestOfTheNeighbours) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> exponent(-130.0f, 127.0f);
  for (int i = 0; i < 200000; ++i) {
    const float x = std::exp2(exponent(rng)) * (rng() % 2 ? 1.0f : -1.0f);
    const uint16_t b = bfloat16_bits_of(x);
    const double err = std::fabs(double(bf16(b)) - x);
    for (int step : {-1, 1}) {
      if ((b & 0x7fff) == 0 && step < 0) continue;
      const uint16_t neighbour = uint16_t((b & 0x7fff) + step) | (b & 0x8000);
      if (std::isinf(bf16(neighbour))) continue;
      const double other = std::fabs(double(bf16(neighbour)) - x);
      ASSERT_LE(err, other) << x;
      if (err == other) {
        ASSERT_EQ(b & 1, 0) << "tie not to even at " << x;
      }
    }
  }
}

// The typed helpers the kernels use agree with the bit rules.
TEST(StorageTypes, TypedConversionsUseTheRules) {
  EXPECT_EQ(from_float<Half>(0.1f).bits, half_bits_of(0.1f));
  EXPECT_EQ(from_float<BFloat16>(0.1f).bits, bfloat16_bits_of(0.1f));
  EXPECT_EQ(to_float(from_float<float>(0.1f)), 0.1f);
  EXPECT_EQ(element_bytes(Storage::f32), 4u);
  EXPECT_EQ(element_bytes(Storage::f16), 2u);
  EXPECT_EQ(element_bytes(Storage::bf16), 2u);
  static_assert(sizeof(Half) == 2 && sizeof(BFloat16) == 2);
}

#if defined(__FLT16_MAX__)
// The compiler's own float16 conversion (IEEE, round to nearest even) as an independent oracle.
TEST(HalfConversion, AgreesWithTheCompilersFloat16) {
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> exponent(-26.0f, 17.0f);
  for (int i = 0; i < 200000; ++i) {
    const float x = std::exp2(exponent(rng)) * (rng() % 2 ? 1.0f : -1.0f);
    const _Float16 h = static_cast<_Float16>(x);
    uint16_t bits;
    std::memcpy(&bits, &h, sizeof bits);
    ASSERT_EQ(half_bits_of(x), bits) << x;
  }
}
#endif

}  // namespace
}  // namespace synergy::cudnn
