#include "huntbook/functions/tdigest.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace huntbook::functions {

void TDigest::Add(long double value, int64_t weight) {
  if (total_weight_ == 0) {
    min_ = max_ = value;
  } else {
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  total_weight_ += weight;
  if (!centroids_.empty() && value < centroids_.back().first) sorted_ = false;
  centroids_.emplace_back(value, weight);
  if (centroids_.size() > 2 * kExactCentroids) Normalize();
}

void TDigest::Merge(const TDigest& other) {
  if (other.empty()) return;
  other.Normalize();
  if (total_weight_ == 0) {
    min_ = other.min_;
    max_ = other.max_;
  } else {
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }
  total_weight_ += other.total_weight_;
  exact_ = exact_ && other.exact_;
  centroids_.insert(centroids_.end(), other.centroids_.begin(), other.centroids_.end());
  sorted_ = false;
  if (centroids_.size() > 2 * kExactCentroids) Normalize();
}

void TDigest::Normalize() const {
  if (!sorted_) {
    std::sort(centroids_.begin(), centroids_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    sorted_ = true;
  }
  // Fold equal values: lossless.
  size_t out = 0;
  for (size_t i = 0; i < centroids_.size(); ++i) {
    if (out > 0 && centroids_[out - 1].first == centroids_[i].first) {
      centroids_[out - 1].second += centroids_[i].second;
    } else {
      centroids_[out++] = centroids_[i];
    }
  }
  centroids_.resize(out);
  if (centroids_.size() > kExactCentroids) Compress();
}

// One pass of the merging t-digest: a centroid may absorb its neighbour while the k1 scale
// k(q) = delta / (2 pi) * asin(2q - 1) grows by at most 1 across it.
void TDigest::Compress() const {
  const double total = static_cast<double>(total_weight_);
  auto scale = [](double q) { return kCompression / (2 * M_PI) * std::asin(2 * q - 1); };
  std::vector<std::pair<long double, int64_t>> merged;
  double so_far = 0;  // weight before the current centroid
  double k_lower = scale(0);
  std::pair<long double, int64_t> current = centroids_[0];
  for (size_t i = 1; i < centroids_.size(); ++i) {
    const auto& next = centroids_[i];
    const double q = (so_far + current.second + next.second) / total;
    if (scale(std::min(q, 1.0)) - k_lower <= 1.0) {
      const long double w = static_cast<long double>(current.second + next.second);
      current.first += (next.first - current.first) * next.second / w;
      current.second += next.second;
    } else {
      so_far += current.second;
      k_lower = scale(so_far / total);
      merged.push_back(current);
      current = next;
    }
  }
  merged.push_back(current);
  if (merged.size() < centroids_.size()) exact_ = false;
  centroids_ = std::move(merged);
}

long double TDigest::Percentile(double p) const {
  Normalize();
  if (!(p > 0)) return min_;  // also NaN
  if (p >= 100) return max_;
  // Nearest rank: the smallest value whose cumulative weight reaches ceil(p/100 * N).
  double rank = std::ceil(p / 100.0 * static_cast<double>(total_weight_) - 1e-9);
  rank = std::max(rank, 1.0);
  double cumulative = 0;
  for (const auto& [mean, weight] : centroids_) {
    cumulative += static_cast<double>(weight);
    if (cumulative >= rank) return mean;
  }
  return max_;
}

double TDigest::PercentRank(long double value) const {
  Normalize();
  int64_t at_or_below = 0;
  for (const auto& [mean, weight] : centroids_) {
    if (mean > value) break;
    at_or_below += weight;
  }
  return 100.0 * static_cast<double>(at_or_below) / static_cast<double>(total_weight_);
}

Dynamic TDigest::ToDynamic(TypeKind value_type) const {
  Normalize();
  Dynamic::Array means, weights;
  means.reserve(centroids_.size());
  weights.reserve(centroids_.size());
  const bool integral = IsIntegerStored(value_type);
  for (const auto& [mean, weight] : centroids_) {
    means.push_back(integral && exact_ ? Dynamic::Long(static_cast<int64_t>(mean))
                                       : Dynamic::Real(static_cast<double>(mean)));
    weights.push_back(Dynamic::Long(weight));
  }
  Dynamic::Array header{Dynamic::Long(static_cast<int64_t>(value_type))};
  return Dynamic::MakeArray({Dynamic::MakeArray(std::move(header)),
                             Dynamic::MakeArray(std::move(means)),
                             Dynamic::MakeArray(std::move(weights))});
}

Result<TDigest> TDigest::FromDynamic(const Dynamic& digest, TypeKind* value_type) {
  auto invalid = [] { return InvalidArgument("not a tdigest value (expected tdigest() output)"); };
  if (!digest.is_array() || digest.array().size() != 3) return invalid();
  const Dynamic& header = digest.array()[0];
  const Dynamic& means = digest.array()[1];
  const Dynamic& weights = digest.array()[2];
  if (!header.is_array() || header.array().size() != 1 ||
      header.array()[0].kind() != Dynamic::Kind::kLong || !means.is_array() ||
      !weights.is_array() || means.array().size() != weights.array().size()) {
    return invalid();
  }
  int64_t code = header.array()[0].long_value();
  if (code < static_cast<int64_t>(TypeKind::kBool) ||
      code > static_cast<int64_t>(TypeKind::kDynamic)) {
    return invalid();
  }
  *value_type = static_cast<TypeKind>(code);
  TDigest out;
  bool integral = true;
  for (size_t i = 0; i < means.array().size(); ++i) {
    const Dynamic& m = means.array()[i];
    const Dynamic& w = weights.array()[i];
    if (w.kind() != Dynamic::Kind::kLong || w.long_value() <= 0) return invalid();
    long double mean = 0;
    if (m.kind() == Dynamic::Kind::kLong) {
      mean = static_cast<long double>(m.long_value());
    } else if (m.kind() == Dynamic::Kind::kReal) {
      mean = m.real_value();
      integral = false;
    } else {
      return invalid();
    }
    out.Add(mean, w.long_value());
  }
  // Real means of an integer-typed digest mean it was compressed.
  if (IsIntegerStored(*value_type) && !integral) out.exact_ = false;
  return out;
}

}  // namespace huntbook::functions
