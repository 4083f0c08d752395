// Deterministic pseudo-random numbers for the benchmark generator: a fixed seed always yields
// the same stream on every platform (no std::*_distribution, whose output is
// implementation-defined), plus a Zipf-like rank sampler for skewed entity choice.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace huntbook::bench {

// SplitMix64 finaliser: a good 64-bit mix, used both for the stream and for stable hashes
// (e.g. a user's logon id on a given day).
uint64_t Mix64(uint64_t value);

// xoshiro256** seeded through SplitMix64. Not cryptographic.
class RandomSource {
 public:
  explicit RandomSource(uint64_t seed);

  uint64_t Next();
  // Uniform in [0, bound). REQUIRES: bound > 0.
  uint64_t Below(uint64_t bound);
  // Uniform in [0, 1).
  double Unit();
  // True with probability `p`.
  bool Chance(double p) { return Unit() < p; }

 private:
  uint64_t state_[4];
};

// Samples ranks 0..n-1 with P(rank r) proportional to 1 / (r + 1)^exponent, by binary search
// over the cumulative weights. REQUIRES: n > 0.
class ZipfSampler {
 public:
  ZipfSampler(size_t n, double exponent);
  size_t Sample(RandomSource& random) const;
  size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;  // Normalised, last element == 1.
};

// Samples an index with probability proportional to the given weights. REQUIRES: a positive
// total weight.
class WeightedChoice {
 public:
  explicit WeightedChoice(const std::vector<double>& weights);
  size_t Sample(RandomSource& random) const;

 private:
  std::vector<double> cumulative_;
};

}  // namespace huntbook::bench
