// No finished run is lost: a store locked past --store-wait or a disk that fills keeps the run
// in a JSON file that `synergy runs import` brings back; output that fails after the store write
// leaves the stored run in place.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "common/skip.hpp"
#include "result/json.hpp"
#include "run_binary.hpp"
#include "store/result_store.hpp"
#include "store/sqlite.hpp"

namespace synergy::testing {
namespace {

namespace fs = std::filesystem;

const std::string kQuick =
    " --energy none --iterations 3 --max-time 300ms --ci 50% --backend reference";

class StoreFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(synergy_binary())) << "binary not built: " << synergy_binary();
  }
  ScratchDir dir_;
};

// The file a failed store write named: "the run is saved in 'PATH'".
std::string saved_file(const std::string& err) {
  std::smatch m;
  if (!std::regex_search(err, m, std::regex("the run is saved in '([^']+)'"))) return "";
  return m[1];
}

TEST_F(StoreFaults, LockedStoreKeepsTheRunInAFileThatImports) {
  const std::string store = dir_ / "s.db";
  { ResultStore created(store); }
  sql::Database holder(store, false);  // another writer, in the middle of its transaction
  holder.exec("BEGIN IMMEDIATE");
  holder.exec("INSERT INTO meta (key, value) VALUES ('holder', 'test')");

  const RunResult r = run_synergy("profile allcnn_c" + kQuick + " --format json --store " + store +
                                  " --store-wait 1s");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(std::regex_search(
      r.err, std::regex("results store '" + store + "': locked by another process \\(pid " +
                        std::to_string(getpid()) + "\\); no write lock after waiting 1\\.[0-9] s")))
      << r.err;
  EXPECT_EQ(result_from_json(r.out).model, "allcnn_c");  // the outputs are still written
  const std::string saved = saved_file(r.err);
  ASSERT_TRUE(fs::exists(saved)) << r.err;
  EXPECT_EQ(fs::path(saved).parent_path(), fs::path(store).parent_path());
  EXPECT_NE(r.err.find("synergy runs import " + saved + " --store " + store), std::string::npos);

  holder.exec("ROLLBACK");
  const RunResult imported = run_synergy("runs import " + saved + " --store " + store);
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("imported into " + store + " as run 1"), std::string::npos)
      << imported.out;
  const RunResult again = run_synergy("runs import " + saved + " --store " + store);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("already in " + store + " as run 1"), std::string::npos) << again.out;
  const RunResult list = run_synergy("runs list --store " + store);
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(std::regex_search(
      list.out, std::regex(R"(\n\s*1\s+\S+\s+allcnn_c\s+reference\s+1\s.*\s20\s+complete)")))
      << list.out;

  ResultStore s(store);
  ASSERT_EQ(s.runs().size(), 1u);
  EXPECT_EQ(result_to_json(s.load(1)), result_to_json(result_from_json(slurp(saved))));
}

TEST_F(StoreFaults, FailedOutputsLeaveTheRunStored) {
  const std::string store = dir_ / "s.db";
  const RunResult to_full =
      run_synergy("profile allcnn_c" + kQuick + " --format json --store " + store + " >/dev/full");
  EXPECT_EQ(to_full.exit_code, 1) << to_full.err;
  EXPECT_NE(to_full.err.find("cannot write standard output: disk full"), std::string::npos);
  const RunResult trace =
      run_synergy("profile allcnn_c" + kQuick + " --trace /dev/full --store " + store);
  EXPECT_EQ(trace.exit_code, 1) << trace.err;
  EXPECT_NE(trace.err.find("cannot write trace '/dev/full': disk full"), std::string::npos);
  EXPECT_EQ(trace.err.find("trace written"), std::string::npos) << trace.err;
  ResultStore s(store);
  ASSERT_EQ(s.runs().size(), 2u);
  for (const auto& run : s.runs()) EXPECT_FALSE(run.partial);
}

// A tmpfs of 256 KiB, mounted for the test (skipped where mounting is not allowed).
class TinyDisk {
 public:
  explicit TinyDisk(const std::string& at) : at_(at) {
    fs::create_directories(at);
    mounted_ = ::mount("tmpfs", at.c_str(), "tmpfs", 0, "size=256k") == 0;
  }
  ~TinyDisk() {
    if (mounted_) ::umount2(at_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  // Writes a filler file until the disk refuses more.
  void fill() const {
    std::FILE* f = std::fopen((at_ + "/filler").c_str(), "wb");
    const std::string block(4096, 'x');
    while (f && std::fwrite(block.data(), 1, block.size(), f) == block.size() && !std::fflush(f)) {
    }
    if (f) std::fclose(f);
  }
  void free_space() const { fs::remove(at_ + "/filler"); }

 private:
  std::string at_;
  bool mounted_ = false;
};

TEST_F(StoreFaults, FullDiskBeforeTheRunIsNamedAndLeavesNoFile) {
  const TinyDisk disk(dir_ / "disk");
  if (!disk.mounted())
    GTEST_SKIP() << test::skip::kNoPrivilege << ": cannot mount a tmpfs: " << std::strerror(errno);
  disk.fill();
  const std::string store = dir_ / "disk/s.db";
  const RunResult r = run_synergy("profile allcnn_c" + kQuick + " --store " + store);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("results store '" + store + "': disk full"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_FALSE(fs::exists(store));
}

// The disk fills between the store's check and the final write: the run is saved in the
// current directory (the store's own directory is full too) and imports once there is room.
TEST_F(StoreFaults, DiskFullAtTheEndKeepsTheRunHere) {
  const TinyDisk disk(dir_ / "disk");
  if (!disk.mounted())
    GTEST_SKIP() << test::skip::kNoPrivilege << ": cannot mount a tmpfs: " << std::strerror(errno);
  const std::string store = dir_ / "disk/s.db";
  { ResultStore created(store); }
  // An open connection keeps the WAL index in place; an empty WAL needs new blocks to write.
  sql::Database keeper(store, false);
  keeper.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  disk.fill();

  const std::string here = dir_ / "here";
  fs::create_directories(here);
  Child child({"profile", "allcnn_c", "--energy", "none", "--iterations", "3", "--max-time",
               "300ms", "--ci", "50%", "--backend", "reference", "--store", store},
              dir_ / "out.txt", dir_ / "err.txt", here);
  EXPECT_EQ(child.wait(), 1);
  const std::string err = slurp(dir_ / "err.txt");
  EXPECT_NE(err.find("results store '" + store + "': disk full"), std::string::npos) << err;
  const std::string saved = saved_file(err);
  ASSERT_FALSE(saved.empty()) << err;
  EXPECT_EQ(fs::path(saved).parent_path(), fs::path()) << saved;  // in the current directory
  ASSERT_TRUE(fs::exists(fs::path(here) / saved)) << err;
  EXPECT_NE(slurp(dir_ / "out.txt").find("allcnn_c"), std::string::npos);

  disk.free_space();
  const RunResult imported =
      run_synergy("runs import " + (fs::path(here) / saved).string() + " --store " + store);
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  ResultStore s(store);
  ASSERT_EQ(s.runs().size(), 1u);
  EXPECT_EQ(s.runs()[0].model, "allcnn_c");
}

}  // namespace
}  // namespace synergy::testing
