#include "measure/counters/event_resolver.hpp"

#include <linux/perf_event.h>
#include <perfmon/pfmlib_perf_event.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <sstream>

namespace synergy {

namespace {

// libpfm4 keeps its tables in process-wide state; initialising it is idempotent.
bool pfm_ready(std::string& why) {
  static std::once_flag once;
  static int status = PFM_SUCCESS;
  std::call_once(once, [] { status = pfm_initialize(); });
  if (status != PFM_SUCCESS)
    why = std::string("libpfm4 failed to initialise: ") + pfm_strerror(status);
  return status == PFM_SUCCESS;
}

EventEncoding resolve_raw(const std::string& name) {
  EventEncoding e;
  e.name = name;
  std::string code = name.substr(4);
  char* end = nullptr;
  unsigned long long v = std::strtoull(code.c_str(), &end, 0);
  if (code.empty() || *end != '\0') {
    e.error = "'" + name + "': raw code must be a number such as raw:0x74";
    return e;
  }
  e.ok = true;
  e.type = PERF_TYPE_RAW;
  e.config = v;
  std::ostringstream s;
  s << "raw 0x" << std::hex << v;
  e.canonical = s.str();
  return e;
}

// The kernel's own generic events, known without libpfm4 (so software events always resolve).
bool resolve_builtin(const std::string& name, EventEncoding& e) {
  struct Builtin {
    const char* name;
    uint32_t type;
    uint64_t config;
  };
  static const Builtin table[] = {
      {"task-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK},
      {"cpu-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK},
      {"page-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS},
      {"minor-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MIN},
      {"major-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MAJ},
      {"context-switches", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES},
      {"cpu-migrations", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS},
      {"instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS},
      {"cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES},
      {"cache-references", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_REFERENCES},
      {"cache-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES},
      {"branch-instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_INSTRUCTIONS},
      {"branch-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES},
      {"LLC-load-misses", PERF_TYPE_HW_CACHE,
       PERF_COUNT_HW_CACHE_LL | (PERF_COUNT_HW_CACHE_OP_READ << 8) |
           (PERF_COUNT_HW_CACHE_RESULT_MISS << 16)},
  };
  for (const Builtin& b : table) {
    if (name != b.name) continue;
    e.ok = true;
    e.type = b.type;
    e.config = b.config;
    e.canonical = "kernel " + name;
    return true;
  }
  return false;
}

EventEncoding resolve_one(const std::string& name) {
  if (name.rfind("raw:", 0) == 0) return resolve_raw(name);
  EventEncoding builtin;
  builtin.name = name;
  if (resolve_builtin(name, builtin)) return builtin;
  EventEncoding e;
  e.name = name;
  if (!pfm_ready(e.error)) return e;
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  char* fstr = nullptr;
  pfm_perf_encode_arg_t arg;
  std::memset(&arg, 0, sizeof arg);
  arg.size = sizeof arg;
  arg.attr = &attr;
  arg.fstr = &fstr;
  int rc = pfm_get_os_event_encoding(name.c_str(), PFM_PLM3, PFM_OS_PERF_EVENT_EXT, &arg);
  if (rc != PFM_SUCCESS) {
    e.error =
        "'" + name + "' is not an event of this CPU's PMUs (libpfm4: " + pfm_strerror(rc) + ")";
    return e;
  }
  e.ok = true;
  e.type = attr.type;
  e.config = attr.config;
  e.config1 = attr.config1;
  e.config2 = attr.config2;
  e.exclude_kernel = attr.exclude_kernel != 0;
  e.canonical = fstr != nullptr ? fstr : name;
  std::free(fstr);
  return e;
}

}  // namespace

EventEncoding resolve_event(const std::string& spec) {
  std::string errors;
  std::stringstream ss(spec);
  std::string alternative;
  while (std::getline(ss, alternative, '|')) {
    EventEncoding e = resolve_one(alternative);
    if (e.ok) return e;
    errors += (errors.empty() ? "" : "; ") + e.error;
  }
  EventEncoding failed;
  failed.name = spec;
  failed.error = errors.empty() ? "empty event name" : errors;
  return failed;
}

namespace {

// Every ARMv8 core counts PMUv3's common events by the same raw codes, but libpfm4 has tables for
// few cores (4.13: Cortex-A53/A57, Neoverse N1/N2/V1/V2, ...; none for the A72, the Orin's A78AE
// or the Xavier's Carmel). On such a core the architecture stands in, so the ARMv8 presets apply.
void add_arm_architecture(std::vector<std::string>& pmus) {
#if defined(__aarch64__)
  auto is_arm = [](const std::string& p) { return p.rfind("arm_", 0) == 0; };
  if (std::none_of(pmus.begin(), pmus.end(), is_arm)) pmus.emplace_back("arm_pmuv3");
#else
  (void)pmus;
#endif
}

}  // namespace

std::vector<std::string> detected_pmus() {
  std::vector<std::string> out;
  std::string why;
  if (pfm_ready(why)) {
    pfm_pmu_info_t info;
    int i = 0;
    pfm_for_all_pmus(i) {
      std::memset(&info, 0, sizeof info);
      info.size = sizeof info;
      if (pfm_get_pmu_info(static_cast<pfm_pmu_t>(i), &info) == PFM_SUCCESS && info.is_present)
        out.emplace_back(info.name);
    }
  }
  add_arm_architecture(out);
  return out;
}

}  // namespace synergy
