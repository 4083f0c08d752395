// count() / countif(predicate).
// https://learn.microsoft.com/kusto/query/count-aggregation-function
// https://learn.microsoft.com/kusto/query/countif-aggregation-function
// The documented syntax is count() alone. Kusto's front end also takes the legacy form
// count(predicate), an obsolete spelling of countif(predicate), and rejects any other
// argument ("A value of type bool expected."), so count(x) with a non-bool x is an error.
#include <memory>

#include "huntbook/functions/aggregate_families.h"
#include "huntbook/functions/aggregate_value_key.h"

namespace huntbook::functions {
namespace {

class CountAggregator : public Aggregator {
 public:
  // predicate: index of the bool argument to test, or -1 to count every row.
  explicit CountAggregator(int predicate) : predicate_(predicate) {}

  void Resize(size_t groups) override {
    if (groups > counts_.size()) counts_.resize(groups, 0);
  }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    if (predicate_ < 0) {
      for (size_t i = 0; i < rows; ++i) ++counts_[group_ids[i]];
      return Status::OK();
    }
    const Column& predicate = *args[predicate_];
    for (size_t i = 0; i < rows; ++i) {
      if (IsTrue(predicate, i)) ++counts_[group_ids[i]];
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const CountAggregator* same, SameAggregator<CountAggregator>(other));
    for (size_t g = 0; g < same->counts_.size(); ++g) counts_[group_map[g]] += same->counts_[g];
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    auto out = std::make_shared<Column>(TypeKind::kLong);
    out->mutable_ints() = counts_;
    out->SetSizeAfterBulkWrite(counts_.size());
    return std::vector<ColumnPtr>{out};
  }

 private:
  int predicate_;
  std::vector<int64_t> counts_;
};

AggregateSignature LongResult() { return AggregateSignature{{TypeKind::kLong}}; }

}  // namespace

void RegisterCountAggregates(AggregateList* list) {
  list->push_back(
      AggregateFunction{"count", DocUrl("count-aggregation-function"), 0, 1,
                        [](std::span<const TypeKind> types) -> Result<AggregateSignature> {
                          RETURN_IF_ERROR(CheckArgCount("count", types, 0, 1));
                          if (!types.empty()) RETURN_IF_ERROR(CheckPredicate("count", types[0]));
                          return LongResult();
                        },
                        [](std::span<const TypeKind> types) -> std::unique_ptr<Aggregator> {
                          return std::make_unique<CountAggregator>(types.empty() ? -1 : 0);
                        },
                        "count_"});
  list->push_back(
      AggregateFunction{"countif", DocUrl("countif-aggregation-function"), 1, 1,
                        [](std::span<const TypeKind> types) -> Result<AggregateSignature> {
                          RETURN_IF_ERROR(CheckArgCount("countif", types, 1, 1));
                          RETURN_IF_ERROR(CheckPredicate("countif", types[0]));
                          return LongResult();
                        },
                        [](std::span<const TypeKind>) -> std::unique_ptr<Aggregator> {
                          return std::make_unique<CountAggregator>(0);
                        },
                        "countif_"});
}

}  // namespace huntbook::functions
