// arg_max / arg_min (deprecated argmax / argmin) and take_any / take_anyif (deprecated any /
// anyif): aggregates that return values of one chosen row.
// https://learn.microsoft.com/kusto/query/arg-max-aggregation-function
// https://learn.microsoft.com/kusto/query/arg-min-aggregation-function
// https://learn.microsoft.com/kusto/query/take-any-aggregation-function
// https://learn.microsoft.com/kusto/query/take-anyif-aggregation-function
//
// arg_max(x, a, b) outputs x's best value and a, b from the row holding it. Rows whose x is
// null are ignored unless every row's x is null, in which case one row is still picked
// (its x null). Ties keep the first row seen. The analyzer expands arg_max(x, *) to
// explicit columns. Output column names: the docs' examples name them after the argument
// columns (arg_max(BeginLat, BeginLocation) -> BeginLat, BeginLocation), hence the empty
// default_name_prefix; take_any likewise ("the deprecated version adds an any_ prefix").
#include <memory>
#include <string>

#include "huntbook/functions/aggregate_families.h"
#include "huntbook/functions/aggregate_ordered_keys.h"
#include "huntbook/functions/aggregate_value_key.h"

namespace huntbook::functions {
namespace {

// The values of the returned arguments of the row chosen for each group.
class ChosenRows {
 public:
  explicit ChosenRows(size_t columns) : values_(columns) {}

  size_t size() const { return chosen_.size(); }
  bool chosen(size_t g) const { return chosen_[g] != 0; }
  const Value& value(size_t column, size_t g) const { return values_[column][g]; }

  void Resize(size_t groups) {
    if (groups <= chosen_.size()) return;
    chosen_.resize(groups, 0);
    for (auto& column : values_) column.resize(groups);
  }
  // Keeps row i of args[first..first + columns) for group g.
  void Choose(size_t g, std::span<const ColumnPtr> args, size_t first, size_t i) {
    chosen_[g] = 1;
    for (size_t c = 0; c < values_.size(); ++c) {
      const Column& column = *args[first + c];
      values_[c][g] = column.Get(At(column, i));
    }
  }
  void ChooseFrom(size_t g, const ChosenRows& other, size_t og) {
    chosen_[g] = 1;
    for (size_t c = 0; c < values_.size(); ++c) values_[c][g] = other.values_[c][og];
  }
  Status AppendColumns(std::span<const TypeKind> types, std::vector<ColumnPtr>* out) const {
    for (size_t c = 0; c < values_.size(); ++c) {
      auto column = std::make_shared<Column>(types[c]);
      column->Reserve(chosen_.size());
      for (size_t g = 0; g < chosen_.size(); ++g) column->Append(values_[c][g]);
      out->push_back(column);
    }
    return Status::OK();
  }

 private:
  std::vector<uint8_t> chosen_;
  std::vector<std::vector<Value>> values_;
};

class ArgExtremeAggregator : public Aggregator {
 public:
  ArgExtremeAggregator(std::span<const TypeKind> types, bool want_max)
      : types_(types.begin(), types.end()),
        keys_(types[0]),
        rows_(types.size() - 1),
        want_max_(want_max) {}

  void Resize(size_t groups) override {
    keys_.Resize(groups);
    rows_.Resize(groups);
  }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    const Column& x = *args[0];
    for (size_t i = 0; i < rows; ++i) {
      const uint32_t g = group_ids[i];
      if (keys_.Beats(x, i, g, want_max_)) {
        keys_.Set(g, x, i);
        rows_.Choose(g, args, 1, i);
      } else if (!rows_.chosen(g)) {
        rows_.Choose(g, args, 1, i);  // x is null: a placeholder until a value arrives
      }
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const ArgExtremeAggregator* same, SameAggregator<ArgExtremeAggregator>(other));
    for (size_t g = 0; g < same->rows_.size(); ++g) {
      const uint32_t t = group_map[g];
      if (keys_.BeatsFrom(same->keys_, g, t, want_max_)) {
        keys_.SetFrom(t, same->keys_, g);
        rows_.ChooseFrom(t, same->rows_, g);
      } else if (!rows_.chosen(t) && same->rows_.chosen(g)) {
        rows_.ChooseFrom(t, same->rows_, g);
      }
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    auto key = std::make_shared<Column>(types_[0]);
    key->Reserve(keys_.size());
    for (size_t g = 0; g < keys_.size(); ++g) keys_.AppendTo(g, key.get());
    std::vector<ColumnPtr> out{key};
    RETURN_IF_ERROR(rows_.AppendColumns(std::span(types_).subspan(1), &out));
    return out;
  }

