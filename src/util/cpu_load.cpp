#include "util/cpu_load.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>

#include "util/error.hpp"

namespace synergy {

CpuTimes parse_proc_stat(std::string_view text) {
  // "cpu  user nice system idle iowait irq softirq steal guest guest_nice": guest time is
  // already inside user and nice, so the first eight fields are all there is.
  if (text.substr(0, 4) != "cpu ") throw bad_input("/proc/stat does not start with a 'cpu' line");
  const std::string_view line = text.substr(0, text.find('\n'));
  std::array<uint64_t, 8> f{};
  size_t pos = 4;
  size_t n = 0;
  for (; n < f.size(); ++n) {
    pos = line.find_first_not_of(' ', pos);
    if (pos == std::string_view::npos) break;
    const auto [end, ec] = std::from_chars(line.data() + pos, line.data() + line.size(), f[n]);
    if (ec != std::errc{})
      throw bad_input("/proc/stat's 'cpu' line has a field that is not a count");
    pos = static_cast<size_t>(end - line.data());
  }
  if (n < 4)
    throw bad_input("/proc/stat's 'cpu' line has " + std::to_string(n) + " fields, not 4+");
  CpuTimes t;
  t.busy = f[0] + f[1] + f[2] + f[5] + f[6] + f[7];
  t.total = t.busy + f[3] + f[4];
  return t;
}

uint64_t parse_process_ticks(std::string_view text) {
  // "pid (comm) state ppid ...": the name may hold spaces and parentheses, so fields count from
  // its last ')'. utime and stime are fields 14 and 15, the 12th and 13th after the name.
  const size_t name_end = text.rfind(')');
  if (name_end == std::string_view::npos) throw bad_input("a process stat line without '(name)'");
  std::string_view rest = text.substr(name_end + 1);
  uint64_t ticks = 0;
  for (int field = 3; field <= 15; ++field) {
    const size_t start = rest.find_first_not_of(' ');
    if (start == std::string_view::npos) throw bad_input("a process stat line cut short");
    rest = rest.substr(start);
    const size_t end = std::min(rest.find(' '), rest.size());
    if (field >= 14) {
      uint64_t v = 0;
      const auto [p, ec] = std::from_chars(rest.data(), rest.data() + end, v);
      if (ec != std::errc{} || p != rest.data() + end)
        throw bad_input("a process stat line whose CPU time is not a count");
      ticks += v;
    }
    rest = rest.substr(end);
  }
  return ticks;
}

namespace {

std::string first_line_of(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) throw unavailable("cannot read '" + path + "'");
  return line;
}

}  // namespace

CpuTimes read_cpu_times(const std::string& proc_root) {
  const std::string root = proc_root.empty() ? std::string("/proc") : proc_root;
  CpuTimes t = parse_proc_stat(first_line_of(root + "/stat"));
  t.own = parse_process_ticks(first_line_of(root + "/self/stat"));
  return t;
}

double others_busy_cores(const CpuTimes& before, const CpuTimes& after, int cpus) {
  if (after.total <= before.total || after.busy < before.busy || after.own < before.own) return 0.0;
  const double busy =
      static_cast<double>(after.busy - before.busy) - static_cast<double>(after.own - before.own);
  const double share = busy / static_cast<double>(after.total - before.total);
  return std::clamp(share, 0.0, 1.0) * cpus;
}

}  // namespace synergy
