// The `synergy profile` contract: arguments -> exit code -> output, on a machine without sensors.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "store/result_store.hpp"

namespace synergy {
namespace {

namespace fs = std::filesystem;

const std::string kBinary = std::string(SYNERGY_BINARY_DIR) + "/src/cli/synergy";
// Short phases so that each case takes a second or two.
const std::string kQuickTiming =
    " --iterations 3 --max-time 300ms --ci 50% --seed 3 --backend reference";
const std::string kQuick = " --energy none" + kQuickTiming;

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ProfileCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "synergy-cli-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result run(const std::string& args) {
    const fs::path out = dir_ / "out.txt", err = dir_ / "err.txt";
    const std::string cmd = "cd " + dir_.string() + " && " + kBinary + " profile " + args + " >" +
                            out.string() + " 2>" + err.string();
    const int status = std::system(cmd.c_str());
    Result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }
  fs::path dir_;
};

struct Case {
  std::string args;
  int code;
  std::string stream;  // "out" or "err"
  std::string pattern;
};

TEST_F(ProfileCli, Contract) {
  const std::vector<Case> cases{
      {"", 2, "err", "give one model"},
      {"no_such_net" + kQuick, 2, "err", "alexnet"},  // unknown name lists the zoo
      {"allcnn_c --attribution magic", 2, "err", "trace, markers, isolate"},
      {"allcnn_c --ci lots", 2, "err", "--ci wants a percentage"},
      {"allcnn_c --max-time 10", 2, "err", ""},
      {"allcnn_c --format xml", 2, "err", "xml"},
      {"allcnn_c --store " + (fs::path("/nonexistent") / "d" / "x.db").string() + kQuick, 2, "err",
       "directory '/nonexistent/d' does not exist"},
      {"--help", 0, "out", "examples:"},
      {"allcnn_c --no-store" + kQuick, 0, "out",
       "energy: NOT MEASURED: disabled with --energy none"},
  };
  for (const auto& c : cases) {
    const Result r = run(c.args);
    EXPECT_EQ(r.code, c.code) << c.args << "\n" << r.err;
    const std::string& text = c.stream == "out" ? r.out : r.err;
    EXPECT_NE(text.find(c.pattern), std::string::npos) << c.args << "\n" << text;
  }
}

TEST_F(ProfileCli, NoSensorStillProfilesTimeAndSaysSo) {
  const Result r = run("allcnn_c --energy auto --no-store --format json" + kQuickTiming);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("schema_version"), 1);
  EXPECT_FALSE(j.at("partial").get<bool>());
  EXPECT_EQ(j.at("context").at("energy_provenance"), "none");
  // The libraries the numbers came from, as loaded.
  const auto& libraries = j.at("context").at("libraries");
  EXPECT_TRUE(libraries.contains("SQLite")) << libraries;
  if (j.at("context").at("backend") == "onednn") {
    EXPECT_TRUE(libraries.contains("oneDNN")) << libraries;
  }
  EXPECT_NE(
      j.at("context").at("energy_unavailable_reason").get<std::string>().find("no energy sensor"),
      std::string::npos);
  EXPECT_TRUE(j.at("network").at("energy_j").is_null());
  ASSERT_FALSE(j.at("layers").empty());
  for (const auto& l : j.at("layers")) {
    EXPECT_TRUE(l.at("energy").is_null());
    EXPECT_EQ(l.at("time_ns").at("count"), 3);
  }
  EXPECT_NE(r.err.find("energy NOT measured"), std::string::npos);
  // The table says why once, in one short line; `synergy sensors` has each source's reason.
  const Result table = run("allcnn_c --energy auto --no-store" + kQuickTiming);
  ASSERT_EQ(table.code, 0) << table.err;
  const std::string both = table.out + table.err;
  const size_t at = both.find("no energy sensor found");
  ASSERT_NE(at, std::string::npos) << both;
  EXPECT_EQ(both.find("no energy sensor found", at + 1), std::string::npos) << both;
  const size_t line = both.rfind('\n', at) + 1;
  EXPECT_LT(both.find('\n', at) - line, 200u) << both.substr(line, both.find('\n', at) - line);
}