 private:
  std::vector<TypeKind> types_;
  OrderedKeys keys_;
  ChosenRows rows_;
  bool want_max_;
};

// take_any: the first row seen; with one argument a non-empty value is preferred over a
// null or "" one (take_anyif page: "attempts to return a non-null/non-empty value").
class TakeAnyAggregator : public Aggregator {
 public:
  TakeAnyAggregator(std::span<const TypeKind> types, int predicate)
      : types_(types.begin(), types.end()), predicate_(predicate) {
    if (predicate_ >= 0) types_.pop_back();
    rows_ = ChosenRows(types_.size());
  }

  void Resize(size_t groups) override { rows_.Resize(groups); }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    const Column* predicate = predicate_ < 0 ? nullptr : args[predicate_].get();
    for (size_t i = 0; i < rows; ++i) {
      if (predicate != nullptr && !IsTrue(*predicate, i)) continue;
      const uint32_t g = group_ids[i];
      if (!rows_.chosen(g) ||
          (Preferring() && IsEmpty(rows_.value(0, g)) && !IsEmpty(args[0]->Get(At(*args[0], i))))) {
        rows_.Choose(g, args, 0, i);
      }
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const TakeAnyAggregator* same, SameAggregator<TakeAnyAggregator>(other));
    for (size_t g = 0; g < same->rows_.size(); ++g) {
      if (!same->rows_.chosen(g)) continue;
      const uint32_t t = group_map[g];
      if (!rows_.chosen(t) ||
          (Preferring() && IsEmpty(rows_.value(0, t)) && !IsEmpty(same->rows_.value(0, g)))) {
        rows_.ChooseFrom(t, same->rows_, g);
      }
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    std::vector<ColumnPtr> out;
    RETURN_IF_ERROR(rows_.AppendColumns(types_, &out));
    return out;
  }

 private:
  bool Preferring() const { return types_.size() == 1; }
  static bool IsEmpty(const Value& v) {
    if (v.is_null()) return true;
    if (IsStringStored(v.type())) return v.string_value().empty();
    return v.type() == TypeKind::kDynamic && v.dynamic_value().is_null();
  }

  std::vector<TypeKind> types_;
  int predicate_;
  ChosenRows rows_{0};
};

void AddArgExtreme(AggregateList* list, std::string name, bool want_max, std::string prefix) {
  const std::string page =
      want_max ? "arg-max-aggregation-function" : "arg-min-aggregation-function";
  list->push_back(
      AggregateFunction{name, DocUrl(page), 1, -1,
                        [name](std::span<const TypeKind> types) -> Result<AggregateSignature> {
                          RETURN_IF_ERROR(CheckArgCount(name, types, 1, -1));
                          if (!IsOrderable(types[0])) {
                            return SemanticError(name + "(): cannot order values of type " +
                                                 std::string(TypeName(types[0])));
                          }
                          return AggregateSignature{{types.begin(), types.end()}};
                        },
                        [want_max](std::span<const TypeKind> types) -> std::unique_ptr<Aggregator> {
                          return std::make_unique<ArgExtremeAggregator>(types, want_max);
                        },
                        std::move(prefix)});
}

void AddTakeAny(AggregateList* list, std::string name, bool conditional, std::string prefix) {
  const std::string page =
      conditional ? "take-anyif-aggregation-function" : "take-any-aggregation-function";
  list->push_back(AggregateFunction{
      name, DocUrl(page), conditional ? 2 : 1, conditional ? 2 : -1,
      [name, conditional](std::span<const TypeKind> types) -> Result<AggregateSignature> {
        if (conditional) {
          RETURN_IF_ERROR(CheckArgCount(name, types, 2, 2));
          RETURN_IF_ERROR(CheckPredicate(name, types[1]));
          return AggregateSignature{{types[0]}};
        }
        RETURN_IF_ERROR(CheckArgCount(name, types, 1, -1));
        return AggregateSignature{{types.begin(), types.end()}};
      },
      [conditional](std::span<const TypeKind> types) -> std::unique_ptr<Aggregator> {
        return std::make_unique<TakeAnyAggregator>(types, conditional ? 1 : -1);
      },
      std::move(prefix)});
}

}  // namespace

void RegisterArgExtremeAggregates(AggregateList* list) {
  AddArgExtreme(list, "arg_max", true, "");
  AddArgExtreme(list, "arg_min", false, "");
  AddArgExtreme(list, "argmax", true, "max_");
  AddArgExtreme(list, "argmin", false, "min_");
  AddTakeAny(list, "take_any", false, "");
  AddTakeAny(list, "any", false, "any_");
  AddTakeAny(list, "take_anyif", true, "");
  AddTakeAny(list, "anyif", true, "anyif_");
}

}  // namespace huntbook::functions
