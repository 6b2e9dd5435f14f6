// SIGINT, SIGTERM and SIGHUP stop `synergy profile` (and `run`) alike: what was measured is printed
// and stored, marked partial, and the exit code is 128 + the signal (130, 143, 129). A profile
// stopped before its first completed sample shows and stores nothing.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <ostream>
#include <thread>

#include "run_binary.hpp"
#include "store/result_store.hpp"

namespace synergy::testing {
namespace {

namespace fs = std::filesystem;

struct Stop {
  int signal;
  const char* name;
  int exit_code;
};

void PrintTo(const Stop& s, std::ostream* os) {
  *os << s.name;
}

const Stop kStops[] = {{SIGINT, "SIGINT", 130}, {SIGTERM, "SIGTERM", 143}, {SIGHUP, "SIGHUP", 129}};

// Printed once the store is open and the handlers are in place, right before profiling.
constexpr const char* kProfiling = "energy NOT measured (the table says why)";

class Signals : public ::testing::TestWithParam<Stop> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(synergy_binary())) << "binary not built: " << synergy_binary();
  }
  std::string out() const { return dir_ / "out.txt"; }
  std::string err() const { return dir_ / "err.txt"; }
  std::string store() const { return dir_ / "s.db"; }
  ScratchDir dir_;
};

TEST_P(Signals, PartialResultsAreStoredMarkedPartial) {
  const Stop& stop = GetParam();
  // A CI target no run reaches: the network phase lasts until the signal. On a loaded machine
  // the first sample may not be done when the signal comes: then wait longer and try again.
  for (const int wait_ms : {1500, 4000, 10000}) {
    Child child({"profile", "allcnn_c", "--energy", "none", "--backend", "reference", "--max-time",
                 "60s", "--ci", "0.001%", "--store", store()},
                out(), err());
    ASSERT_TRUE(child.wait_for_text(err(), kProfiling, 60'000)) << slurp(err());
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    ASSERT_EQ(kill(child.pid(), stop.signal), 0);
    EXPECT_EQ(child.wait(), stop.exit_code) << slurp(err());
    if (slurp(err()).find("before the first completed sample") == std::string::npos) break;
  }
  EXPECT_NE(slurp(out()).find("PARTIAL"), std::string::npos) << slurp(out());
  const std::string e = slurp(err());
  EXPECT_NE(e.find("stored as run 1 in " + store() + " (partial)"), std::string::npos) << e;
  EXPECT_NE(
      e.find(std::string("interrupted by ") + stop.name + "; results so far are marked partial"),
      std::string::npos)
      << e;
  ResultStore s(store());
  ASSERT_EQ(s.runs().size(), 1u);
  EXPECT_TRUE(s.runs()[0].partial);
  const ResultRecord r = s.load(1);
  EXPECT_GT(r.network.time_ns.count, 0);
  bool named = false;
  for (const auto& w : r.warnings) named |= w.find(stop.name) != std::string::npos;
  EXPECT_TRUE(named) << "no warning names " << stop.name;
}

TEST_P(Signals, StoppedBeforeTheFirstSampleStoresNothing) {
  const Stop& stop = GetParam();
  // AlexNet on the reference backend takes seconds per inference: the signal lands in warm-up.
  Child child(
      {"profile", "alexnet", "--energy", "none", "--backend", "reference", "--store", store()},
      out(), err());
  ASSERT_TRUE(child.wait_for_text(err(), kProfiling, 60'000)) << slurp(err());
  ASSERT_EQ(kill(child.pid(), stop.signal), 0);
  EXPECT_EQ(child.wait(), stop.exit_code) << slurp(err());
  EXPECT_EQ(slurp(out()), "");  // no table of zeros
  EXPECT_NE(slurp(err()).find(std::string("interrupted by ") + stop.name +
                              " before the first completed sample of alexnet: nothing to show "
                              "or store"),
            std::string::npos)
      << slurp(err());
  ResultStore s(store());
  EXPECT_TRUE(s.runs().empty());
}

// `run` is a profile too: stopped, it keeps what it timed (stored partial, the exit code of the
// signal) and writes no output file it did not compute. Its store is opened before the network
// runs, so the file's existence says the run is under way.
TEST_P(Signals, AStoppedRunIsStoredPartialAndWritesNoOutput) {
  const Stop& stop = GetParam();
  const std::string npy = dir_ / "y.npy";
  for (const int wait_ms : {1000, 4000}) {
    fs::remove(store());
    Child child({"run", "allcnn_c", "--backend", "reference", "--threads", "1", "--min-time", "60s",
                 "--store", store(), "--output", npy},
                out(), err());
    for (int i = 0; i < 600 && !fs::exists(store()); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    ASSERT_EQ(kill(child.pid(), stop.signal), 0);
    EXPECT_EQ(child.wait(), stop.exit_code) << slurp(err());
    if (slurp(err()).find("before the first completed sample") == std::string::npos) break;
  }
  const std::string e = slurp(err());
  EXPECT_NE(e.find("no output written to " + npy), std::string::npos) << e;
  EXPECT_FALSE(fs::exists(npy));
  EXPECT_NE(e.find(std::string("synergy run: interrupted by ") + stop.name), std::string::npos)
      << e;
  ResultStore s(store());
  ASSERT_EQ(s.runs().size(), 1u);
  EXPECT_TRUE(s.runs()[0].partial);
  EXPECT_GT(s.load(s.runs()[0].id).network.time_ns.count, 0);
}

std::string name_of(const ::testing::TestParamInfo<Stop>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Profile, Signals, ::testing::ValuesIn(kStops), name_of);

}  // namespace
}  // namespace synergy::testing
