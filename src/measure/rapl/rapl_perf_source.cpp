#include "measure/rapl/rapl_perf_source.hpp"

#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <sstream>

#include "measure/common/sysfs_file.hpp"
#include "measure/common/unwrap.hpp"
#include "measure/counters/counter_group.hpp"

namespace synergy {

namespace fs = std::filesystem;

namespace {

struct PerfDomain {
  Domain domain;
  int fd = -1;
  double scale = 0;  // joules per count
  CounterUnwrapper counter;
};

std::vector<std::string> event_names(const std::string& events_dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(events_dir, ec)) {
    std::string n = e.path().filename().string();
    if (n.find('.') == std::string::npos) names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  return names;
}

int open_system_wide(uint32_t type, uint64_t config, int cpu) {
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = type;
  attr.config = config;
  return static_cast<int>(syscall(SYS_perf_event_open, &attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC));
}

class RaplPerfSource : public EnergySource {
 public:
  explicit RaplPerfSource(const SourceOptions& o)
      : pmu_(under_root(resolve_sysfs_root(o.sysfs_root), "/sys/bus/event_source/devices/power")),
        clock_(clock_or_default(o.clock)) {
    open_all();
  }
  ~RaplPerfSource() override {
    for (auto& d : domains_)
      if (d.fd >= 0) ::close(d.fd);
  }

  std::string name() const override { return "rapl:perf"; }
  Availability availability() const override { return availability_; }
  Provenance provenance() const override { return Provenance::EnergyCounter; }
  int64_t declared_update_period_ns() const override { return 1'000'000; }
  std::vector<Domain> domains() const override {
    std::vector<Domain> out;
    for (const auto& d : domains_) out.push_back(d.domain);
    return out;
  }

  EnergyReading read() override {
    size_t n = domains_.size();
    EnergyReading r;
    r.t_ns = clock_();
    r.energy_j.assign(n, std::numeric_limits<double>::quiet_NaN());
    r.power_w.assign(n, std::numeric_limits<double>::quiet_NaN());
    r.valid.assign(n, true);
    r.errors.assign(n, std::string());
    r.faults.assign(n, ReadFault::None);
    for (size_t i = 0; i < n; ++i) read_domain(i, r);
    return r;
  }

 private:
  void read_domain(size_t i, EnergyReading& r) {
    PerfDomain& d = domains_[i];
    uint64_t count = 0;
    bool ok = ::read(d.fd, &count, sizeof count) == static_cast<ssize_t>(sizeof count);
    CounterUnwrapper::Update u;
    if (ok) u = d.counter.update(count, r.t_ns);
    if (!ok || !u.ok) {
      r.valid[i] = false;
      r.errors[i] = ok ? u.error : std::string("read failed: ") + std::strerror(errno);
      r.faults[i] = ok ? ReadFault::Implausible : ReadFault::Unreadable;
      return;
    }
    if (u.restarted) {
      r.faults[i] = ReadFault::Restart;
      r.errors[i] = u.error;
    }
    r.energy_j[i] = static_cast<double>(d.counter.total()) * d.scale;
  }

  void open_all() {
    FileInteger type = read_integer_file(pmu_ + "/type");
    if (!type.ok) {
      availability_ = {false, "no perf power PMU (" + type.error +
                                  "): the kernel has no RAPL perf events for this CPU"};
      return;
    }
    std::vector<int> cpus;
    FileText mask = read_text_file(pmu_ + "/cpumask");
    if (!mask.ok || !parse_cpu_list(mask.text, cpus)) cpus = {0};
    std::string first_error;
    for (const std::string& event : event_names(pmu_ + "/events"))
      for (size_t pkg = 0; pkg < cpus.size(); ++pkg)
        open_domain(static_cast<uint32_t>(type.value), event, cpus[pkg], pkg, first_error);
    if (domains_.empty()) {
      availability_ = {false, first_error.empty() ? "the power PMU lists no events" : first_error};
      return;
    }
    availability_ = {true, ""};
    read();  // sets each counter's origin
  }

  void open_domain(uint32_t type, const std::string& event, int cpu, size_t pkg,
                   std::string& first_error) {
    std::string base = pmu_ + "/events/" + event;
    FileText config_text = read_text_file(base);
    FileText scale_text = read_text_file(base + ".scale");
    uint64_t config = 0;
    if (!config_text.ok || !parse_perf_event_config(config_text.text, config) || !scale_text.ok) {
      if (first_error.empty()) first_error = base + ": unreadable or malformed event description";
      return;
    }
    int fd = open_system_wide(type, config, cpu);
    if (fd < 0) {
      if (first_error.empty())
        first_error =
            event + " on cpu " + std::to_string(cpu) + ": " + explain_perf_open_error(errno);
      return;
    }
    PerfDomain d;
    std::string short_name = event.rfind("energy-", 0) == 0 ? event.substr(7) : event;
    d.domain = {short_name + "-" + std::to_string(pkg),
                "perf power PMU event " + event + " (package " + std::to_string(pkg) + ")", false,
                Provenance::EnergyCounter};
    d.fd = fd;
    d.scale = std::strtod(scale_text.text.c_str(), nullptr);
    domains_.push_back(std::move(d));
  }

  std::string pmu_;
  std::function<int64_t()> clock_;
  std::vector<PerfDomain> domains_;
  Availability availability_;
};

}  // namespace

bool parse_perf_event_config(const std::string& text, uint64_t& config) {
  std::stringstream ss(text);
  std::string term;
  while (std::getline(ss, term, ',')) {
    if (term.rfind("event=", 0) != 0) continue;
    std::string v = term.substr(6);
    char* end = nullptr;
    config = std::strtoull(v.c_str(), &end, 0);
    return !v.empty() && *end == '\0';
  }
  return false;
}

bool parse_cpu_list(const std::string& text, std::vector<int>& cpus) {
  constexpr long kMaxCpus = 1 << 16;
  cpus.clear();
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) {
    size_t dash = part.find('-');
    char* end = nullptr;
    long a = std::strtol(part.c_str(), &end, 10);
    if (part.empty() || end == part.c_str() || a < 0) return false;
    long b = a;
    if (dash != std::string::npos) {
      std::string hi = part.substr(dash + 1);
      b = std::strtol(hi.c_str(), &end, 10);
      if (hi.empty() || *end != '\0' || b < a) return false;
    } else if (*end != '\0') {
      return false;
    }
    if (b >= kMaxCpus) return false;  // no machine numbers its CPUs past this
    if (static_cast<long>(cpus.size()) + (b - a) >= kMaxCpus) return false;
    for (long c = a; c <= b; ++c) cpus.push_back(static_cast<int>(c));
  }
  return !cpus.empty();
}

std::unique_ptr<EnergySource> make_rapl_perf_source(const SourceOptions& options) {
  return std::make_unique<RaplPerfSource>(options);
}

}  // namespace synergy
