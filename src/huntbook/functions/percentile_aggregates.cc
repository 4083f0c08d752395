// percentile, percentiles, percentiles_array, percentilew, percentilesw,
// percentilesw_array, tdigest, tdigest_merge (alias merge_tdigest).
// https://learn.microsoft.com/kusto/query/percentiles-aggregation-function
// https://learn.microsoft.com/kusto/query/percentilesw-aggregation-function
// https://learn.microsoft.com/kusto/query/tdigest-aggregation-function
// https://learn.microsoft.com/kusto/query/tdigest-merge-aggregation-function
//
// Nearest-rank percentiles from a TDigest (exact while small, see tdigest.h). Output type:
// int -> long, decimal -> real, long/real/datetime/timespan kept (Kusto's front end rules).
// Column names: percentile_<expr>_<p> per percentile ("99.9" -> "99_9"), percentiles_<expr>
// for the array forms, tdigest_<expr>, merge_tdigests_<expr>. Null values (and, for the
// weighted forms, null or non-positive weights) are skipped; a group without values gives
// null. Percentiles must be constants in [0, 100].
#include <cmath>
#include <memory>
#include <string>

#include "huntbook/functions/aggregate_families.h"
#include "huntbook/functions/aggregate_value_key.h"
#include "huntbook/functions/tdigest.h"

namespace huntbook::functions {
namespace {

enum class Shape { kColumns, kArray, kDigest };

struct PercentileOptions {
  std::string name;
  bool weighted = false;
  Shape shape = Shape::kColumns;
};

bool IsPercentileValueType(TypeKind t) {
  return IsNumeric(t) || t == TypeKind::kDateTime || t == TypeKind::kTimespan;
}

TypeKind PercentileOutputType(TypeKind t) {
  if (t == TypeKind::kInt) return TypeKind::kLong;
  if (t == TypeKind::kDecimal) return TypeKind::kReal;
  return t;
}

long double ReadValue(const Column& x, size_t row) {
  return IsRealStored(x.type()) ? static_cast<long double>(x.GetReal(row))
                                : static_cast<long double>(x.GetInt(row));
}

// Appends a percentile result of the given output type.
void AppendPercentile(long double v, TypeKind type, Column* out) {
  if (IsRealStored(type)) {
    out->AppendReal(static_cast<double>(v));
  } else {
    out->AppendInt(static_cast<int64_t>(std::llround(v)));
  }
}

Dynamic PercentileElement(long double v, TypeKind type) {
  switch (type) {
    case TypeKind::kReal:
    case TypeKind::kDecimal:
      return Dynamic::Real(static_cast<double>(v));
    case TypeKind::kDateTime:
      return Dynamic::DateTime(std::llround(v));
    case TypeKind::kTimespan:
      return Dynamic::Timespan(std::llround(v));
    default:
      return Dynamic::Long(std::llround(v));
  }
}

Result<double> ReadPercentile(const Dynamic& d, const std::string& name) {
  double p = 0;
  if (d.kind() == Dynamic::Kind::kLong) {
    p = static_cast<double>(d.long_value());
  } else if (d.kind() == Dynamic::Kind::kReal) {
    p = d.real_value();
  } else {
    return InvalidArgument(name + "(): percentiles must be numbers, got " + d.ToJson());
  }
  if (!(p >= 0 && p <= 100)) {
    return InvalidArgument(name + "(): a percentile must be between 0 and 100, got " + d.ToJson());
  }
  return p;
}

class PercentileAggregator : public Aggregator {
 public:
  PercentileAggregator(PercentileOptions options, TypeKind input, size_t percentile_count)
      : options_(std::move(options)),
        input_(input),
        output_(PercentileOutputType(input)),
        first_percentile_(options_.weighted ? 2 : 1),
        percentile_count_(percentile_count) {}

