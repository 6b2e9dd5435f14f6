#include "measure/rapl/rapl_source.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "fake_tree.hpp"

namespace synergy {
namespace {

constexpr const char* kPkg = "sys/class/powercap/intel-rapl:0";
constexpr const char* kCore = "sys/class/powercap/intel-rapl:0/intel-rapl:0:0";

// Real trees list subzones both nested and as top-level entries of /sys/class/powercap.
void make_rapl_tree(const test::FakeTree& t, int64_t pkg_uj, int64_t core_uj) {
  t.write(std::string(kPkg) + "/name", "package-0");
  t.write(std::string(kPkg) + "/max_energy_range_uj", 262143328850);
  t.write(std::string(kPkg) + "/energy_uj", pkg_uj);
  t.write(std::string(kCore) + "/name", "core");
  t.write(std::string(kCore) + "/max_energy_range_uj", 1'000'000);
  t.write(std::string(kCore) + "/energy_uj", core_uj);
  t.symlink(kCore, "sys/class/powercap/intel-rapl:0:0");
  t.write("sys/class/powercap/intel-rapl:1/name", "dram");
  t.write("sys/class/powercap/intel-rapl:1/max_energy_range_uj", 1'000'000);
  t.write("sys/class/powercap/intel-rapl:1/energy_uj", 5);
}

SourceOptions options_for(const test::FakeTree& t) {
  SourceOptions o;
  o.sysfs_root = t.root();
  return o;
}

TEST(Rapl, FindsZonesWithNamesThatDoNotDoubleCount) {
  test::FakeTree t;
  make_rapl_tree(t, 1000, 2000);
  auto src = make_rapl_source(options_for(t));
  ASSERT_TRUE(src->availability().available) << src->availability().reason;
  auto d = src->domains();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].name, "package-0");
  EXPECT_EQ(d[1].name, "core-0");
  EXPECT_NE(d[1].description.find("do not add"), std::string::npos);
  EXPECT_EQ(d[2].name, "dram-1");
  EXPECT_NE(d[2].description.find("not in the package"), std::string::npos);
  EXPECT_EQ(src->provenance(), Provenance::EnergyCounter);
}

