#include "measure/nvml/nvml_source.hpp"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cmath>

#include "common/skip.hpp"
#include "measure/registry.hpp"

namespace synergy {
namespace {

TEST(Nvml, AbsentLibraryIsUnavailableNoDriver) {
  SourceOptions o;
  o.nvml_library = "/nonexistent/libnvidia-ml.so.1";
  auto src = make_nvml_source(o, NvmlMode::EnergyCounter);
  EXPECT_FALSE(src->availability().available);
  EXPECT_EQ(src->availability().reason.rfind("no NVIDIA driver", 0), 0u)
      << src->availability().reason;
  EXPECT_TRUE(src->domains().empty());
  EXPECT_TRUE(src->read().valid.empty());
}

TEST(Nvml, DefaultLibraryOnAMachineWithoutDriverSaysSo) {
  void* h = dlopen("libnvidia-ml.so.1", RTLD_NOW | RTLD_LOCAL);
  if (h != nullptr) {
    dlclose(h);
    GTEST_SKIP() << test::skip::kGpuPresent << ": an NVIDIA driver is installed here";
  }
  auto src = make_energy_source("nvml", {});
  EXPECT_FALSE(src->availability().available);
  EXPECT_NE(src->availability().reason.find("no NVIDIA driver"), std::string::npos);
}

SourceOptions fake() {
  SourceOptions o;
  o.nvml_library = FAKE_NVML_LIBRARY;
  return o;
}

TEST(Nvml, ReadsTheEnergyCounterAndInstantPowerThroughTheLoadedLibrary) {
  auto src = make_nvml_source(fake(), NvmlMode::EnergyCounter);
  ASSERT_TRUE(src->availability().available) << src->availability().reason;
  auto d = src->domains();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].name, "gpu0");
  EXPECT_EQ(d[0].description, "Fake GPU");
  EnergyReading a = src->read();
  EnergyReading b = src->read();
  ASSERT_TRUE(a.valid[0] && b.valid[0]);
  EXPECT_NEAR(b.energy_j[0] - a.energy_j[0], 0.050, 1e-12);  // counted from opening, in J
  EXPECT_DOUBLE_EQ(b.power_w[0], 75.5);
  ContextFacts facts = src->context();
  bool has_clock = false, has_average = false;
  for (const auto& [k, v] : facts) {
    has_clock |= k == "gpu0_sm_clock_mhz" && v == "1980";
    has_average |= k == "gpu0_power_average_1s_w" && std::stod(v) == 80.25;
  }
  EXPECT_TRUE(has_clock);
  EXPECT_TRUE(has_average);
}

TEST(Nvml, InitFailureIsUnavailableWithTheDriversWords) {
  setenv("FAKE_NVML_FAIL", "init", 1);
  auto src = make_nvml_source(fake(), NvmlMode::EnergyCounter);
  unsetenv("FAKE_NVML_FAIL");
  EXPECT_FALSE(src->availability().available);
  EXPECT_NE(src->availability().reason.find("Driver Not Loaded"), std::string::npos);
}

TEST(Nvml, PowerModeIntegratesTheInstantField) {
  auto src = make_nvml_source(fake(), NvmlMode::InstantPower);
  ASSERT_TRUE(src->availability().available);
  EXPECT_EQ(src->provenance(), Provenance::IntegratedPower);
  EnergyReading r = src->read();
  EXPECT_DOUBLE_EQ(r.power_w[0], 75.5);
  EXPECT_FALSE(std::isnan(r.energy_j[0]));
}

}  // namespace
}  // namespace synergy
