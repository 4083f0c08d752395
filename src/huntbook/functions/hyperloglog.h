// HyperLogLog: the distinct-count sketch behind dcount()/dcountif().
// https://learn.microsoft.com/kusto/query/dcount-aggregate-function
//
// Kusto's accuracy levels 0..4 map to 2^12, 2^14, 2^16, 2^17, 2^18 one-byte registers
// (documented standard errors 1.6 %, 0.8 %, 0.4 %, 0.28 %, 0.2 %). Like Kusto, a sketch
// counts exactly while the cardinality is small: it keeps the distinct 64-bit hashes
// until ExactLimit(level) of them (documented: 1,000 at level 1, 8,000 at level 2; the
// other levels' limits are huntbook's choice), then switches to registers.
//
// Callers hash values themselves with a FIXED function (XXH3-64, see
// aggregate_value_key.h), so a sketch is deterministic: the same set of values gives the
// same estimate in any input order and under any split into merged partial sketches.
// The estimate uses Ertl's improved raw estimator ("New cardinality estimation
// algorithms for HyperLogLog sketches", 2017), which needs no empirical bias tables.
//
// Not thread-safe; one sketch per group per Aggregator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/types/dynamic.h"

namespace huntbook::functions {

class HyperLogLog {
 public:
  static constexpr int kMinAccuracy = 0;
  static constexpr int kMaxAccuracy = 4;
  static constexpr int kDefaultAccuracy = 1;

  // Register index bits p for an accuracy level (REQUIRES: level in 0..4).
  static int PrecisionBits(int accuracy);
  // How many distinct hashes are counted exactly at this level.
  static size_t ExactLimit(int accuracy);

  // An empty sketch; allocates nothing until the first Add.
  explicit HyperLogLog(int accuracy = kDefaultAccuracy);

  int accuracy() const { return accuracy_; }
  bool is_exact() const { return registers_.empty(); }

  void Add(uint64_t hash);
  // Folds other into this. REQUIRES: other.accuracy() == accuracy().
  void Merge(const HyperLogLog& other);
  // Exact count while is_exact(); otherwise the HLL estimate, rounded.
  int64_t Estimate() const;

  // The sketch as a dynamic value, for hll()/hll_merge()/dcount_hll(): [[accuracy],
  // [hash, ...]] while exact (hashes as signed 64-bit), else [[accuracy], "<hex registers>"].
  // Documented by Kusto as an unstable intermediate form.
  Dynamic ToDynamic() const;
  // Parses ToDynamic's form; InvalidArgument for anything else.
  static Result<HyperLogLog> FromDynamic(const Dynamic& value);

 private:
  void ToRegisters();
  void AddToRegisters(uint64_t hash);

  int accuracy_;
  int precision_;
  std::unordered_set<uint64_t> exact_;
  std::vector<uint8_t> registers_;  // empty while exact
};

}  // namespace huntbook::functions
