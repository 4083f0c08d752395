// TDigest: exact nearest-rank percentiles while small, within the documented rank error
// (at most 1 %, best at the ends) when compressed, mergeable, and round-trips through its
// dynamic form.
// https://learn.microsoft.com/kusto/query/percentiles-aggregation-function
#include "huntbook/functions/tdigest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace huntbook::functions {
namespace {

// Adds `count` values drawn from `distribution` (seeded) to *digest; returns them sorted.
template <typename Distribution>
std::vector<double> AddRandomValues(Distribution distribution, size_t count, uint64_t seed,
                                    TDigest* digest) {
  std::mt19937_64 random(seed);
  std::vector<double> values(count);
  for (double& v : values) {
    v = distribution(random);
    digest->Add(v);
  }
  std::sort(values.begin(), values.end());
  return values;
}

TEST(TDigestTest, NearestRankOnSmallInput) {
  TDigest digest;
  for (int v : {50, 15, 40, 20, 35}) digest.Add(v);
  // Wikipedia's nearest-rank example linked from the percentiles page.
  EXPECT_EQ(digest.Percentile(5), 15);
  EXPECT_EQ(digest.Percentile(30), 20);
  EXPECT_EQ(digest.Percentile(40), 20);
  EXPECT_EQ(digest.Percentile(50), 35);
  EXPECT_EQ(digest.Percentile(100), 50);
  EXPECT_EQ(digest.Percentile(0), 15);
  EXPECT_TRUE(digest.is_exact());
}

TEST(TDigestTest, WeightsCountAsRepetitions) {
  TDigest digest;
  digest.Add(10, 8);
  digest.Add(20, 6);
  digest.Add(30, 3);
  digest.Add(40, 1);
  EXPECT_EQ(digest.total_weight(), 18);
  EXPECT_EQ(digest.Percentile(50), 20);
  EXPECT_EQ(digest.Percentile(75), 20);
  EXPECT_EQ(digest.Percentile(99.9), 40);
}

TEST(TDigestTest, KeepsLargeIntegersExact) {
  TDigest digest;
  const int64_t base = 638400000000000001;  // datetime ticks need 60 bits
  for (int64_t k = 0; k < 3; ++k) digest.Add(static_cast<long double>(base + k));
  EXPECT_EQ(static_cast<int64_t>(digest.Percentile(50)), base + 1);
}

// Rank error of an estimate against the sorted population.
double RankError(const std::vector<double>& sorted, double estimate, double p) {
  const double rank = static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), estimate) -
                                          sorted.begin());
  return std::fabs(rank / static_cast<double>(sorted.size()) - p / 100.0);
}

TEST(TDigestTest, CompressedPercentilesStayWithinOnePercentOfRank) {
  TDigest digest;
  std::vector<double> values =
      AddRandomValues(std::lognormal_distribution<double>(0.0, 1.5), 200000, 42, &digest);
  EXPECT_FALSE(digest.is_exact());
  for (double p : {1.0, 10.0, 25.0, 50.0, 75.0, 90.0, 99.0, 99.9}) {
    EXPECT_LT(RankError(values, static_cast<double>(digest.Percentile(p)), p), 0.01) << p;
  }
  EXPECT_EQ(digest.Percentile(0), values.front());
  EXPECT_EQ(digest.Percentile(100), values.back());
}

// https://learn.microsoft.com/kusto/query/percentrank-tdigest-function: the inverse of the
// nearest-rank percentile. The page's pair (percentile 85 is 4490, whose rank is
// 85.0015237192293 over StormEvents' 59,066 rows) is 50,207 / 59,066 values <= 4490.
TEST(TDigestTest, PercentRankInvertsNearestRank) {
  TDigest digest;
  digest.Add(1, 50206);
  digest.Add(4490);
  digest.Add(10000, 8859);
  EXPECT_EQ(digest.Percentile(85), 4490);
  EXPECT_DOUBLE_EQ(digest.PercentRank(4490), 100.0 * 50207 / 59066);
  EXPECT_EQ(digest.PercentRank(0), 0);
  EXPECT_DOUBLE_EQ(digest.PercentRank(4489.5), 100.0 * 50206 / 59066);
  EXPECT_EQ(digest.PercentRank(10000), 100);
}

TEST(TDigestTest, CompressedPercentRankStaysWithinOnePercent) {
  TDigest digest;
  std::vector<double> values =
      AddRandomValues(std::exponential_distribution<double>(0.5), 100000, 7, &digest);
  ASSERT_FALSE(digest.is_exact());
  for (double q : {0.01, 0.25, 0.5, 0.9, 0.999}) {
    const double value = values[static_cast<size_t>(q * values.size())];
    const double exact = 100.0 *
                         static_cast<double>(std::upper_bound(values.begin(), values.end(), value) -
                                             values.begin()) /
                         static_cast<double>(values.size());
    EXPECT_NEAR(digest.PercentRank(value), exact, 1.0) << q;
  }
}

TEST(TDigestTest, MergedPartsMatchOneDigestWhileExact) {
  TDigest whole, left, right;
  for (int v = 1; v <= 1000; ++v) {
    whole.Add(v);
    (v % 2 == 0 ? left : right).Add(v);
  }
  left.Merge(right);
  for (double p : {0.0, 10.0, 50.0, 99.0, 100.0}) {
    EXPECT_EQ(left.Percentile(p), whole.Percentile(p)) << p;
  }
}

TEST(TDigestTest, DynamicRoundTripAndRejectsOtherValues) {
  TDigest digest;
  for (int v = 1; v <= 10; ++v) digest.Add(v);
  TypeKind type = TypeKind::kNull;
  Result<TDigest> back = TDigest::FromDynamic(digest.ToDynamic(TypeKind::kLong), &type);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(type, TypeKind::kLong);
  EXPECT_EQ(back->Percentile(50), 5);
  EXPECT_EQ(back->total_weight(), 10);
  EXPECT_FALSE(TDigest::FromDynamic(Dynamic::Long(3), &type).ok());
  EXPECT_FALSE(TDigest::FromDynamic(*Dynamic::Parse("[[2],[1,2],[1]]"), &type).ok());
}

}  // namespace
}  // namespace huntbook::functions
