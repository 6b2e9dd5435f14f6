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

TEST(CounterUnwrapper, BackwardsWithoutRangeIsAnErrorAndRebases) {
  CounterUnwrapper u;
  u.update(500);
  CounterUnwrapper::Update back = u.update(100);
  EXPECT_FALSE(back.ok);
  EXPECT_NE(back.error.find("backwards"), std::string::npos);
  EXPECT_EQ(u.total(), 0u);
  EXPECT_TRUE(u.update(130).ok);
  EXPECT_EQ(u.total(), 30u);
}

TEST(PowerIntegrator, TrapezoidIsExactForLinearPower) {
  PowerIntegrator p;
  p.add(0, 10.0);
  p.add(500'000'000, 20.0);  // 0.5 s, 10 -> 20 W: 7.5 J
  EXPECT_DOUBLE_EQ(p.add(1'000'000'000, 20.0), 7.5 + 10.0);
}

}  // namespace
}  // namespace synergy