TEST_F(ProfileCli, FusedLayersAreNamedUnlessFusionIsOff) {
  const std::string onednn =
      " --energy none --iterations 3 --max-time 300ms --ci 50% --backend onednn --no-store";
  const Result fused = run("allcnn_c --format json" + onednn);
  ASSERT_EQ(fused.code, 0) << fused.err;
  const auto parsed = nlohmann::json::parse(fused.out);
  const auto& layers = parsed.at("layers");
  ASSERT_EQ(layers.at(1).at("name"), "relu1");
  EXPECT_EQ(layers.at(1).at("fused_into"), "conv1");
  EXPECT_EQ(layers.at(0).at("fused_into"), "");
  const Result alone = run("allcnn_c --no-fuse --format json" + onednn);
  ASSERT_EQ(alone.code, 0) << alone.err;
  const auto unfused = nlohmann::json::parse(alone.out);
  for (const auto& l : unfused.at("layers")) EXPECT_EQ(l.at("fused_into"), "") << l.at("name");
}

TEST_F(ProfileCli, CsvTraceAndStore) {
  const std::string store = (dir_ / "runs.db").string();
  const std::string trace = (dir_ / "t.json").string();
  Result r = run("allcnn_c --format csv --trace " + trace + " --store " + store + kQuick);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("model,scope,index,layer,type,fused_into,view,time_ns_mean", 0), 0u);
  EXPECT_NE(r.out.find("\nallcnn_c,network,"), std::string::npos) << r.out;
  const auto doc = nlohmann::json::parse(slurp(trace));
  EXPECT_GT(doc.at("traceEvents").size(), 10u);
  // Layer slices carry the layer's shapes and MACs (conv1 of allcnn_c: 3 -> 96 channels, 3x3).
  bool conv1 = false;
  for (const auto& e : doc.at("traceEvents")) {
    if (e.value("cat", "") != "layer" || e.at("name") != "conv1") continue;
    conv1 = true;
    EXPECT_EQ(e.at("args").at("shapes").get<std::string>().rfind("1x3x32x32 -> 1x96x", 0), 0u)
        << e.dump();
    EXPECT_GT(e.at("args").at("macs").get<int64_t>(), 0);
  }
  EXPECT_TRUE(conv1);
  r = run("allcnn_c --format csv --store " + store + kQuick + " --counters software");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("task-clock"), std::string::npos);
  ResultStore s(store);
  const auto runs = s.runs();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].model, s.load(runs[1].id).model);
  EXPECT_FALSE(runs[1].partial);
}

TEST_F(ProfileCli, CtrlCEndsCleanlyWithPartialResults) {
  const std::string store = (dir_ / "runs.db").string();
  // A profile stopped before its first sample stores nothing: on a loaded machine, wait longer.
  for (const int wait_ms : {1000, 4000, 10000}) {
    fs::remove(store);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      const std::string out = (dir_ / "out.txt").string();
      if (!freopen(out.c_str(), "w", stdout)) _exit(99);
      if (!freopen("/dev/null", "w", stderr)) _exit(99);
      execl(kBinary.c_str(), kBinary.c_str(), "profile", "allcnn_c", "--energy", "none",
            "--backend", "reference", "--max-time", "60s", "--ci", "0.001%", "--store",
            store.c_str(), static_cast<char*>(nullptr));
      _exit(98);
    }
    // The store is opened right before profiling starts: wait for it, then a little more.
    for (int i = 0; i < 400 && !fs::exists(store); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    ASSERT_EQ(kill(child, SIGINT), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 130);
    if (!slurp(dir_ / "out.txt").empty()) break;  // empty: stopped before the first sample
  }
  EXPECT_NE(slurp(dir_ / "out.txt").find("PARTIAL"), std::string::npos);
  ResultStore s(store);
  ASSERT_EQ(s.runs().size(), 1u);
  EXPECT_TRUE(s.runs()[0].partial);
}

// A RAPL zone under a fake sysfs root at a constant 20 W, with faults injected on a schedule.
// Its energy_uj is a named pipe: each open is answered with the count at that moment, updated
// every millisecond as the hardware does. A thread rewriting a plain file falls behind on a loaded
// machine and shows stale counts that a real zone never does (20 % off on a 2-core CI machine).
enum class ZoneFault { ZeroGlitch, Reset, Freeze };

