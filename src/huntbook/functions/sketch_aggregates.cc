// hll, hll_if, hll_merge (HyperLogLog sketches as dynamic values) and binary_all_and,
// binary_all_or, binary_all_xor.
// https://learn.microsoft.com/kusto/query/hll-aggregation-function
// https://learn.microsoft.com/kusto/query/hll-merge-aggregation-function
// https://learn.microsoft.com/kusto/query/binary-all-and-aggregation-function
// hll uses the same hashing and sketch as dcount (hyperloglog.h), so dcount_hll(hll(x))
// equals dcount(x) at the same accuracy. binary_all_*: the bitwise fold of the non-null
// values of a long column, output named after the column; no values gives null.
#include <memory>
#include <optional>
#include <string>

#include "huntbook/functions/aggregate_families.h"
#include "huntbook/functions/aggregate_value_key.h"
#include "huntbook/functions/hyperloglog.h"

namespace huntbook::functions {
namespace {

class HllAggregator : public Aggregator {
 public:
  // merge: inputs are hll() values; otherwise values to hash. accuracy_arg: -1 = default.
  HllAggregator(bool merge, int predicate, int accuracy_arg)
      : merge_(merge),
        predicate_(predicate),
        accuracy_arg_(accuracy_arg),
        known_(accuracy_arg < 0 && !merge) {}

  void Resize(size_t groups) override {
    if (groups > sketches_.size()) sketches_.resize(groups);
  }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    if (!known_ && !merge_) {
      ASSIGN_OR_RETURN(int64_t level, ConstantIntArgument(*args[accuracy_arg_], "accuracy"));
      if (level < HyperLogLog::kMinAccuracy || level > HyperLogLog::kMaxAccuracy) {
        return InvalidArgument("hll(): accuracy must be between 0 and 4, got " +
                               std::to_string(level));
      }
      accuracy_ = static_cast<int>(level);
      known_ = true;
    }
    const Column& x = *args[0];
    const Column* predicate = predicate_ < 0 ? nullptr : args[predicate_].get();
    for (size_t i = 0; i < rows; ++i) {
      if (IsMissing(x, i) || (predicate != nullptr && !IsTrue(*predicate, i))) continue;
      std::optional<HyperLogLog>& sketch = sketches_[group_ids[i]];
      if (merge_) {
        ASSIGN_OR_RETURN(HyperLogLog other, HyperLogLog::FromDynamic(x.GetDynamic(At(x, i))));
        RETURN_IF_ERROR(Fold(&sketch, other));
        continue;
      }
      if (!sketch) sketch.emplace(accuracy_);
      sketch->Add(ValueHash(x, i));
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const HllAggregator* same, SameAggregator<HllAggregator>(other));
    for (size_t g = 0; g < same->sketches_.size(); ++g) {
      if (same->sketches_[g]) RETURN_IF_ERROR(Fold(&sketches_[group_map[g]], *same->sketches_[g]));
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    auto out = std::make_shared<Column>(TypeKind::kDynamic);
    for (const std::optional<HyperLogLog>& sketch : sketches_) {
      if (sketch) {
        out->AppendDynamic(sketch->ToDynamic());
      } else if (merge_) {
        out->AppendNull();
      } else {
        out->AppendDynamic(HyperLogLog(accuracy_).ToDynamic());  // an empty sketch
      }
    }
    return std::vector<ColumnPtr>{out};
  }

 private:
  static Status Fold(std::optional<HyperLogLog>* into, const HyperLogLog& other) {
    if (!*into) {
      *into = other;
      return Status::OK();
    }
    if ((*into)->accuracy() != other.accuracy()) {
      return InvalidArgument("hll_merge(): cannot merge sketches of different accuracy");
    }
    (*into)->Merge(other);
    return Status::OK();
  }

  bool merge_;
  int predicate_;
  int accuracy_arg_;
  bool known_;
  int accuracy_ = HyperLogLog::kDefaultAccuracy;
  std::vector<std::optional<HyperLogLog>> sketches_;
};

enum class BitOp { kAnd, kOr, kXor };

class BitwiseAggregator : public Aggregator {
 public:
  BitwiseAggregator(BitOp op, TypeKind type) : op_(op), type_(type) {}

