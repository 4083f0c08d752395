#include "huntbook/functions/hyperloglog.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <limits>

namespace huntbook::functions {
namespace {

constexpr int kPrecisionByAccuracy[] = {12, 14, 16, 17, 18};
constexpr size_t kExactLimitByAccuracy[] = {250, 1000, 8000, 16000, 32000};

// sigma(x) = x + sum_{k>=1} x^(2^k) * 2^(k-1), the small-range correction term.
double Sigma(double x) {
  if (x == 1.0) return std::numeric_limits<double>::infinity();
  double y = 1.0;
  double z = x;
  double previous;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (z != previous);
  return z;
}

// tau(x) = (1 - x - sum_{k>=1} (1 - x^(2^-k))^2 * 2^-k) / 3, the large-range term.
double Tau(double x) {
  if (x == 0.0 || x == 1.0) return 0.0;
  double y = 1.0;
  double z = 1.0 - x;
  double previous;
  do {
    x = std::sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1.0 - x) * (1.0 - x) * y;
  } while (z != previous);
  return z / 3.0;
}

}  // namespace

int HyperLogLog::PrecisionBits(int accuracy) { return kPrecisionByAccuracy[accuracy]; }

size_t HyperLogLog::ExactLimit(int accuracy) { return kExactLimitByAccuracy[accuracy]; }

HyperLogLog::HyperLogLog(int accuracy) : accuracy_(accuracy), precision_(PrecisionBits(accuracy)) {
  assert(accuracy >= kMinAccuracy && accuracy <= kMaxAccuracy);
}

void HyperLogLog::Add(uint64_t hash) {
  if (!registers_.empty()) {
    AddToRegisters(hash);
    return;
  }
  exact_.insert(hash);
  if (exact_.size() > ExactLimit(accuracy_)) ToRegisters();
}

void HyperLogLog::AddToRegisters(uint64_t hash) {
  const int q = 64 - precision_;
  const size_t index = static_cast<size_t>(hash >> q);
  const uint64_t rest = hash << precision_;
  // Rank = position of the first 1 bit in the remaining q bits (1-based), q + 1 if none.
  const int rank = rest == 0 ? q + 1 : std::min(std::countl_zero(rest) + 1, q + 1);
  uint8_t& reg = registers_[index];
  if (rank > reg) reg = static_cast<uint8_t>(rank);
}

void HyperLogLog::ToRegisters() {
  registers_.assign(size_t{1} << precision_, 0);
  for (uint64_t hash : exact_) AddToRegisters(hash);
  exact_.clear();
  exact_.rehash(0);
}

void HyperLogLog::Merge(const HyperLogLog& other) {
  assert(other.accuracy_ == accuracy_);
  if (other.registers_.empty()) {
    for (uint64_t hash : other.exact_) Add(hash);
    return;
  }
  if (registers_.empty()) ToRegisters();
  for (size_t i = 0; i < registers_.size(); ++i) {
    registers_[i] = std::max(registers_[i], other.registers_[i]);
  }
}

int64_t HyperLogLog::Estimate() const {
  if (registers_.empty()) return static_cast<int64_t>(exact_.size());
  const int q = 64 - precision_;
  const double m = static_cast<double>(registers_.size());
  std::vector<double> histogram(q + 2, 0.0);
  for (uint8_t reg : registers_) histogram[reg] += 1.0;
  double z = m * Tau(1.0 - histogram[q + 1] / m);
  for (int k = q; k >= 1; --k) z = 0.5 * (z + histogram[k]);
  z += m * Sigma(histogram[0] / m);
  const double alpha_infinity = 1.0 / (2.0 * std::log(2.0));
  return std::llround(alpha_infinity * m * m / z);
}

}  // namespace huntbook::functions
