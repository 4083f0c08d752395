#include "huntbook/functions/aggregate_function.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "huntbook/functions/aggregate_families.h"

namespace huntbook::functions {
namespace {

struct Catalogue {
  AggregateList functions;
  std::unordered_map<std::string, size_t> by_name;
};

const Catalogue& GetCatalogue() {
  static Catalogue* catalogue = [] {
    auto* c = new Catalogue;
    RegisterCountAggregates(&c->functions);
    RegisterSumAggregates(&c->functions);
    RegisterExtremeAggregates(&c->functions);
    RegisterArgExtremeAggregates(&c->functions);
    RegisterDistinctAggregates(&c->functions);
    RegisterCollectionAggregates(&c->functions);
    RegisterPercentileAggregates(&c->functions);
    RegisterSketchAggregates(&c->functions);
    for (size_t i = 0; i < c->functions.size(); ++i) {
      c->by_name.emplace(c->functions[i].name, i);
    }
    return c;
  }();
  return *catalogue;
}

}  // namespace

const AggregateFunction* FindAggregateFunction(std::string_view name) {
  const Catalogue& catalogue = GetCatalogue();
  auto it = catalogue.by_name.find(std::string(name));
  return it == catalogue.by_name.end() ? nullptr : &catalogue.functions[it->second];
}

std::vector<std::string> AggregateFunctionNames() {
  std::vector<std::string> names;
  for (const AggregateFunction& f : GetCatalogue().functions) names.push_back(f.name);
  std::sort(names.begin(), names.end());
  return names;
}

void RegisterAllAggregateFunctions() { (void)GetCatalogue(); }

std::string DocUrl(std::string_view page) {
  return "https://learn.microsoft.com/kusto/query/" + std::string(page);
}

Status CheckArgCount(std::string_view function, std::span<const TypeKind> arg_types, int min,
                     int max) {
  const int n = static_cast<int>(arg_types.size());
  if (n >= min && (max < 0 || n <= max)) return Status::OK();
  std::string expected = std::to_string(min);
  if (max < 0)
    expected += " or more";
  else if (max != min)
    expected += " to " + std::to_string(max);
  return SemanticError(std::string(function) + "(): expects " + expected + " argument(s), got " +
                       std::to_string(n));
}

Status CheckPredicate(std::string_view function, TypeKind type) {
  if (type == TypeKind::kBool) return Status::OK();
  return SemanticError(std::string(function) + "(): the predicate must be bool, got " +
                       std::string(TypeName(type)));
}

Status CheckIntegerArgument(std::string_view function, std::string_view what, TypeKind type) {
  if (type == TypeKind::kInt || type == TypeKind::kLong) return Status::OK();
  return SemanticError(std::string(function) + "(): " + std::string(what) +
                       " must be an int or long constant, got " + std::string(TypeName(type)));
}

bool IsOrderable(TypeKind type) {
  return type != TypeKind::kDynamic && type != TypeKind::kNull && type != TypeKind::kGuid;
}

}  // namespace huntbook::functions