  void Resize(size_t groups) override {
    if (groups > digests_.size()) digests_.resize(groups);
  }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    if (options_.shape != Shape::kDigest && percentiles_.empty()) {
      RETURN_IF_ERROR(ReadPercentiles(args));
    }
    const Column& x = *args[0];
    const Column* weight = options_.weighted ? args[1].get() : nullptr;
    for (size_t i = 0; i < rows; ++i) {
      const size_t r = At(x, i);
      if (x.IsNull(r)) continue;
      int64_t w = 1;
      if (weight != nullptr) {
        const size_t wr = At(*weight, i);
        if (weight->IsNull(wr)) continue;
        w = IsRealStored(weight->type()) ? static_cast<int64_t>(weight->GetReal(wr))
                                         : weight->GetInt(wr);
        if (w <= 0) continue;
      }
      const long double v = ReadValue(x, r);
      if (std::isnan(v)) continue;
      digests_[group_ids[i]].Add(v, w);
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const PercentileAggregator* same, SameAggregator<PercentileAggregator>(other));
    if (percentiles_.empty()) percentiles_ = same->percentiles_;
    for (size_t g = 0; g < same->digests_.size(); ++g) {
      digests_[group_map[g]].Merge(same->digests_[g]);
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    const size_t groups = digests_.size();
    if (options_.shape == Shape::kDigest) {
      auto out = std::make_shared<Column>(TypeKind::kDynamic);
      for (const TDigest& digest : digests_) {
        if (digest.empty()) {
          out->AppendNull();
        } else {
          out->AppendDynamic(digest.ToDynamic(input_));
        }
      }
      return std::vector<ColumnPtr>{out};
    }
    if (options_.shape == Shape::kArray) {
      auto out = std::make_shared<Column>(TypeKind::kDynamic);
      for (const TDigest& digest : digests_) {
        if (digest.empty() || percentiles_.empty()) {
          out->AppendNull();
          continue;
        }
        Dynamic::Array items;
        for (double p : percentiles_)
          items.push_back(PercentileElement(digest.Percentile(p), output_));
        out->AppendDynamic(Dynamic::MakeArray(std::move(items)));
      }
      return std::vector<ColumnPtr>{out};
    }
    std::vector<ColumnPtr> outputs;
    for (size_t k = 0; k < percentile_count_; ++k) {
      auto out = std::make_shared<Column>(output_);
      out->Reserve(groups);
      for (const TDigest& digest : digests_) {
        if (digest.empty() || k >= percentiles_.size()) {
          out->AppendNull();
        } else {
          AppendPercentile(digest.Percentile(percentiles_[k]), output_, out.get());
        }
      }
      outputs.push_back(out);
    }
    return outputs;
  }

 private:
  Status ReadPercentiles(std::span<const ColumnPtr> args) {
    for (size_t a = first_percentile_; a < args.size(); ++a) {
      const Column& c = *args[a];
      if (c.size() == 0 || c.IsNull(0)) {
        return InvalidArgument(options_.name + "(): a percentile must be a non-null constant");
      }
      if (c.type() == TypeKind::kDynamic) {
        const Dynamic& d = c.GetDynamic(0);
        if (!d.is_array()) {
          return InvalidArgument(options_.name + "(): expects an array of percentiles");
        }
        for (const Dynamic& item : d.array()) {
          ASSIGN_OR_RETURN(double p, ReadPercentile(item, options_.name));
          percentiles_.push_back(p);
        }
        continue;
      }
      Dynamic d = IsRealStored(c.type()) ? Dynamic::Real(c.GetReal(0)) : Dynamic::Long(c.GetInt(0));
      ASSIGN_OR_RETURN(double p, ReadPercentile(d, options_.name));
      percentiles_.push_back(p);
    }
    return Status::OK();
  }

  PercentileOptions options_;
  TypeKind input_;
  TypeKind output_;
  size_t first_percentile_;
  size_t percentile_count_;
  std::vector<double> percentiles_;
  std::vector<TDigest> digests_;
};

// tdigest_merge(d): folds tdigest() values; a value that is not a digest is an error.
class DigestMergeAggregator : public Aggregator {
 public:
  void Resize(size_t groups) override {
    if (groups > digests_.size()) digests_.resize(groups);
  }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    const Column& x = *args[0];
    for (size_t i = 0; i < rows; ++i) {
      if (IsMissing(x, i)) continue;
      TypeKind type = TypeKind::kNull;
      ASSIGN_OR_RETURN(TDigest digest, TDigest::FromDynamic(x.GetDynamic(At(x, i)), &type));
      if (type_ == TypeKind::kNull) type_ = type;
      if (type != type_) {
        return InvalidArgument("tdigest_merge(): cannot merge digests of " +
                               std::string(TypeName(type_)) + " and " +
                               std::string(TypeName(type)) + " values");
      }
      digests_[group_ids[i]].Merge(digest);
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const DigestMergeAggregator* same,
                     SameAggregator<DigestMergeAggregator>(other));
    if (type_ == TypeKind::kNull) type_ = same->type_;
    for (size_t g = 0; g < same->digests_.size(); ++g) {
      digests_[group_map[g]].Merge(same->digests_[g]);
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    auto out = std::make_shared<Column>(TypeKind::kDynamic);
    for (const TDigest& digest : digests_) {
      if (digest.empty()) {
        out->AppendNull();
      } else {
        out->AppendDynamic(digest.ToDynamic(type_));
      }
    }
    return std::vector<ColumnPtr>{out};
  }

