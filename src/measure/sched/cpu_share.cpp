#include "measure/sched/cpu_share.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

#include "measure/common/sysfs_file.hpp"
#include "util/clock.hpp"
#include "util/text.hpp"

namespace synergy {

namespace {

constexpr double kWaitLimit = 0.10;
constexpr double kStealLimit = 0.05;
constexpr double kSwitchesPerSecondLimit = 100.0;

bool parse_word(const std::vector<std::string>& w, size_t i, int64_t& out) {
  return i < w.size() && parse_integer(w[i], out);
}

// "<ran ns> <waited ns> <timeslices>"
bool read_schedstat(const std::string& path, TaskSched& task) {
  const FileText f = read_text_file(path);
  if (!f.ok) return false;
  const auto w = words(f.text);
  return parse_word(w, 0, task.ran_ns) && parse_word(w, 1, task.waited_ns);
}

void read_involuntary_switches(const std::string& path, TaskSched& task) {
  const FileText f = read_text_file(path);
  const std::string key = "nonvoluntary_ctxt_switches:";
  for (const auto& line : split(f.text, '\n')) {
    if (line.rfind(key, 0) != 0) continue;
    int64_t v = 0;
    if (parse_integer(trim(line.substr(key.size())), v)) task.involuntary_switches = v;
    return;
  }
}

// "some avg10=0.00 avg60=0.00 avg300=0.00 total=12345" (microseconds)
std::optional<int64_t> read_pressure_some(const std::string& path) {
  const FileText f = read_text_file(path);
  if (!f.ok) return std::nullopt;
  for (const auto& line : split(f.text, '\n')) {
    const auto w = words(line);
    if (w.empty() || w[0] != "some") continue;
    for (const auto& field : w) {
      int64_t v = 0;
      if (field.rfind("total=", 0) == 0 && parse_integer(field.substr(6), v)) return v;
    }
  }
  return std::nullopt;
}

// The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ...".
void read_steal(const std::string& path, SchedSnapshot& s) {
  const FileText f = read_text_file(path);
  const auto w = words(f.text.substr(0, f.text.find('\n')));
  if (w.size() < 9 || w[0] != "cpu") return;
  int64_t total = 0;
  int64_t steal = 0;
  for (size_t i = 1; i < w.size() && i <= 8; ++i) {  // guest time is inside user already
    int64_t v = 0;
    if (!parse_integer(w[i], v)) return;
    total += v;
    if (i == 8) steal = v;
  }
  s.steal_ticks = steal;
  s.total_ticks = total;
}

}  // namespace

SchedSnapshot take_sched_snapshot(const std::string& proc_root) {
  SchedSnapshot s;
  s.t_ns = now_ns();
  const std::filesystem::path tasks = std::filesystem::path(proc_root) / "self" / "task";
  std::error_code ec;
  for (std::filesystem::directory_iterator it(tasks, ec), end; !ec && it != end; it.increment(ec)) {
    int64_t tid = 0;
    if (!parse_integer(it->path().filename().string(), tid)) continue;
    TaskSched task;
    if (!read_schedstat((it->path() / "schedstat").string(), task)) continue;
    read_involuntary_switches((it->path() / "status").string(), task);
    s.tasks[tid] = task;
  }
  s.pressure_some_us = read_pressure_some(proc_root + "/pressure/cpu");
  read_steal(proc_root + "/stat", s);
  return s;
}

CpuShare cpu_share_between(const SchedSnapshot& a, const SchedSnapshot& b) {
  CpuShare c;
  c.wall_ns = b.t_ns - a.t_ns;
  if (!b.tasks.empty()) {
    int64_t ran = 0;
    int64_t waited = 0;
    for (const auto& [tid, end] : b.tasks) {
      const auto start = a.tasks.find(tid);
      const TaskSched from = start != a.tasks.end() ? start->second : TaskSched{};
      ran += std::max<int64_t>(end.ran_ns - from.ran_ns, 0);
      waited += std::max<int64_t>(end.waited_ns - from.waited_ns, 0);
      c.involuntary_switches +=
          std::max<int64_t>(end.involuntary_switches - from.involuntary_switches, 0);
    }
    c.ran_ns = ran;
    c.waited_ns = waited;
  }
  if (a.pressure_some_us && b.pressure_some_us && c.wall_ns > 0)
    c.pressure = std::clamp(static_cast<double>(*b.pressure_some_us - *a.pressure_some_us) * 1e3 /
                                static_cast<double>(c.wall_ns),
                            0.0, 1.0);
  if (a.total_ticks && b.total_ticks && *b.total_ticks > *a.total_ticks)
    c.steal = static_cast<double>(*b.steal_ticks - *a.steal_ticks) /
              static_cast<double>(*b.total_ticks - *a.total_ticks);
  return c;
}

std::optional<double> CpuShare::wait_fraction() const {
  if (!ran_ns || !waited_ns || *ran_ns + *waited_ns <= 0) return std::nullopt;
  return static_cast<double>(*waited_ns) / static_cast<double>(*ran_ns + *waited_ns);
}

double CpuShare::involuntary_switches_per_s() const {
  return wall_ns > 0
             ? static_cast<double>(involuntary_switches) * 1e9 / static_cast<double>(wall_ns)
             : 0.0;
}

bool CpuShare::disturbed() const {
  if (steal && *steal > kStealLimit) return true;
  if (const auto w = wait_fraction()) return *w > kWaitLimit;
  return involuntary_switches_per_s() > kSwitchesPerSecondLimit;
}

std::string CpuShare::describe() const {
  std::string s;
  if (const auto w = wait_fraction())
    s = "threads waited " + format_percent(*w) + " of their ready time (" +
        format_seconds(*waited_ns) + " of " + format_seconds(*ran_ns + *waited_ns) + "), ";
  s += format_number("%.0f involuntary switches/s", involuntary_switches_per_s());
  if (pressure) s += ", CPU pressure " + format_percent(*pressure);
  if (steal) s += ", steal " + format_percent(*steal);
  return s + " over " + format_seconds(wall_ns);
}

}  // namespace synergy
