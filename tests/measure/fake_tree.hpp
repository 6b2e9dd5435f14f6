// A throwaway directory tree for fake sysfs/procfs files, removed when the test ends.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>

namespace synergy::test {

class FakeTree {
 public:
  FakeTree() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "synergy-sysfs-XXXXXX").string();
    root_ = mkdtemp(pattern.data());
  }
  ~FakeTree() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  FakeTree(const FakeTree&) = delete;
  FakeTree& operator=(const FakeTree&) = delete;

  const std::string& root() const { return root_; }
  std::string path(const std::string& rel) const { return root_ + "/" + rel; }

  // Writes (or rewrites) a file, creating its folders.
  void write(const std::string& rel, const std::string& content) const {
    std::filesystem::path p = path(rel);
    std::error_code ec;
    std::filesystem::remove_all(p, ec);  // a folder planted by make_unreadable
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << content << "\n";
  }
  void write(const std::string& rel, int64_t value) const { write(rel, std::to_string(value)); }
  void mkdir(const std::string& rel) const { std::filesystem::create_directories(path(rel)); }
  void symlink(const std::string& target_rel, const std::string& link_rel) const {
    std::filesystem::create_directories(std::filesystem::path(path(link_rel)).parent_path());
    std::filesystem::create_directory_symlink(path(target_rel), path(link_rel));
  }
  // Tests run as root, where chmod 000 does not stop a read: put a folder where the file was.
  void make_unreadable(const std::string& rel) const {
    std::filesystem::remove(path(rel));
    std::filesystem::create_directories(path(rel));
  }
  void remove(const std::string& rel) const { std::filesystem::remove_all(path(rel)); }

 private:
  std::string root_;
};

// A clock the test moves by hand.
struct FakeClock {
  std::shared_ptr<int64_t> now = std::make_shared<int64_t>(1'000'000'000);
  std::function<int64_t()> fn() const {
    auto n = now;
    return [n] { return *n; };
  }
  void advance(int64_t ns) const { *now += ns; }
  void set(int64_t ns) const { *now = ns; }
};

}  // namespace synergy::test
