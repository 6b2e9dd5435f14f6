#include "measure/trace/trace_source.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "fake_tree.hpp"
#include "measure/trace/trace_screen.hpp"
#include "util/error.hpp"

namespace synergy {
namespace {

// Power rising linearly 10 W -> 30 W over 2 s, sampled every 0.5 s.
const char* kLinear =
    "# bench meter, power rising linearly\n"
    "time_s,power_w\n"
    "0.0,10\n0.5,15\n1.0,20\n1.5,25\n2.0,30\n";

double exact_linear_energy(double t_s) {
  return 10 * t_s + 5 * t_s * t_s;
}

TraceSource load_text(const std::string& text, const SourceOptions& o = {}) {
  std::istringstream in(text);
  return TraceSource(parse_trace(in, "test.csv"), "test.csv", o);
}

TEST(Trace, IntegratesLinearPowerExactlyAtAnyInstant) {
  TraceSource src = load_text(kLinear);
  for (double t : {0.0, 0.2, 0.5, 0.77, 1.3, 2.0}) {
    double e = 0;
    ASSERT_TRUE(src.energy_at(0, static_cast<int64_t>(t * 1e9), e));
    EXPECT_NEAR(e, exact_linear_energy(t), 1e-9) << t;
  }
  double p = 0;
  ASSERT_TRUE(src.power_at(0, 1'250'000'000, p));
  EXPECT_DOUBLE_EQ(p, 22.5);
  double e = 0;
  EXPECT_FALSE(src.energy_at(0, 2'000'000'001, e));
  EXPECT_EQ(src.declared_update_period_ns(), 500'000'000);
}

TEST(Trace, ClockOffsetMovesTheTraceOntoTheMonotonicClock) {
  test::FakeClock clock;
  SourceOptions o;
  o.trace_clock_offset_ns = 7'000'000'000;
  o.clock = clock.fn();
  TraceSource src = load_text(kLinear, o);
  EXPECT_EQ(src.begin_ns(), 7'000'000'000);
  clock.set(8'000'000'000);  // trace time 1.0 s
  EnergyReading r = src.read();
  ASSERT_TRUE(r.valid[0]);
  EXPECT_NEAR(r.energy_j[0], exact_linear_energy(1.0), 1e-9);
  EXPECT_DOUBLE_EQ(r.power_w[0], 20);
  clock.set(1'000);
  EnergyReading outside = src.read();
  EXPECT_FALSE(outside.valid[0]);
  EXPECT_NE(outside.errors[0].find("outside the trace"), std::string::npos);
}

TEST(Trace, EnergyColumnsAndNamedDomainsWithUnits) {
  TraceSource src = load_text(
      "time_ms,VDD_IN:power_mw,wall:energy_mj\n"
      "0,4000,1000\n100,4000,1500\n200,6000,2100\n");
  auto d = src.domains();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].name, "VDD_IN");
  EXPECT_EQ(d[0].provenance, Provenance::IntegratedPower);
  EXPECT_EQ(d[1].name, "wall");
  EXPECT_EQ(d[1].provenance, Provenance::EnergyCounter);
  double e = 0;
  ASSERT_TRUE(src.energy_at(0, 200'000'000, e));
  EXPECT_NEAR(e, 0.4 + 0.5, 1e-12);  // 4 W x 0.1 s + 5 W average x 0.1 s
  ASSERT_TRUE(src.energy_at(1, 150'000'000, e));
  EXPECT_NEAR(e, 0.5 + 0.3, 1e-12);  // counter interpolated linearly
}

TEST(Trace, MalformedLogsAreBadInputNamingTheLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"seconds,power_w\n0,1\n1,2\n", "first column"},
      {"time_s,volts\n0,1\n1,2\n", "column 'volts'"},
      {"time_s,power_w\n0,1\n1,abc\n", "test.csv:3: not a number"},
      {"time_s,power_w\n0,1\n0,2\n", "test.csv:3: time does not increase"},
      {"time_s,power_w\n0,1\n1,-2\n", "negative power"},
      {"time_s,energy_j\n0,5\n1,4\n", "backwards"},
      {"time_s,power_w\n0,1,2\n", "expected 2 values"},
      {"time_s,power_w\n0,1\n", "at least two samples"},
      {"# nothing\n", "empty trace"},
  };
  for (const Case& c : cases) {
    std::istringstream in(c.text);
    try {
      parse_trace(in, "test.csv");
      ADD_FAILURE() << "accepted: " << c.text;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::BadInput);
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
}

TEST(Trace, LoadsFromAFileAndRejectsAMissingOne) {
  test::FakeTree t;
  t.write("log.csv", kLinear);
  SourceOptions during;  // the log spans 0-2 s: a profile starting at 1 s
  during.clock = [] { return int64_t{1'000'000'000}; };
  auto src = TraceSource::load(t.path("log.csv"), during);
  EXPECT_EQ(src->domains().size(), 1u);
  EXPECT_THROW(TraceSource::load(t.path("absent.csv"), during), Error);
}

// A log that does not cover the start of the profile is bad input naming both time ranges,
// and the offset brings it onto the profile's clock.
TEST(Trace, ALogOutsideTheRunNamesBothRangesAndTheOffsetFixesIt) {
  test::FakeTree t;
  t.write("log.csv", kLinear);
  SourceOptions later;
  later.clock = [] { return int64_t{100'000'000'000}; };  // 100 s
  try {
    TraceSource::load(t.path("log.csv"), later);
    ADD_FAILURE() << "accepted a log from 0-2 s for a profile at 100 s";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    const std::string what = e.what();
    EXPECT_NE(what.find("0.000 s to 2.000 s"), std::string::npos) << what;
    EXPECT_NE(what.find("starts at 100.000 s"), std::string::npos) << what;
    EXPECT_NE(what.find("--trace-offset"), std::string::npos) << what;
  }
  later.trace_clock_offset_ns = 99'000'000'000;  // the meter's clock is 99 s behind
  auto src = TraceSource::load(t.path("log.csv"), later);
  double e = 0;
  ASSERT_TRUE(src->energy_at(0, 100'000'000'000, e));  // 1 s into the log
  EXPECT_NEAR(e, exact_linear_energy(1.0), 1e-9);
}

TraceData parse_text(const std::string& text) {
  std::istringstream in(text);
  return parse_trace(in, "test.csv");
}

TEST(TraceScreen, ASpikeAboveTheCeilingIsRemovedAndItsIntervalMarked) {
  TraceData d = parse_text("time_s,power_w\n0.0,20\n0.1,20\n0.2,50000\n0.3,20\n0.4,20\n");
  auto faults = screen_trace(d, 500.0, "test.csv");
  ASSERT_EQ(d.t_ns.size(), 4u);  // the 50 kW row is gone
  ASSERT_EQ(faults.size(), 3u);
  EXPECT_EQ(faults[0].fault, ReadFault::None);
  EXPECT_EQ(faults[1].fault, ReadFault::Implausible);  // 0.1 -> 0.3 lost a row
  EXPECT_NE(faults[1].why.find("50000 W"), std::string::npos);
  EXPECT_EQ(faults[2].fault, ReadFault::None);
}

TEST(TraceScreen, WithoutACeilingLargeValuesStay) {
  TraceData d = parse_text("time_s,power_w\n0.0,20\n0.1,90000\n0.2,20\n");
  auto faults = screen_trace(d, 0.0, "test.csv");
  EXPECT_EQ(d.t_ns.size(), 3u);
  for (const auto& f : faults) EXPECT_EQ(f.fault, ReadFault::None);
}

TEST(TraceScreen, AGapMuchLongerThanTheSpacingIsMarked) {
  std::string text = "time_s,power_w\n";
  for (int i = 0; i <= 20; ++i) text += std::to_string(i * 0.01) + ",20\n";
  text += "2.5,20\n2.51,20\n";  // 2.3 s without a sample
  TraceData d = parse_text(text);
  auto faults = screen_trace(d, 0.0, "test.csv");
  ASSERT_EQ(faults.size(), 22u);
  int gaps = 0;
  for (const auto& f : faults) gaps += f.fault == ReadFault::Gap;
  EXPECT_EQ(gaps, 1);
  EXPECT_EQ(faults[20].fault, ReadFault::Gap);
  EXPECT_NE(faults[20].why.find("no sample from 0.200 s to 2.500 s"), std::string::npos);
}

TEST(Trace, ReadingsInsideAGapAreInvalidNotInterpolated) {
  std::string text = "time_s,power_w\n";
  for (int i = 0; i <= 20; ++i) text += std::to_string(i * 0.01) + ",20\n";
  text += "2.5,60\n2.51,60\n";
  test::FakeClock clock;
  SourceOptions o;
  o.clock = clock.fn();
  TraceSource src = load_text(text, o);
  clock.set(100'000'000);
  EXPECT_TRUE(src.read().valid[0]);
  clock.set(1'000'000'000);  // inside the gap
  EnergyReading r = src.read();
  EXPECT_FALSE(r.valid[0]);
  EXPECT_EQ(r.fault(0), ReadFault::Gap);
}

}  // namespace
}  // namespace synergy
