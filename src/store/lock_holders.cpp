#include "store/lock_holders.hpp"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "util/text.hpp"

namespace synergy {

namespace {

// /proc/locks names a file as "MAJOR:MINOR:INODE", the device numbers in hex.
std::string lock_key(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  char key[64];
  std::snprintf(key, sizeof key, "%02x:%02x:%llu", major(st.st_dev), minor(st.st_dev),
                static_cast<unsigned long long>(st.st_ino));
  return key;
}

}  // namespace

std::vector<long> write_lock_holders(const std::vector<std::string>& files) {
  std::vector<std::string> keys;
  for (const auto& f : files)
    if (std::string k = lock_key(f); !k.empty()) keys.push_back(std::move(k));
  std::vector<long> pids;
  std::ifstream in("/proc/locks");
  // "1: POSIX  ADVISORY  WRITE 4242 00:2f:1234 120 120"; waiting requests carry "->".
  for (std::string line; std::getline(in, line);) {
    const auto w = words(line);
    if (w.size() < 6 || w[1] == "->" || w[3] != "WRITE") continue;
    if (std::find(keys.begin(), keys.end(), w[5]) == keys.end()) continue;
    const long pid = std::strtol(w[4].c_str(), nullptr, 10);
    if (pid <= 0 || pid == ::getpid()) continue;
    if (std::find(pids.begin(), pids.end(), pid) == pids.end()) pids.push_back(pid);
  }
  return pids;
}

}  // namespace synergy
