// HyperLogLog sketch: exact below the documented thresholds, within the documented error
// above them, deterministic, and mergeable.
// https://learn.microsoft.com/kusto/query/dcount-aggregation-function ("Estimation accuracy")
#include "huntbook/functions/hyperloglog.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <cmath>

namespace huntbook::functions {
namespace {

uint64_t Hash(int64_t v) { return XXH3_64bits(&v, sizeof(v)); }

TEST(HyperLogLogTest, AccuracyLevelsMapToDocumentedRegisterCounts) {
  EXPECT_EQ(HyperLogLog::PrecisionBits(0), 12);
  EXPECT_EQ(HyperLogLog::PrecisionBits(1), 14);
  EXPECT_EQ(HyperLogLog::PrecisionBits(2), 16);
  EXPECT_EQ(HyperLogLog::PrecisionBits(3), 17);
  EXPECT_EQ(HyperLogLog::PrecisionBits(4), 18);
  // "When the accuracy level is 1, 1000 values are returned; level 2, 8000".
  EXPECT_EQ(HyperLogLog::ExactLimit(1), 1000u);
  EXPECT_EQ(HyperLogLog::ExactLimit(2), 8000u);
}

TEST(HyperLogLogTest, ExactUpToTheThreshold) {
  for (int level = 0; level <= 4; ++level) {
    HyperLogLog sketch(level);
    const int64_t n = static_cast<int64_t>(HyperLogLog::ExactLimit(level));
    for (int64_t v = 0; v < n; ++v) {
      sketch.Add(Hash(v));
      sketch.Add(Hash(v));  // duplicates do not count
    }
    EXPECT_TRUE(sketch.is_exact()) << level;
    EXPECT_EQ(sketch.Estimate(), n) << level;
  }
}

// The documented errors are one standard deviation; 99.7 % of estimates are within 3x.
TEST(HyperLogLogTest, EstimateWithinDocumentedErrorOn100kDistinctValues) {
  const double sigma[] = {0.016, 0.008, 0.004, 0.0028, 0.002};
  const int64_t n = 100'000;
  for (int level = 0; level <= 4; ++level) {
    HyperLogLog sketch(level);
    for (int64_t v = 0; v < n; ++v) sketch.Add(Hash(v * 7919 + 13));
    EXPECT_FALSE(sketch.is_exact());
    const double error = std::abs(static_cast<double>(sketch.Estimate() - n)) / n;
    EXPECT_LT(error, 3 * sigma[level]) << "level " << level << " estimate " << sketch.Estimate();
  }
}

TEST(HyperLogLogTest, AccurateAcrossTheSmallToLargeTransition) {
  for (int64_t n : {1'001, 2'000, 20'000, 45'000, 70'000, 300'000}) {
    HyperLogLog sketch(1);
    for (int64_t v = 0; v < n; ++v) sketch.Add(Hash(v));
    const double error = std::abs(static_cast<double>(sketch.Estimate() - n)) / n;
    EXPECT_LT(error, 3 * 0.008) << n << " -> " << sketch.Estimate();
  }
}

TEST(HyperLogLogTest, DeterministicAndOrderIndependent) {
  HyperLogLog forward(1), backward(1), again(1);
  for (int64_t v = 0; v < 50'000; ++v) {
    forward.Add(Hash(v));
    again.Add(Hash(v));
    backward.Add(Hash(49'999 - v));
  }
  EXPECT_EQ(forward.Estimate(), again.Estimate());
  EXPECT_EQ(forward.Estimate(), backward.Estimate());
}

TEST(HyperLogLogTest, MergeEqualsSinglePass) {
  // Exact + exact, exact + registers, registers + registers; overlapping halves.
  for (int64_t split : {10, 600, 5'000, 30'000}) {
    HyperLogLog whole(1), left(1), right(1);
    for (int64_t v = 0; v < 40'000; ++v) {
      whole.Add(Hash(v % 41'000));
      (v < split ? left : right).Add(Hash(v % 41'000));
    }
    for (int64_t v = 0; v < split; ++v) right.Add(Hash(v));  // overlap with left
    left.Merge(right);
    EXPECT_EQ(left.Estimate(), whole.Estimate()) << split;
  }
  HyperLogLog small_a(2), small_b(2);
  for (int64_t v = 0; v < 300; ++v) small_a.Add(Hash(v));
  for (int64_t v = 200; v < 500; ++v) small_b.Add(Hash(v));
  small_a.Merge(small_b);
  EXPECT_EQ(small_a.Estimate(), 500);
}

}  // namespace
}  // namespace huntbook::functions
