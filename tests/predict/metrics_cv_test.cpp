#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "predict/cv.hpp"
#include "predict/metrics.hpp"
#include "util/error.hpp"

namespace synergy::predict {
namespace {

TEST(Metrics, HandComputedSummary) {
  // Relative errors 0.11, 0.10 and 0: mean 0.07, deviations 0.04, 0.03, -0.07,
  // sample variance 0.0074 / 2 = 0.0037.
  std::vector<NetworkError> e{network_error("a", 100, 111), network_error("b", 200, 180),
                              network_error("c", 50, 50)};
  EXPECT_NEAR(e[0].relative_error, 0.11, 1e-15);
  ErrorSummary s = summarize(e);
  EXPECT_EQ(s.networks, 3u);
  EXPECT_NEAR(s.mean, 0.07, 1e-15);
  EXPECT_NEAR(s.sample_std, std::sqrt(0.0037), 1e-12);
  EXPECT_NEAR(s.median, 0.10, 1e-15);
  EXPECT_NEAR(s.max, 0.11, 1e-15);
  EXPECT_NEAR(s.mape_percent, 7.0, 1e-12);
  EXPECT_NEAR(s.within_10_percent, 2.0 / 3.0, 1e-15);
}

TEST(Metrics, OneNetworkHasNoSampleStdAndZeroMeasuredIsAnError) {
  ErrorSummary s = summarize({network_error("a", 10, 12)});
  EXPECT_NEAR(s.mean, 0.2, 1e-15);
  EXPECT_TRUE(std::isnan(s.sample_std));
  EXPECT_THROW(network_error("z", 0.0, 1.0), Error);
  EXPECT_THROW(network_error("n", 1.0, NAN), Error);
  EXPECT_THROW(summarize({}), Error);
}

void expect_partition(const std::vector<Fold>& folds, const std::vector<std::string>& nets) {
  std::multiset<std::string> tested;
  for (const auto& f : folds) {
    EXPECT_NO_THROW(check_no_leak(f));
    for (const auto& t : f.test) {
      tested.insert(t);
      EXPECT_EQ(std::count(f.train.begin(), f.train.end(), t), 0);
    }
    EXPECT_EQ(f.train.size() + f.test.size(), nets.size());
  }
  EXPECT_EQ(tested, std::multiset<std::string>(nets.begin(), nets.end()));
}

const std::vector<std::string> kNets{"a", "b", "c", "d", "e", "f", "g"};

TEST(Folds, LeaveOneOutAndKFoldPartitionWholeNetworks) {
  expect_partition(leave_one_network_out(kNets), kNets);
  auto folds = grouped_k_fold(kNets, 3, 42);
  ASSERT_EQ(folds.size(), 3u);
  for (const auto& f : folds) EXPECT_GE(f.test.size(), 2u);
  expect_partition(folds, kNets);
}

TEST(Folds, NamedSplit) {
  Fold f = make_folds("split:b+e", kNets)[0];
  EXPECT_EQ(f.test, (std::vector<std::string>{"b", "e"}));
  EXPECT_EQ(f.train.size(), 5u);
  EXPECT_THROW(make_folds("split:zz", kNets), Error);
}

TEST(Folds, TooFewNetworksIsAClearError) {
  try {
    make_folds("loo", {"a", "b"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_THAT(e.what(), testing::HasSubstr("at least 3 networks; the data has 2"));
  }
  EXPECT_THROW(make_folds("kfold:5", {"a", "b", "c"}), Error);
  EXPECT_THROW(make_folds("kfold:x", kNets), Error);
  EXPECT_THROW(make_folds("bootstrap", kNets), Error);
  EXPECT_THROW(make_folds("loo", kNets, 7), Error);  // 7 networks cannot leave 7 for training
}

TEST(Folds, LeakIsDetected) {
  EXPECT_THROW(check_no_leak(Fold{{"a", "b"}, {"b"}}), Error);
}

}  // namespace
}  // namespace synergy::predict
