// Internal to the aggregate catalogue: each family file registers its functions here, and
// shares a few binding checks. Only aggregate_function.cc calls the Register* functions.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/functions/aggregate_function.h"

namespace huntbook::functions {

using AggregateList = std::vector<AggregateFunction>;

void RegisterCountAggregates(AggregateList* list);       // count, countif
void RegisterSumAggregates(AggregateList* list);         // sum, avg, stdev, variance (+if)
void RegisterExtremeAggregates(AggregateList* list);     // min, max (+if)
void RegisterArgExtremeAggregates(AggregateList* list);  // arg_max, arg_min, take_any
void RegisterDistinctAggregates(AggregateList* list);    // dcount, count_distinct (+if)
void RegisterCollectionAggregates(AggregateList* list);  // make_set, make_list (+if)
// percentile(s)(w)(_array), tdigest, tdigest_merge
void RegisterPercentileAggregates(AggregateList* list);
// hll, hll_if, hll_merge, binary_all_and/or/xor
void RegisterSketchAggregates(AggregateList* list);

// Documentation page of a function: "https://learn.microsoft.com/kusto/query/<page>".
std::string DocUrl(std::string_view page);

// SemanticError unless arg_types.size() is within [min, max] (max -1 = unbounded).
Status CheckArgCount(std::string_view function, std::span<const TypeKind> arg_types, int min,
                     int max);
// SemanticError unless `type` is bool (a predicate argument such as countif's).
Status CheckPredicate(std::string_view function, TypeKind type);
// SemanticError unless `type` is int or long (accuracy, maxSize).
Status CheckIntegerArgument(std::string_view function, std::string_view what, TypeKind type);
// Types min/max/arg_max can order: "a number, timespan, datetime, string or boolean", as
// Microsoft's front end says (not dynamic, guid or the null type).
bool IsOrderable(TypeKind type);

// The other partial state of a Merge, as this aggregator's own class.
template <typename T>
Result<const T*> SameAggregator(const Aggregator& other) {
  const T* same = dynamic_cast<const T*>(&other);
  if (same == nullptr) return Internal("Merge of partial states of different aggregates");
  return same;
}

}  // namespace huntbook::functions