  void Resize(size_t groups) override {
    if (groups > values_.size()) values_.resize(groups);
  }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    const Column& x = *args[0];
    for (size_t i = 0; i < rows; ++i) {
      const size_t r = At(x, i);
      if (x.IsNull(r)) continue;
      Fold(&values_[group_ids[i]], x.GetInt(r));
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const BitwiseAggregator* same, SameAggregator<BitwiseAggregator>(other));
    for (size_t g = 0; g < same->values_.size(); ++g) {
      if (same->values_[g]) Fold(&values_[group_map[g]], *same->values_[g]);
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    auto out = std::make_shared<Column>(type_);
    for (const std::optional<int64_t>& v : values_) {
      if (v) {
        out->AppendInt(*v);
      } else {
        out->AppendNull();
      }
    }
    return std::vector<ColumnPtr>{out};
  }

 private:
  void Fold(std::optional<int64_t>* into, int64_t v) const {
    if (!*into) {
      *into = v;
    } else if (op_ == BitOp::kAnd) {
      **into &= v;
    } else if (op_ == BitOp::kOr) {
      **into |= v;
    } else {
      **into ^= v;
    }
  }

  BitOp op_;
  TypeKind type_;
  std::vector<std::optional<int64_t>> values_;
};

void AddHll(AggregateList* list, const std::string& name, bool conditional) {
  const int min_args = conditional ? 2 : 1;
  list->push_back(AggregateFunction{
      name, DocUrl("hll-aggregation-function"), min_args, min_args + 1,
      [name, min_args, conditional](std::span<const TypeKind> types) -> Result<AggregateSignature> {
        RETURN_IF_ERROR(CheckArgCount(name, types, min_args, min_args + 1));
        if (types[0] == TypeKind::kDynamic || types[0] == TypeKind::kNull) {
          return SemanticError(name + "(): expects a scalar expression, got " +
                               std::string(TypeName(types[0])));
        }
        if (conditional) RETURN_IF_ERROR(CheckPredicate(name, types[1]));
        if (static_cast<int>(types.size()) > min_args) {
          RETURN_IF_ERROR(CheckIntegerArgument(name, "accuracy", types[min_args]));
        }
        return AggregateSignature{{TypeKind::kDynamic}};
      },
      [min_args, conditional](std::span<const TypeKind> types) -> std::unique_ptr<Aggregator> {
        const int accuracy = static_cast<int>(types.size()) > min_args ? min_args : -1;
        return std::make_unique<HllAggregator>(false, conditional ? 1 : -1, accuracy);
      },
      name + "_"});
}

void AddBitwise(AggregateList* list, const std::string& name, BitOp op) {
  list->push_back(
      AggregateFunction{name,
                        DocUrl(std::string(name == "binary_all_and"  ? "binary-all-and"
                                           : name == "binary_all_or" ? "binary-all-or"
                                                                     : "binary-all-xor") +
                               "-aggregation-function"),
                        1, 1,
                        [name](std::span<const TypeKind> types) -> Result<AggregateSignature> {
                          RETURN_IF_ERROR(CheckArgCount(name, types, 1, 1));
                          if (types[0] != TypeKind::kLong && types[0] != TypeKind::kInt) {
                            return SemanticError(name + "(): expects a long expression, got " +
                                                 std::string(TypeName(types[0])));
                          }
                          return AggregateSignature{{TypeKind::kLong}};
                        },
                        [op](std::span<const TypeKind>) -> std::unique_ptr<Aggregator> {
                          return std::make_unique<BitwiseAggregator>(op, TypeKind::kLong);
                        },
                        ""});
}

}  // namespace

void RegisterSketchAggregates(AggregateList* list) {
  AddHll(list, "hll", false);
  AddHll(list, "hll_if", true);
  list->push_back(
      AggregateFunction{"hll_merge", DocUrl("hll-merge-aggregation-function"), 1, 1,
                        [](std::span<const TypeKind> types) -> Result<AggregateSignature> {
                          RETURN_IF_ERROR(CheckArgCount("hll_merge", types, 1, 1));
                          if (types[0] != TypeKind::kDynamic) {
                            return SemanticError("hll_merge(): expects a dynamic hll value, got " +
                                                 std::string(TypeName(types[0])));
                          }
                          return AggregateSignature{{TypeKind::kDynamic}};
                        },
                        [](std::span<const TypeKind>) -> std::unique_ptr<Aggregator> {
                          return std::make_unique<HllAggregator>(true, -1, -1);
                        },
                        "hll_merge_"});
  AddBitwise(list, "binary_all_and", BitOp::kAnd);
  AddBitwise(list, "binary_all_or", BitOp::kOr);
  AddBitwise(list, "binary_all_xor", BitOp::kXor);
}

}  // namespace huntbook::functions