class FakeRaplZone {
 public:
  FakeRaplZone(const fs::path& root, ZoneFault fault)
      : fault_(fault), start_(std::chrono::steady_clock::now()) {
    zone_ = root / "sys/class/powercap/intel-rapl:0";
    fs::create_directories(zone_);
    std::ofstream(zone_ / "name") << "package-0\n";
    std::ofstream(zone_ / "max_energy_range_uj") << "262143328850\n";
    place_pipe();
    setenv("SYNERGY_SYSFS_ROOT", root.c_str(), 1);
    server_ = std::thread([this] { serve(); });
  }
  ~FakeRaplZone() {
    stop_ = true;
    // A reader releases the server from waiting in open().
    const int fd = ::open((zone_ / "energy_uj").c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    server_.join();
    if (fd >= 0) ::close(fd);
    unsetenv("SYNERGY_SYSFS_ROOT");
  }
  static constexpr double kWatts = 20.0;

 private:
  // Microjoules at the last millisecond update: 20 W x 1 ms = 20,000 uJ.
  int64_t count_now() const {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start_)
                        .count();
    const auto uj = [](int64_t at_ms) {
      return 1000 + static_cast<int64_t>(kWatts * 1000) * at_ms;
    };
    switch (fault_) {
      case ZoneFault::ZeroGlitch:
        return ms % 300 >= 290 ? 0 : uj(ms);  // 10 ms of zeros every 300 ms
      case ZoneFault::Reset:
        return uj(ms % 700);  // a module reload every 700 ms restarts the count
      case ZoneFault::Freeze:
        return uj(std::min<int64_t>(ms, 300));  // stands still from 300 ms on
    }
    return uj(ms);
  }
  // A new pipe for the next reader: one that opens while this one is answered never joins it.
  void place_pipe() {
    const fs::path next = zone_ / "energy_uj.next";
    ::unlink(next.c_str());
    if (::mkfifo(next.c_str(), 0644) != 0)
      throw std::runtime_error(next.string() + ": " + std::strerror(errno));
    fs::rename(next, zone_ / "energy_uj");
  }
  void serve() {
    sigset_t pipe_signal;  // a reader that leaves early is an EPIPE here, not a signal
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
    while (!stop_) {
      const int fd = ::open((zone_ / "energy_uj").c_str(), O_WRONLY | O_CLOEXEC);  // a reader came
      if (fd < 0) continue;
      place_pipe();
      const std::string text = std::to_string(count_now()) + "\n";
      if (::write(fd, text.data(), text.size()) < 0) {
        // the reader left before its answer
      }
      ::close(fd);
    }
  }

  fs::path zone_;
  ZoneFault fault_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<bool> stop_{false};
  std::thread server_;
};

const std::string kRapl = " --energy rapl --no-store --format json --max-time 1s --threads 1";

std::string joined(const nlohmann::json& lines) {
  std::string s;
  for (const auto& l : lines) s += l.get<std::string>() + "\n";
  return s;
}

// Glitches and resets are left out, said, and do not move the energy off the truth.
TEST_F(ProfileCli, CounterGlitchesAndResetsAreFaultsNotEnergy) {
  for (const auto& [fault, words] : {std::pair{ZoneFault::ZeroGlitch, "rejected as implausible"},
                                     std::pair{ZoneFault::Reset, "restarted the count"}}) {
    Result r;
    {
      FakeRaplZone zone(dir_ / "root", fault);
      r = run("allcnn_c" + kRapl);
    }
    fs::remove_all(dir_ / "root");
    ASSERT_EQ(r.code, 0) << words << "\n" << r.err;
    const auto j = nlohmann::json::parse(r.out);
    const auto& net = j.at("network");
    ASSERT_FALSE(net.at("energy_j").is_null()) << words;
    const double iteration_s = net.at("time_ns").at("mean").get<double>() * 1e-9;
    const double watts = net.at("energy_j").at("mean").get<double>() / iteration_s;
    EXPECT_NEAR(watts, FakeRaplZone::kWatts, 0.05 * FakeRaplZone::kWatts) << words;
    EXPECT_NE(joined(j.at("sensor_faults")).find(words), std::string::npos)
        << words << "\n"
        << joined(j.at("sensor_faults"));
  }
}

// A counter that stops changing leaves no energy: the run says why and exits 3, with its times.
TEST_F(ProfileCli, AFrozenCounterIsAFailedSensorNotZeroWatts) {
  Result r;
  {
    FakeRaplZone zone(dir_ / "root", ZoneFault::Freeze);
    std::this_thread::sleep_for(std::chrono::milliseconds(400));  // frozen before the run
    r = run("allcnn_c" + kRapl);
  }
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("the sensor failed during the run"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("stood still"), std::string::npos) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j.at("network").at("energy_j").is_null());
  EXPECT_EQ(j.at("context").at("energy_provenance"), "none");
  EXPECT_GT(j.at("network").at("time_ns").at("count").get<int>(), 0);
}

}  // namespace
}  // namespace synergy
