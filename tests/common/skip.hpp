// The only reasons a test may skip for: missing hardware or privilege, hardware present that a
// test of its absence cannot run on, or an emulated CPU. Every GTEST_SKIP() message starts with
// one of them and ": ", e.g.
//   GTEST_SKIP() << test::skip::kNoGpu << ": " << why;
// scripts/skip_report.py reads this list (the quoted strings below) and fails CI on a skip whose
// message starts with anything else. A missing package, a binary not built or an unsupported
// parameter combination is not a reason: install it, build it, or do not generate the case.
#pragma once

#include <cstdlib>
#include <string_view>

namespace synergy::test::skip {

inline constexpr std::string_view kNoGpu = "no GPU";            // no CUDA device or driver
inline constexpr std::string_view kGpuPresent = "GPU present";  // tests of behaviour without one
inline constexpr std::string_view kNoCuda =
    "no CUDA in the build";  // CPU-only build of the backend
inline constexpr std::string_view kNoGpuCounters = "no GPU counters";    // CUPTI profiling refused
inline constexpr std::string_view kNoPmu = "no hardware PMU";            // perf hardware events
inline constexpr std::string_view kNoEnergySensor = "no energy sensor";  // RAPL, hwmon, NVML, ...
inline constexpr std::string_view kNoPrivilege = "no privilege";         // e.g. mounting a tmpfs
// A CPU without bfloat16 arithmetic (AVX-512 BF16 or AMX) for onednn --precision bf16.
inline constexpr std::string_view kNoBf16Cpu = "no bf16 CPU";
// A CPU without AVX-512, for which oneDNN has no Winograd convolution kernels.
inline constexpr std::string_view kNoAvx512Cpu = "no AVX-512 CPU";
// A CPU emulated in user mode (qemu-user, scripts/cross-aarch64.sh): 10-50x slower and unevenly
// so, which voids assertions about time budgets and sensor periods.
inline constexpr std::string_view kEmulatedCpu = "emulated CPU";

// True when the runner says the tests run under emulation (SYNERGY_TEST_EMULATED=1).
inline bool emulated() {
  const char* v = std::getenv("SYNERGY_TEST_EMULATED");
  return v != nullptr && std::string_view(v) == "1";
}

}  // namespace synergy::test::skip
