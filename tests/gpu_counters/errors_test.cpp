#include <gtest/gtest.h>

#include "measure/gpu_counters/cupti_errors.hpp"

namespace synergy {
namespace {

TEST(CuptiErrors, InsufficientPrivilegesExplainsTheDriverSetting) {
  const std::string s = explain_cupti_error(35, "cuptiRangeProfilerEnable");
  EXPECT_NE(s.find("cuptiRangeProfilerEnable"), std::string::npos);
  EXPECT_NE(s.find("ERR_NVGPUCTRPERM"), std::string::npos);
  EXPECT_NE(s.find("NVreg_RestrictProfilingToAdminUsers=0"), std::string::npos);
  EXPECT_NE(s.find("CUPTI error 35"), std::string::npos);
}

TEST(CuptiErrors, UsesCuptisOwnNameWhenGiven) {
  const std::string s = explain_cupti_error(17, "cuptiProfilerHostGetMetricProperties",
                                            "CUPTI_ERROR_INVALID_METRIC_NAME");
  EXPECT_NE(s.find("CUPTI_ERROR_INVALID_METRIC_NAME"), std::string::npos);
  EXPECT_NE(s.find("does not know this metric"), std::string::npos);
}

TEST(CuptiErrors, EveryKnownCodeHasItsOwnReason) {
  const int codes[] = {1, 2, 7, 8, 15, 17, 27, 33, 35, 39, 40, 41, 42};
  const std::string generic = explain_cupti_error(12345, "f");
  for (int code : codes) {
    const std::string s = explain_cupti_error(code, "f");
    EXPECT_NE(s.substr(s.find(':')), generic.substr(generic.find(':'))) << code;
  }
  EXPECT_NE(generic.find("CUPTI error 12345"), std::string::npos);
}

TEST(DeviceSupport, SupportedSaysNothing) {
  EXPECT_EQ(explain_device_support(DeviceSupport{3, 3, 3, 3, 3, 3, 3}), "");
}

TEST(DeviceSupport, ListsEveryReasonAndTellsDisabledFromUnsupported) {
  const std::string s = explain_device_support(DeviceSupport{1, 3, 3, 2, 1, 3, 0});
  EXPECT_NE(s.find("disabled on this virtual GPU"), std::string::npos) << s;
  EXPECT_NE(s.find("confidential computing"), std::string::npos) << s;
  EXPECT_EQ(s.find("WSL"), std::string::npos) << s;  // unknown is not a reason
  EXPECT_EQ(s.find("SLI"), std::string::npos) << s;
  EXPECT_NE(explain_device_support(DeviceSupport{1, 0, 0, 0, 0, 0, 0}).find("no reason"),
            std::string::npos);
}

}  // namespace
}  // namespace synergy