TEST(Rapl, UnwrapsACounterThatWrapsMidWindow) {
  test::FakeTree t;
  make_rapl_tree(t, 1000, 990'000);
  auto src = make_rapl_source(options_for(t));
  EnergyReading a = src->read();
  t.write(std::string(kCore) + "/energy_uj", 4'000);     // wrapped at 1'000'000 uJ
  t.write(std::string(kPkg) + "/energy_uj", 1'001'000);  // 1 J: under the ceiling in 1 ms
  EnergyReading b = src->read();
  ASSERT_TRUE(b.valid[0] && b.valid[1]);
  EXPECT_DOUBLE_EQ(b.energy_j[1] - a.energy_j[1], (10'000 + 4'000) * 1e-6);
  EXPECT_DOUBLE_EQ(b.energy_j[0] - a.energy_j[0], 1.0);
}

// A zone at 20 W read every 10 ms on a fake clock.
struct SteadyZone {
  test::FakeTree t;
  int64_t now_ns = 0;
  int64_t uj = 1'000'000;
  std::unique_ptr<EnergySource> src;
  SteadyZone() {
    make_rapl_tree(t, uj, 0);
    SourceOptions o = options_for(t);
    o.clock = [this] { return now_ns; };
    src = make_rapl_source(o);
  }
  EnergyReading step(int64_t shown_uj) {
    now_ns += 10'000'000;
    t.write(std::string(kPkg) + "/energy_uj", shown_uj);
    return src->read();
  }
  EnergyReading advance() { return step(uj += 200'000); }  // 20 W x 10 ms
};

TEST(Rapl, AZeroGlitchIsAFaultNotEnergy) {
  SteadyZone z;
  EnergyReading a = z.advance();
  EnergyReading glitch = z.step(0);  // one read of 0
  z.uj += 200'000;
  EXPECT_FALSE(glitch.valid[0]);
  EXPECT_EQ(glitch.fault(0), ReadFault::Implausible);
  EXPECT_TRUE(std::isnan(glitch.energy_j[0]));
  EnergyReading b = z.advance();
  ASSERT_TRUE(b.valid[0]);
  EXPECT_EQ(b.fault(0), ReadFault::None);
  EXPECT_NEAR(b.energy_j[0] - a.energy_j[0], 0.4, 1e-9);  // 20 W x 20 ms, nothing more
}

TEST(Rapl, AResetIsARestartThatCountsNothingAcrossIt) {
  SteadyZone z;
  z.advance();
  EnergyReading before = z.advance();
  z.uj = 0;
  EXPECT_FALSE(z.step(0).valid[0]);  // the reset: rejected until confirmed
  EnergyReading after = z.advance();
  ASSERT_TRUE(after.valid[0]);
  EXPECT_EQ(after.fault(0), ReadFault::Restart);
  EXPECT_NE(after.errors[0].find("restarted"), std::string::npos);
  EXPECT_NEAR(after.energy_j[0], before.energy_j[0], 1e-9);  // nothing guessed across it
  EnergyReading next = z.advance();
  EXPECT_EQ(next.fault(0), ReadFault::None);
  EXPECT_NEAR(next.energy_j[0] - after.energy_j[0], 0.2, 1e-9);
}

TEST(Rapl, AJumpBeyondTheCeilingIsRejected) {
  SteadyZone z;
  EnergyReading a = z.advance();
  EnergyReading jump = z.step(z.uj + 100'000'000);  // 100 J in 10 ms: 10 kW
  z.uj += 200'000;
  EXPECT_FALSE(jump.valid[0]);
  EXPECT_EQ(jump.fault(0), ReadFault::Implausible);
  EnergyReading b = z.advance();
  EXPECT_NEAR(b.energy_j[0] - a.energy_j[0], 0.4, 1e-9);
}

TEST(Rapl, UnreadableAndGarbageMarkOnlyThatDomainInvalid) {
  test::FakeTree t;
  make_rapl_tree(t, 1000, 2000);
  auto src = make_rapl_source(options_for(t));
  t.make_unreadable(std::string(kCore) + "/energy_uj");
  t.write("sys/class/powercap/intel-rapl:1/energy_uj", "garbage");
  t.write(std::string(kPkg) + "/energy_uj", 2000);
  EnergyReading r = src->read();
  EXPECT_TRUE(r.valid[0]);
  EXPECT_DOUBLE_EQ(r.energy_j[0], 1000e-6);
  EXPECT_FALSE(r.valid[1]);
  EXPECT_TRUE(std::isnan(r.energy_j[1]));  // never a number for a failed read
  EXPECT_NE(r.errors[1].find("energy_uj"), std::string::npos);
  EXPECT_FALSE(r.valid[2]);
  EXPECT_NE(r.errors[2].find("not an integer"), std::string::npos);
  // The sensor comes back: counting resumes from the last good value.
  t.write(std::string(kCore) + "/energy_uj", 2500);
  EnergyReading back = src->read();
  EXPECT_TRUE(back.valid[1]);
  EXPECT_DOUBLE_EQ(back.energy_j[1], 500e-6);
}

TEST(Rapl, OutOfRangeValueIsInvalid) {
  test::FakeTree t;
  make_rapl_tree(t, 1000, 2000);
  auto src = make_rapl_source(options_for(t));
  t.write(std::string(kCore) + "/energy_uj", 2'000'000);  // beyond max_energy_range_uj
  EnergyReading r = src->read();
  EXPECT_FALSE(r.valid[1]);
  EXPECT_NE(r.errors[1].find("range"), std::string::npos);
}

TEST(Rapl, AbsentTreeSaysWhy) {
  test::FakeTree t;
  auto src = make_rapl_source(options_for(t));
  EXPECT_FALSE(src->availability().available);
  EXPECT_NE(src->availability().reason.find("no RAPL zones"), std::string::npos);
  EXPECT_TRUE(src->domains().empty());
}

TEST(Rapl, AllZonesUnreadableIsUnavailable) {
  test::FakeTree t;
  t.write("sys/class/powercap/intel-rapl:0/name", "package-0");
  t.mkdir("sys/class/powercap/intel-rapl:0/energy_uj");
  auto src = make_rapl_source(options_for(t));
  EXPECT_FALSE(src->availability().available);
  EXPECT_NE(src->availability().reason.find("is a directory"), std::string::npos);
}

TEST(Rapl, PermissionHintNamesTheCveAndTheFix) {
  std::string hint = rapl_permission_hint("/sys/class/powercap/intel-rapl:0/energy_uj");
  EXPECT_NE(hint.find("CVE-2020-8694"), std::string::npos);
  EXPECT_NE(hint.find("chmod a+r /sys/class/powercap/intel-rapl:0/energy_uj"), std::string::npos);
}

TEST(Rapl, SysfsRootComesFromTheEnvironmentWhenNotGiven) {
  test::FakeTree t;
  make_rapl_tree(t, 1, 2);
  setenv("SYNERGY_SYSFS_ROOT", t.root().c_str(), 1);
  auto src = make_rapl_source(SourceOptions{});
  unsetenv("SYNERGY_SYSFS_ROOT");
  EXPECT_TRUE(src->availability().available);
  EXPECT_EQ(src->domains().size(), 3u);
}

}  // namespace
}  // namespace synergy
