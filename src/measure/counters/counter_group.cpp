#include "measure/counters/counter_group.hpp"

#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>

#include "measure/common/sysfs_file.hpp"
#include "measure/counters/event_resolver.hpp"

namespace synergy {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr uint64_t kReadFormat = PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED |
                                 PERF_FORMAT_TOTAL_TIME_RUNNING | PERF_FORMAT_ID;

int perf_event_open(perf_event_attr* attr, pid_t tid, int group_fd) {
  return static_cast<int>(
      syscall(SYS_perf_event_open, attr, tid, -1, group_fd, PERF_FLAG_FD_CLOEXEC));
}

std::string paranoid_level() {
  FileText t = read_text_file("/proc/sys/kernel/perf_event_paranoid");
  return t.ok ? t.text : "unknown";
}

}  // namespace

double scale_multiplexed(uint64_t raw, uint64_t time_enabled_ns, uint64_t time_running_ns) {
  if (time_running_ns == 0) return kNaN;
  if (time_running_ns >= time_enabled_ns) return static_cast<double>(raw);
  return static_cast<double>(raw) * static_cast<double>(time_enabled_ns) /
         static_cast<double>(time_running_ns);
}

std::string explain_perf_open_error(int error_number) {
  switch (error_number) {
    case ENOENT:
      return "not supported by this CPU or hypervisor (perf_event_open: ENOENT; virtual "
             "machines often expose no hardware PMU)";
    case EACCES:
    case EPERM:
      return "permission denied (kernel.perf_event_paranoid=" + paranoid_level() +
             "): run `sudo sysctl kernel.perf_event_paranoid=1`, or grant CAP_PERFMON";
    case EOPNOTSUPP:
      return "the PMU does not support this event's mode (EOPNOTSUPP)";
    case EINVAL:
      return "invalid for this PMU or cannot be grouped with the other events (EINVAL)";
    case EMFILE:
      return "too many open files (EMFILE): raise `ulimit -n`";
    case ENODEV:
      return "no such PMU on this CPU (ENODEV)";
    case ESRCH:
      return "the thread to count does not exist (ESRCH)";
    default:
      return std::string("perf_event_open: ") + std::strerror(error_number);
  }
}

CounterGroup::CounterGroup(const std::vector<std::string>& events, CounterOptions options)
    : options_(options) {
  open_all(events);
}

CounterGroup::~CounterGroup() {
  for (int fd : fds_)
    if (fd >= 0) ::close(fd);
}

CounterGroup::CounterGroup(CounterGroup&& o) noexcept
    : options_(o.options_),
      status_(std::move(o.status_)),
      fds_(std::move(o.fds_)),
      ids_(std::move(o.ids_)),
      buffer_(std::move(o.buffer_)),
      leader_(o.leader_),
      opened_(o.opened_) {
  o.fds_.clear();
  o.leader_ = -1;
}

void CounterGroup::open_all(const std::vector<std::string>& events) {
  status_.resize(events.size());
  fds_.assign(events.size(), -1);
  ids_.assign(events.size(), 0);
  for (size_t i = 0; i < events.size(); ++i) open_one(i, events[i]);
  buffer_.assign(3 + 2 * static_cast<size_t>(opened_), 0);
}

void CounterGroup::open_one(size_t i, const std::string& spec) {
  CounterStatus& s = status_[i];
  s.name = spec;
  EventEncoding e = resolve_event(spec);
  if (!e.ok) {
    s.reason = e.error;
    return;
  }
  s.resolved = e.canonical;
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = e.type;
  attr.config = e.config;
  attr.config1 = e.config1;
  attr.config2 = e.config2;
  attr.read_format = kReadFormat;
  attr.disabled = leader_ < 0 ? 1 : 0;  // members follow their leader
  attr.inherit = options_.inherit ? 1 : 0;
  attr.exclude_kernel = options_.include_kernel ? 0 : 1;
  attr.exclude_hv = 1;
  int fd = perf_event_open(&attr, options_.tid, leader_);
  if (fd < 0) {
    s.reason = explain_perf_open_error(errno);
    return;
  }
  uint64_t id = 0;
  if (ioctl(fd, PERF_EVENT_IOC_ID, &id) != 0) {
    s.reason = std::string("cannot read the event's id: ") + std::strerror(errno);
    ::close(fd);
    return;
  }
  fds_[i] = fd;
  ids_[i] = id;
  s.available = true;
  if (leader_ < 0) leader_ = fd;
  ++opened_;
}

void CounterGroup::ioctl_group(unsigned long request) {
  if (leader_ >= 0) ioctl(leader_, request, PERF_IOC_FLAG_GROUP);
}

void CounterGroup::enable() {
  ioctl_group(PERF_EVENT_IOC_ENABLE);
}
void CounterGroup::disable() {
  ioctl_group(PERF_EVENT_IOC_DISABLE);
}
void CounterGroup::reset() {
  ioctl_group(PERF_EVENT_IOC_RESET);
}

bool CounterGroup::read(CounterValues& out) {
  size_t n = status_.size();
  out.value.assign(n, kNaN);
  out.raw.assign(n, 0);
  out.ok = false;
  if (leader_ < 0) return false;
  size_t bytes = buffer_.size() * sizeof(uint64_t);
  if (::read(leader_, buffer_.data(), bytes) != static_cast<ssize_t>(bytes)) return false;
  out.time_enabled_ns = buffer_[1];
  out.time_running_ns = buffer_[2];
  uint64_t nr = buffer_[0];
  for (uint64_t k = 0; k < nr; ++k) {
    uint64_t v = buffer_[3 + 2 * k];
    uint64_t id = buffer_[4 + 2 * k];
    for (size_t i = 0; i < n; ++i) {
      if (fds_[i] < 0 || ids_[i] != id) continue;
      out.raw[i] = v;
      out.value[i] = scale_multiplexed(v, out.time_enabled_ns, out.time_running_ns);
    }
  }
  out.ok = true;
  return true;
}

CounterValues CounterGroup::read() {
  CounterValues v;
  read(v);
  return v;
}

}  // namespace synergy
