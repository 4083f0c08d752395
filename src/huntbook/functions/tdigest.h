// TDigest: the percentile sketch behind percentile(s)(w), tdigest(), tdigest_merge() and
// percentile_tdigest().
// https://learn.microsoft.com/kusto/query/percentiles-aggregation-function
//
// Kusto documents nearest-rank percentiles estimated with a t-digest: P-th percentile
// (0 < P <= 100) = the smallest value such that P percent of the data is <= it; P = 0 is
// the minimum. huntbook keeps every distinct value with its weight (exact nearest-rank,
// always an actual sample value) until the sketch holds more than kExactCentroids distinct
// values; then it compresses adjacent centroids with the t-digest k1 scale function
// (Dunning & Ertl, "Computing extremely accurate quantiles using t-digests") at
// compression kCompression, and percentiles become approximate: the nearest-rank centroid
// mean, except that P = 0 and P = 100 stay the exact minimum and maximum.
//
// Merging sketches is order-independent while exact. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/types/dynamic.h"
#include "huntbook/types/type.h"

namespace huntbook::functions {

class TDigest {
 public:
  static constexpr size_t kExactCentroids = 5000;
  static constexpr double kCompression = 500.0;

  // Adds `weight` copies of value. REQUIRES: weight > 0, value not NaN. Values are long
  // double so that 64-bit integers (datetime ticks) stay exact.
  void Add(long double value, int64_t weight = 1);
  void Merge(const TDigest& other);

  bool empty() const { return total_weight_ == 0; }
  int64_t total_weight() const { return total_weight_; }
  bool is_exact() const { return exact_; }

  // Nearest-rank percentile for p in [0, 100] (clamped). REQUIRES: !empty().
  long double Percentile(double p) const;
  // The inverse (percentrank_tdigest): 100 * (weight of the values <= value) / total
  // weight, in [0, 100]; a value below the minimum gives 0. Exact while is_exact(), then
  // counted over centroid means. REQUIRES: !empty().
  double PercentRank(long double value) const;

  // Kusto-shaped dynamic form [[type code], [means...], [weights...]] where the type code
  // records the value type (the TypeKind ordinal). Documented as an unstable intermediate.
  Dynamic ToDynamic(TypeKind value_type) const;
  // Parses ToDynamic's form; InvalidArgument for anything else.
  static Result<TDigest> FromDynamic(const Dynamic& digest, TypeKind* value_type);

 private:
  void Normalize() const;  // sorts and folds equal values; compresses past the limit
  void Compress() const;

  mutable std::vector<std::pair<long double, int64_t>> centroids_;  // (mean, weight)
  mutable bool sorted_ = true;
  mutable bool exact_ = true;
  int64_t total_weight_ = 0;
  long double min_ = 0;
  long double max_ = 0;
};

}  // namespace huntbook::functions
