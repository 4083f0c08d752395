// min, max, minif, maxif: the smallest/largest non-null value, typed as the argument.
// https://learn.microsoft.com/kusto/query/min-aggregation-function
// https://learn.microsoft.com/kusto/query/max-aggregation-function
// A group without values gives null (summarize operator page, "Default values").
#include <memory>
#include <string>

#include "huntbook/functions/aggregate_families.h"
#include "huntbook/functions/aggregate_ordered_keys.h"
#include "huntbook/functions/aggregate_value_key.h"

namespace huntbook::functions {
namespace {

class ExtremeAggregator : public Aggregator {
 public:
  ExtremeAggregator(TypeKind type, bool want_max, int predicate)
      : keys_(type), want_max_(want_max), predicate_(predicate) {}

  void Resize(size_t groups) override { keys_.Resize(groups); }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    const Column& x = *args[0];
    const Column* predicate = predicate_ < 0 ? nullptr : args[predicate_].get();
    for (size_t i = 0; i < rows; ++i) {
      if (predicate != nullptr && !IsTrue(*predicate, i)) continue;
      if (keys_.Beats(x, i, group_ids[i], want_max_)) keys_.Set(group_ids[i], x, i);
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const ExtremeAggregator* same, SameAggregator<ExtremeAggregator>(other));
    for (size_t g = 0; g < same->keys_.size(); ++g) {
      if (keys_.BeatsFrom(same->keys_, g, group_map[g], want_max_)) {
        keys_.SetFrom(group_map[g], same->keys_, g);
      }
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    auto out = std::make_shared<Column>(keys_.type());
    out->Reserve(keys_.size());
    for (size_t g = 0; g < keys_.size(); ++g) keys_.AppendTo(g, out.get());
    return std::vector<ColumnPtr>{out};
  }

 private:
  OrderedKeys keys_;
  bool want_max_;
  int predicate_;
};

void AddExtreme(AggregateList* list, std::string name, std::string page, bool want_max,
                bool conditional, std::string prefix) {
  const int arity = conditional ? 2 : 1;
  list->push_back(AggregateFunction{
      name, DocUrl(page), arity, arity,
      [name, arity, conditional](std::span<const TypeKind> types) -> Result<AggregateSignature> {
        RETURN_IF_ERROR(CheckArgCount(name, types, arity, arity));
        if (conditional) RETURN_IF_ERROR(CheckPredicate(name, types[1]));
        if (!IsOrderable(types[0])) {
          return SemanticError(name + "(): cannot order values of type " +
                               std::string(TypeName(types[0])));
        }
        return AggregateSignature{{types[0]}};
      },
      [want_max, conditional](std::span<const TypeKind> types) -> std::unique_ptr<Aggregator> {
        return std::make_unique<ExtremeAggregator>(types[0], want_max, conditional ? 1 : -1);
      },
      std::move(prefix)});
}

}  // namespace

void RegisterExtremeAggregates(AggregateList* list) {
  AddExtreme(list, "min", "min-aggregation-function", false, false, "min_");
  AddExtreme(list, "max", "max-aggregation-function", true, false, "max_");
  AddExtreme(list, "minif", "minif-aggregation-function", false, true, "minif_");
  AddExtreme(list, "maxif", "maxif-aggregation-function", true, true, "maxif_");
}

}  // namespace huntbook::functions
