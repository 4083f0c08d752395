#include "random_source.h"

#include <algorithm>
#include <cmath>

namespace huntbook::bench {
namespace {

uint64_t RotateLeft(uint64_t value, int bits) { return (value << bits) | (value >> (64 - bits)); }

size_t SearchCumulative(const std::vector<double>& cumulative, double u) {
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
  return it == cumulative.end() ? cumulative.size() - 1
                                : static_cast<size_t>(it - cumulative.begin());
}

std::vector<double> Normalise(std::vector<double> weights) {
  double total = 0;
  for (double& weight : weights) {
    total += weight;
    weight = total;
  }
  for (double& weight : weights) weight /= total;
  return weights;
}

}  // namespace

uint64_t Mix64(uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

RandomSource::RandomSource(uint64_t seed) {
  for (int i = 0; i < 4; ++i) {
    seed = Mix64(seed);
    state_[i] = seed;
  }
}

uint64_t RandomSource::Next() {
  const uint64_t result = RotateLeft(state_[1] * 5, 7) * 9;
  const uint64_t shifted = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= shifted;
  state_[3] = RotateLeft(state_[3], 45);
  return result;
}

uint64_t RandomSource::Below(uint64_t bound) {
  // Multiply-shift: bias is below 2^-32 for the bounds used here.
  return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * bound) >> 64);
}

double RandomSource::Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

ZipfSampler::ZipfSampler(size_t n, double exponent) {
  std::vector<double> weights(n);
  for (size_t r = 0; r < n; ++r) weights[r] = 1.0 / std::pow(static_cast<double>(r + 1), exponent);
  cumulative_ = Normalise(std::move(weights));
}

size_t ZipfSampler::Sample(RandomSource& random) const {
  return SearchCumulative(cumulative_, random.Unit());
}

WeightedChoice::WeightedChoice(const std::vector<double>& weights)
    : cumulative_(Normalise(weights)) {}

size_t WeightedChoice::Sample(RandomSource& random) const {
  return SearchCumulative(cumulative_, random.Unit());
}

}  // namespace huntbook::bench
