#include "measure/common/sysfs_file.hpp"

#include <gtest/gtest.h>

#include "fake_tree.hpp"
#include "measure/common/power_integrator.hpp"
#include "measure/common/unwrap.hpp"

namespace synergy {
namespace {

TEST(ParseInteger, AcceptsOnlyOneDecimalInteger) {
  int64_t v = 0;
  EXPECT_TRUE(parse_integer("123456", v));
  EXPECT_EQ(v, 123456);
  EXPECT_TRUE(parse_integer("-42", v));
  EXPECT_EQ(v, -42);
  EXPECT_FALSE(parse_integer("", v));
  EXPECT_FALSE(parse_integer("12a", v));
  EXPECT_FALSE(parse_integer("1.5", v));
  EXPECT_FALSE(parse_integer("-", v));
  EXPECT_FALSE(parse_integer("99999999999999999999", v));  // overflow
}

TEST(ReadIntegerFile, ReportsMissingGarbageAndFolder) {
  test::FakeTree t;
  t.write("good", 77);
  t.write("garbage", "N/A");
  t.mkdir("folder");
  FileInteger good = read_integer_file(t.path("good"));
  ASSERT_TRUE(good.ok);
  EXPECT_EQ(good.value, 77);
  FileInteger garbage = read_integer_file(t.path("garbage"));
  EXPECT_FALSE(garbage.ok);
  EXPECT_NE(garbage.error.find("not an integer: 'N/A'"), std::string::npos);
  FileInteger missing = read_integer_file(t.path("nope"));
  EXPECT_FALSE(missing.ok);
  EXPECT_NE(missing.error.find("missing"), std::string::npos);
  FileInteger folder = read_integer_file(t.path("folder"));
  EXPECT_FALSE(folder.ok);
  EXPECT_NE(folder.error.find("is a directory"), std::string::npos);
}

TEST(CounterUnwrapper, UnwrapsAtTheRange) {
  CounterUnwrapper u(1000);
  EXPECT_TRUE(u.update(900).ok);
  EXPECT_TRUE(u.update(990).ok);
  CounterUnwrapper::Update w = u.update(15);
  EXPECT_TRUE(w.ok);
  EXPECT_TRUE(w.wrapped);
  EXPECT_EQ(u.total(), 90u + 10u + 15u);
  EXPECT_FALSE(u.update(1001).ok);  // beyond the range: garbage
  EXPECT_EQ(u.total(), 115u);
}

TEST(CounterUnwrapper, BackwardsWithoutRangeIsARestartNotAWrap) {
  CounterUnwrapper u;
  u.update(500);
  CounterUnwrapper::Update back = u.update(100);
  EXPECT_TRUE(back.ok);
  EXPECT_TRUE(back.restarted);
  EXPECT_FALSE(back.wrapped);
  EXPECT_NE(back.error.find("backwards"), std::string::npos);
  EXPECT_EQ(u.total(), 0u);  // nothing is guessed for the unknown step
  EXPECT_TRUE(u.update(130).ok);
  EXPECT_EQ(u.total(), 30u);
}

// 1000 units/s at most; reads 10 ms apart.
constexpr int64_t kMs = 1'000'000;

TEST(CounterUnwrapper, AOneReadGlitchIsRejectedAndCountingGoesOn) {
  CounterUnwrapper u(0, 1000.0);
  EXPECT_TRUE(u.update(500, 0).ok);
  EXPECT_TRUE(u.update(505, 10 * kMs).ok);
  CounterUnwrapper::Update zero = u.update(0, 20 * kMs);  // a read of 0 for one sample
  EXPECT_FALSE(zero.ok);
  EXPECT_NE(zero.error.find("backwards"), std::string::npos);
  CounterUnwrapper::Update back = u.update(515, 30 * kMs);
  EXPECT_TRUE(back.ok);
  EXPECT_FALSE(back.restarted);
  EXPECT_EQ(u.total(), 15u);  // 500 -> 515, the glitch never counted
}

TEST(CounterUnwrapper, AJumpBeyondTheRateIsRejected) {
  CounterUnwrapper u(0, 1000.0);
  u.update(0, 0);
  EXPECT_FALSE(u.update(1'000'000, 10 * kMs).ok);  // 100000 units/s
  EXPECT_TRUE(u.update(12, 20 * kMs).ok);
  EXPECT_EQ(u.total(), 12u);
}

TEST(CounterUnwrapper, AResetIsConfirmedByTheNextPlausibleStep) {
  CounterUnwrapper u(1'000'000, 1000.0);
  u.update(900'000, 0);
  u.update(900'005, 10 * kMs);
  // Reset to 0: a wrap would imply 99995 units in 10 ms, not plausible.
  EXPECT_FALSE(u.update(3, 20 * kMs).ok);
  CounterUnwrapper::Update next = u.update(10, 30 * kMs);
  EXPECT_TRUE(next.ok);
  EXPECT_TRUE(next.restarted);
  EXPECT_NE(next.error.find("restarted"), std::string::npos);
  EXPECT_EQ(u.total(), 5u);  // energy across the reset is unknown, not guessed
  EXPECT_TRUE(u.update(20, 40 * kMs).ok);
  EXPECT_EQ(u.total(), 15u);
}

TEST(CounterUnwrapper, APlausibleWrapOfKnownRangeIsCounted) {
  CounterUnwrapper u(1000, 1000.0);
  u.update(995, 0);
  CounterUnwrapper::Update w = u.update(3, 10 * kMs);  // 8 units in 10 ms
  EXPECT_TRUE(w.ok);
  EXPECT_TRUE(w.wrapped);
  EXPECT_EQ(u.total(), 8u);
}

TEST(PowerIntegrator, TrapezoidIsExactForLinearPower) {
  PowerIntegrator p;
  p.add(0, 10.0);
  p.add(500'000'000, 20.0);  // 0.5 s, 10 -> 20 W: 7.5 J
  EXPECT_DOUBLE_EQ(p.add(1'000'000'000, 20.0), 7.5 + 10.0);
}

}  // namespace
}  // namespace synergy
