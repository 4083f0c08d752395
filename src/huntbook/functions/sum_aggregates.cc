// sum, sumif, avg, avgif, stdev(if), stdevp, variance(if), variancep.
// https://learn.microsoft.com/kusto/query/sum-aggregation-function
// https://learn.microsoft.com/kusto/query/avg-aggregation-function
// https://learn.microsoft.com/kusto/query/stdev-aggregation-function
// https://learn.microsoft.com/kusto/query/variance-aggregation-function
// Defaults for a group without values (summarize operator page, "Default values of
// aggregations"): sum, sumif, stdev, variance -> 0; avg -> NaN ("dividing by 0", same
// page's example); stdevp/variancep -> null ("all others").
#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "huntbook/functions/aggregate_families.h"
#include "huntbook/functions/aggregate_value_key.h"

namespace huntbook::functions {
namespace {

using Int128 = __int128;

enum class SumKind { kSum, kAvg };

// Sums of int-stored values use 128-bit accumulators (sum wraps to 64 bits like Kusto's
// long arithmetic; avg of datetimes needs the headroom); reals use doubles.
class SumAggregator : public Aggregator {
 public:
  SumAggregator(SumKind kind, TypeKind input, TypeKind output, int predicate)
      : kind_(kind), integer_(IsIntegerStored(input)), output_(output), predicate_(predicate) {}

  void Resize(size_t groups) override {
    if (groups <= counts_.size()) return;
    counts_.resize(groups, 0);
    if (integer_)
      int_sums_.resize(groups, 0);
    else
      real_sums_.resize(groups, 0.0);
  }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    const Column& x = *args[0];
    const Column* predicate = predicate_ < 0 ? nullptr : args[predicate_].get();
    for (size_t i = 0; i < rows; ++i) {
      const size_t r = At(x, i);
      if (x.IsNull(r) || (predicate != nullptr && !IsTrue(*predicate, i))) continue;
      const uint32_t g = group_ids[i];
      if (integer_)
        int_sums_[g] += x.GetInt(r);
      else
        real_sums_[g] += x.GetReal(r);
      ++counts_[g];
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const SumAggregator* same, SameAggregator<SumAggregator>(other));
    for (size_t g = 0; g < same->counts_.size(); ++g) {
      const uint32_t target = group_map[g];
      counts_[target] += same->counts_[g];
      if (integer_)
        int_sums_[target] += same->int_sums_[g];
      else
        real_sums_[target] += same->real_sums_[g];
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    auto out = std::make_shared<Column>(output_);
    const size_t groups = counts_.size();
    out->Reserve(groups);
    for (size_t g = 0; g < groups; ++g) {
      if (kind_ == SumKind::kSum) {
        if (integer_)
          out->AppendInt(static_cast<int64_t>(static_cast<uint64_t>(int_sums_[g])));
        else
          out->AppendReal(real_sums_[g]);
        continue;
      }
      const int64_t n = counts_[g];
      if (IsRealStored(output_)) {
        const double sum = integer_ ? static_cast<double>(int_sums_[g]) : real_sums_[g];
        out->AppendReal(n == 0 ? std::numeric_limits<double>::quiet_NaN() : sum / n);
      } else if (n == 0) {
        out->AppendNull();
      } else {
        out->AppendInt(static_cast<int64_t>(int_sums_[g] / n));
      }
    }
    return std::vector<ColumnPtr>{out};
  }

 private:
  SumKind kind_;
  bool integer_;
  TypeKind output_;
  int predicate_;
  std::vector<int64_t> counts_;
  std::vector<Int128> int_sums_;
  std::vector<double> real_sums_;
};

enum class Moment { kVariance, kStdev, kVarianceP, kStdevP };

// Count, mean and sum of squared deviations per group (Welford), merged with Chan et al.'s
// pairwise formula so partial states combine without a second pass.
class MomentAggregator : public Aggregator {
 public:
  MomentAggregator(Moment moment, int predicate) : moment_(moment), predicate_(predicate) {}

  void Resize(size_t groups) override {
    if (groups > counts_.size()) {
      counts_.resize(groups, 0);
      means_.resize(groups, 0.0);
      squares_.resize(groups, 0.0);
    }
  }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    const Column& x = *args[0];
    const Column* predicate = predicate_ < 0 ? nullptr : args[predicate_].get();
    for (size_t i = 0; i < rows; ++i) {
      const size_t r = At(x, i);
      if (x.IsNull(r) || (predicate != nullptr && !IsTrue(*predicate, i))) continue;
      const uint32_t g = group_ids[i];
      const double v = x.GetDouble(r);
      const double n = static_cast<double>(++counts_[g]);
      const double delta = v - means_[g];
      means_[g] += delta / n;
      squares_[g] += delta * (v - means_[g]);
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const MomentAggregator* same, SameAggregator<MomentAggregator>(other));
    for (size_t g = 0; g < same->counts_.size(); ++g) {
      if (same->counts_[g] == 0) continue;
      const uint32_t t = group_map[g];
      const double na = static_cast<double>(counts_[t]);
      const double nb = static_cast<double>(same->counts_[g]);
      const double n = na + nb;
      const double delta = same->means_[g] - means_[t];
      means_[t] += delta * nb / n;
      squares_[t] += same->squares_[g] + delta * delta * na * nb / n;
      counts_[t] += same->counts_[g];
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    auto out = std::make_shared<Column>(TypeKind::kReal);
    out->Reserve(counts_.size());
    const bool population = moment_ == Moment::kVarianceP || moment_ == Moment::kStdevP;
    const bool root = moment_ == Moment::kStdev || moment_ == Moment::kStdevP;
    for (size_t g = 0; g < counts_.size(); ++g) {
      const int64_t n = counts_[g];
      if (population && n == 0) {
        out->AppendNull();
        continue;
      }
      double variance = 0.0;
      if (population)
        variance = squares_[g] / n;
      else if (n > 1)
        variance = squares_[g] / (n - 1);
      out->AppendReal(root ? std::sqrt(variance) : variance);
    }
    return std::vector<ColumnPtr>{out};
  }

