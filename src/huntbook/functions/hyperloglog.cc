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

Dynamic HyperLogLog::ToDynamic() const {
  Dynamic::Array header{Dynamic::Long(accuracy_)};
  if (registers_.empty()) {
    std::vector<uint64_t> sorted(exact_.begin(), exact_.end());
    std::sort(sorted.begin(), sorted.end());
    Dynamic::Array hashes;
    hashes.reserve(sorted.size());
    for (uint64_t h : sorted) hashes.push_back(Dynamic::Long(static_cast<int64_t>(h)));
    return Dynamic::MakeArray(
        {Dynamic::MakeArray(std::move(header)), Dynamic::MakeArray(std::move(hashes))});
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(registers_.size() * 2);
  for (uint8_t reg : registers_) {
    hex.push_back(kHex[reg >> 4]);
    hex.push_back(kHex[reg & 15]);
  }
  return Dynamic::MakeArray({Dynamic::MakeArray(std::move(header)), Dynamic::String(hex)});
}

Result<HyperLogLog> HyperLogLog::FromDynamic(const Dynamic& value) {
  auto invalid = [] { return InvalidArgument("not an hll value (expected hll() output)"); };
  if (!value.is_array() || value.array().size() != 2) return invalid();
  const Dynamic& header = value.array()[0];
  const Dynamic& body = value.array()[1];
  if (!header.is_array() || header.array().size() != 1 ||
      header.array()[0].kind() != Dynamic::Kind::kLong) {
    return invalid();
  }
  const int64_t accuracy = header.array()[0].long_value();
  if (accuracy < kMinAccuracy || accuracy > kMaxAccuracy) return invalid();
  HyperLogLog sketch(static_cast<int>(accuracy));
  if (body.is_array()) {
    for (const Dynamic& h : body.array()) {
      if (h.kind() != Dynamic::Kind::kLong) return invalid();
      sketch.Add(static_cast<uint64_t>(h.long_value()));
    }
    return sketch;
  }
  if (body.kind() != Dynamic::Kind::kString) return invalid();
  const std::string& hex = body.string_value();
  if (hex.size() != (size_t{2} << sketch.precision_)) return invalid();
  sketch.registers_.assign(hex.size() / 2, 0);
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < sketch.registers_.size(); ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return invalid();
    sketch.registers_[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return sketch;
}

}  // namespace huntbook::functions
