// dcount / dcountif (HyperLogLog estimate, exact when small) and count_distinct /
// count_distinctif (exact).
// https://learn.microsoft.com/kusto/query/dcount-aggregation-function
// https://learn.microsoft.com/kusto/query/dcountif-aggregation-function
// https://learn.microsoft.com/kusto/query/count-distinct-aggregation-function
// Nulls are ignored; a group without values gives 0 (summarize operator page).
#include <memory>
#include <string>
#include <unordered_set>

#include "huntbook/functions/aggregate_families.h"
#include "huntbook/functions/aggregate_value_key.h"
#include "huntbook/functions/hyperloglog.h"

namespace huntbook::functions {
namespace {

class DcountAggregator : public Aggregator {
 public:
  // accuracy_arg: index of the accuracy constant, or -1 for the default level.
  DcountAggregator(int predicate, int accuracy_arg)
      : predicate_(predicate), accuracy_arg_(accuracy_arg), known_(accuracy_arg < 0) {}

  void Resize(size_t groups) override {
    if (groups > sketches_.size()) sketches_.resize(groups, HyperLogLog(accuracy_));
  }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    if (!known_) {
      ASSIGN_OR_RETURN(int64_t level, ConstantIntArgument(*args[accuracy_arg_], "accuracy"));
      if (level < HyperLogLog::kMinAccuracy || level > HyperLogLog::kMaxAccuracy) {
        return InvalidArgument("dcount(): accuracy must be between 0 and 4, got " +
                               std::to_string(level));
      }
      Adopt(static_cast<int>(level));
    }
    const Column& x = *args[0];
    const Column* predicate = predicate_ < 0 ? nullptr : args[predicate_].get();
    for (size_t i = 0; i < rows; ++i) {
      if (IsMissing(x, i) || (predicate != nullptr && !IsTrue(*predicate, i))) continue;
      sketches_[group_ids[i]].Add(ValueHash(x, i));
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const DcountAggregator* same, SameAggregator<DcountAggregator>(other));
    if (!same->known_) return Status::OK();  // never updated: nothing to merge
    if (!known_) Adopt(same->accuracy_);
    if (same->accuracy_ != accuracy_) {
      return InvalidArgument("dcount(): cannot merge sketches of different accuracy");
    }
    for (size_t g = 0; g < same->sketches_.size(); ++g) {
      sketches_[group_map[g]].Merge(same->sketches_[g]);
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    auto out = std::make_shared<Column>(TypeKind::kLong);
    out->Reserve(sketches_.size());
    for (const HyperLogLog& sketch : sketches_) out->AppendInt(sketch.Estimate());
    return std::vector<ColumnPtr>{out};
  }

 private:
  // Fixes the accuracy level; the sketches are still empty at this point.
  void Adopt(int level) {
    known_ = true;
    if (level == accuracy_) return;
    accuracy_ = level;
    sketches_.assign(sketches_.size(), HyperLogLog(accuracy_));
  }

  int predicate_;
  int accuracy_arg_;
  bool known_;
  int accuracy_ = HyperLogLog::kDefaultAccuracy;
  std::vector<HyperLogLog> sketches_;
};

class CountDistinctAggregator : public Aggregator {
 public:
  explicit CountDistinctAggregator(int predicate) : predicate_(predicate) {}

  void Resize(size_t groups) override {
    if (groups > sets_.size()) sets_.resize(groups);
  }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    const Column& x = *args[0];
    const Column* predicate = predicate_ < 0 ? nullptr : args[predicate_].get();
    std::string key;
    for (size_t i = 0; i < rows; ++i) {
      if (IsMissing(x, i) || (predicate != nullptr && !IsTrue(*predicate, i))) continue;
      ValueKey(x, i, &key);
      sets_[group_ids[i]].insert(key);
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const CountDistinctAggregator* same,
                     SameAggregator<CountDistinctAggregator>(other));
    for (size_t g = 0; g < same->sets_.size(); ++g) {
      sets_[group_map[g]].insert(same->sets_[g].begin(), same->sets_[g].end());
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    auto out = std::make_shared<Column>(TypeKind::kLong);
    out->Reserve(sets_.size());
    for (const auto& set : sets_) out->AppendInt(static_cast<int64_t>(set.size()));
    return std::vector<ColumnPtr>{out};
  }

 private:
  int predicate_;
  std::vector<std::unordered_set<std::string>> sets_;
};

void AddDcount(AggregateList* list, std::string name, bool conditional, std::string prefix) {
  const int min = conditional ? 2 : 1;
  const std::string page =
      conditional ? "dcountif-aggregation-function" : "dcount-aggregation-function";
  list->push_back(AggregateFunction{
      name, DocUrl(page), min, min + 1,
      [name, min, conditional](std::span<const TypeKind> types) -> Result<AggregateSignature> {
        RETURN_IF_ERROR(CheckArgCount(name, types, min, min + 1));
        if (conditional) RETURN_IF_ERROR(CheckPredicate(name, types[1]));
        if (static_cast<int>(types.size()) > min) {
          RETURN_IF_ERROR(CheckIntegerArgument(name, "accuracy", types[min]));
        }
        if (types[0] == TypeKind::kNull) {
          return SemanticError(name + "(): the argument has no type");
        }
        return AggregateSignature{{TypeKind::kLong}};
      },
      [min, conditional](std::span<const TypeKind> types) -> std::unique_ptr<Aggregator> {
        const int accuracy_arg = static_cast<int>(types.size()) > min ? min : -1;
        return std::make_unique<DcountAggregator>(conditional ? 1 : -1, accuracy_arg);
      },
      std::move(prefix)});
}

void AddCountDistinct(AggregateList* list, std::string name, bool conditional, std::string prefix) {
  const int arity = conditional ? 2 : 1;
  const std::string page =
      conditional ? "count-distinctif-aggregation-function" : "count-distinct-aggregation-function";
  list->push_back(AggregateFunction{
      name, DocUrl(page), arity, arity,
      [name, arity, conditional](std::span<const TypeKind> types) -> Result<AggregateSignature> {
        RETURN_IF_ERROR(CheckArgCount(name, types, arity, arity));
        if (conditional) RETURN_IF_ERROR(CheckPredicate(name, types[1]));
        return AggregateSignature{{TypeKind::kLong}};
      },
      [conditional](std::span<const TypeKind>) -> std::unique_ptr<Aggregator> {
        return std::make_unique<CountDistinctAggregator>(conditional ? 1 : -1);
      },
      std::move(prefix)});
}

}  // namespace

void RegisterDistinctAggregates(AggregateList* list) {
  AddDcount(list, "dcount", false, "dcount_");
  AddDcount(list, "dcountif", true, "dcountif_");
  AddCountDistinct(list, "count_distinct", false, "count_distinct_");
  AddCountDistinct(list, "count_distinctif", true, "count_distinctif_");
}

}  // namespace huntbook::functions