 private:
  Moment moment_;
  int predicate_;
  std::vector<int64_t> counts_;
  std::vector<double> means_;
  std::vector<double> squares_;
};

Result<TypeKind> SumResultType(std::string_view name, TypeKind input) {
  switch (input) {
    case TypeKind::kInt:
    case TypeKind::kLong:
      return TypeKind::kLong;
    case TypeKind::kReal:
    case TypeKind::kDecimal:
    case TypeKind::kTimespan:
      return input;
    default:
      return SemanticError(std::string(name) + "(): expects a numeric or timespan argument, got " +
                           std::string(TypeName(input)));
  }
}

Result<TypeKind> AvgResultType(std::string_view name, TypeKind input) {
  switch (input) {
    case TypeKind::kInt:
    case TypeKind::kLong:
    case TypeKind::kReal:
      return TypeKind::kReal;
    case TypeKind::kDecimal:
    case TypeKind::kTimespan:
    case TypeKind::kDateTime:
      return input;
    default:
      return SemanticError(std::string(name) +
                           "(): expects a numeric, timespan or datetime argument, got " +
                           std::string(TypeName(input)));
  }
}

void AddSum(AggregateList* list, std::string name, std::string page, SumKind kind, bool conditional,
            std::string prefix) {
  const int arity = conditional ? 2 : 1;
  auto result_type = [kind, name](TypeKind input) {
    return kind == SumKind::kSum ? SumResultType(name, input) : AvgResultType(name, input);
  };
  list->push_back(AggregateFunction{
      name, DocUrl(page), arity, arity,
      [name, arity, conditional,
       result_type](std::span<const TypeKind> types) -> Result<AggregateSignature> {
        RETURN_IF_ERROR(CheckArgCount(name, types, arity, arity));
        if (conditional) RETURN_IF_ERROR(CheckPredicate(name, types[1]));
        ASSIGN_OR_RETURN(TypeKind output, result_type(types[0]));
        return AggregateSignature{{output}};
      },
      [kind, conditional,
       result_type](std::span<const TypeKind> types) -> std::unique_ptr<Aggregator> {
        Result<TypeKind> output = result_type(types[0]);
        return std::make_unique<SumAggregator>(
            kind, types[0], output.ok() ? *output : TypeKind::kReal, conditional ? 1 : -1);
      },
      std::move(prefix)});
}

void AddMoment(AggregateList* list, std::string name, std::string page, Moment moment,
               bool conditional, std::string prefix) {
  const int arity = conditional ? 2 : 1;
  list->push_back(AggregateFunction{
      name, DocUrl(page), arity, arity,
      [name, arity, conditional](std::span<const TypeKind> types) -> Result<AggregateSignature> {
        RETURN_IF_ERROR(CheckArgCount(name, types, arity, arity));
        if (conditional) RETURN_IF_ERROR(CheckPredicate(name, types[1]));
        if (!IsNumeric(types[0])) {
          return SemanticError(name + "(): expects a numeric argument, got " +
                               std::string(TypeName(types[0])));
        }
        return AggregateSignature{{TypeKind::kReal}};
      },
      [moment, conditional](std::span<const TypeKind>) -> std::unique_ptr<Aggregator> {
        return std::make_unique<MomentAggregator>(moment, conditional ? 1 : -1);
      },
      std::move(prefix)});
}

}  // namespace

void RegisterSumAggregates(AggregateList* list) {
  AddSum(list, "sum", "sum-aggregation-function", SumKind::kSum, false, "sum_");
  AddSum(list, "sumif", "sumif-aggregation-function", SumKind::kSum, true, "sumif_");
  AddSum(list, "avg", "avg-aggregation-function", SumKind::kAvg, false, "avg_");
  AddSum(list, "avgif", "avgif-aggregation-function", SumKind::kAvg, true, "avgif_");
  AddMoment(list, "variance", "variance-aggregation-function", Moment::kVariance, false,
            "variance_");
  AddMoment(list, "varianceif", "varianceif-aggregation-function", Moment::kVariance, true,
            "varianceif_");
  AddMoment(list, "variancep", "variancep-aggregation-function", Moment::kVarianceP, false,
            "variancep_");
  AddMoment(list, "stdev", "stdev-aggregation-function", Moment::kStdev, false, "stdev_");
  AddMoment(list, "stdevif", "stdevif-aggregation-function", Moment::kStdev, true, "stdevif_");
  AddMoment(list, "stdevp", "stdevp-aggregation-function", Moment::kStdevP, false, "stdevp_");
}

}  // namespace huntbook::functions