 private:
  TypeKind type_ = TypeKind::kNull;
  std::vector<TDigest> digests_;
};

Status CheckPercentileArgs(const PercentileOptions& options, std::span<const TypeKind> types) {
  const std::string& name = options.name;
  if (!IsPercentileValueType(types[0])) {
    return SemanticError(name + "(): expects a numeric, datetime or timespan expression, got " +
                         std::string(TypeName(types[0])));
  }
  size_t first = 1;
  if (options.weighted) {
    if (types[1] != TypeKind::kInt && types[1] != TypeKind::kLong) {
      return SemanticError(name + "(): the weight must be int or long, got " +
                           std::string(TypeName(types[1])));
    }
    first = 2;
  }
  for (size_t a = first; a < types.size(); ++a) {
    const bool array_ok = options.shape == Shape::kArray && types[a] == TypeKind::kDynamic &&
                          types.size() == first + 1;
    if (!IsNumeric(types[a]) && !array_ok) {
      return SemanticError(name + "(): a percentile must be a number, got " +
                           std::string(TypeName(types[a])));
    }
  }
  return Status::OK();
}

void AddPercentile(AggregateList* list, PercentileOptions options, std::string page, int min_args,
                   int max_args) {
  const bool columns = options.shape == Shape::kColumns;
  AggregateFunction f{
      options.name,
      DocUrl(page),
      min_args,
      max_args,
      [options, min_args, max_args](std::span<const TypeKind> types) -> Result<AggregateSignature> {
        RETURN_IF_ERROR(CheckArgCount(options.name, types, min_args, max_args));
        RETURN_IF_ERROR(CheckPercentileArgs(options, types));
        if (options.shape != Shape::kColumns) return AggregateSignature{{TypeKind::kDynamic}};
        const size_t first = options.weighted ? 2 : 1;
        return AggregateSignature{
            std::vector<TypeKind>(types.size() - first, PercentileOutputType(types[0]))};
      },
      [options](std::span<const TypeKind> types) -> std::unique_ptr<Aggregator> {
        const size_t first = options.weighted ? 2 : 1;
        return std::make_unique<PercentileAggregator>(options, types[0], types.size() - first);
      },
      columns ? "percentile_" : "percentiles_"};
  if (columns) {
    const size_t first = options.weighted ? 2 : 1;
    f.default_names = [first](std::span<const std::string> names,
                              std::span<const std::string> fragments) {
      std::vector<std::string> out;
      for (size_t a = first; a < fragments.size(); ++a) {
        out.push_back("percentile_" + (names.empty() ? std::string() : names[0]) + "_" +
                      fragments[a]);
      }
      return out;
    };
  }
  list->push_back(std::move(f));
}

void AddDigest(AggregateList* list) {
  list->push_back(
      AggregateFunction{"tdigest", DocUrl("tdigest-aggregation-function"), 1, 2,
                        [](std::span<const TypeKind> types) -> Result<AggregateSignature> {
                          RETURN_IF_ERROR(CheckArgCount("tdigest", types, 1, 2));
                          PercentileOptions check{"tdigest", types.size() == 2, Shape::kDigest};
                          RETURN_IF_ERROR(CheckPercentileArgs(check, types));
                          return AggregateSignature{{TypeKind::kDynamic}};
                        },
                        [](std::span<const TypeKind> types) -> std::unique_ptr<Aggregator> {
                          PercentileOptions options{"tdigest", types.size() == 2, Shape::kDigest};
                          return std::make_unique<PercentileAggregator>(options, types[0], 0);
                        },
                        "tdigest_"});
  for (const char* name : {"tdigest_merge", "merge_tdigest"}) {
    list->push_back(AggregateFunction{
        name, DocUrl("tdigest-merge-aggregation-function"), 1, 1,
        [name](std::span<const TypeKind> types) -> Result<AggregateSignature> {
          RETURN_IF_ERROR(CheckArgCount(name, types, 1, 1));
          if (types[0] != TypeKind::kDynamic) {
            return SemanticError(std::string(name) + "(): expects a dynamic tdigest value, got " +
                                 std::string(TypeName(types[0])));
          }
          return AggregateSignature{{TypeKind::kDynamic}};
        },
        [](std::span<const TypeKind>) -> std::unique_ptr<Aggregator> {
          return std::make_unique<DigestMergeAggregator>();
        },
        "merge_tdigests_"});
  }
}

}  // namespace

void RegisterPercentileAggregates(AggregateList* list) {
  const std::string page = "percentiles-aggregation-function";
  const std::string weighted = "percentilesw-aggregation-function";
  AddPercentile(list, {"percentile", false, Shape::kColumns}, page, 2, 2);
  AddPercentile(list, {"percentiles", false, Shape::kColumns}, page, 2, -1);
  AddPercentile(list, {"percentiles_array", false, Shape::kArray}, page, 2, -1);
  AddPercentile(list, {"percentilew", true, Shape::kColumns}, weighted, 3, 3);
  AddPercentile(list, {"percentilesw", true, Shape::kColumns}, weighted, 3, -1);
  AddPercentile(list, {"percentilesw_array", true, Shape::kArray}, weighted, 3, -1);
  AddDigest(list);
}

}  // namespace huntbook::functions
