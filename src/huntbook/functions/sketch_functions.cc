// Scalar functions over sketches: dcount_hll, percentile_tdigest,
// percentile_array_tdigest, percentrank_tdigest.
// https://learn.microsoft.com/kusto/query/dcount-hll-function
// https://learn.microsoft.com/kusto/query/percentile-tdigest-function
// https://learn.microsoft.com/kusto/query/percentile-array-tdigest-function
// https://learn.microsoft.com/kusto/query/percentrank-tdigest-function
// A value that is not a sketch is an InvalidArgument at run time; null gives null.
// percentile_tdigest's result type is the typeof() argument when given; Kusto otherwise
// types it at run time from the digest, which huntbook cannot, so it returns real.
// percentile_array_tdigest returns a dynamic array with the digest's element kinds.
// percentrank_tdigest(digest, value) is a real in [0, 100] (TDigest::PercentRank); null
// for a null digest or value or an empty digest. The page asks for a value of the digest's
// element type: a datetime or timespan against a digest of another type (or the reverse)
// is an InvalidArgument, numbers compare with numbers.
#include <cmath>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/hyperloglog.h"
#include "huntbook/functions/scalar_families.h"
#include "huntbook/functions/tdigest.h"

namespace huntbook::functions {
namespace {

std::string Doc(const std::string& page) {
  return "https://learn.microsoft.com/kusto/query/" + page;
}

Result<ColumnPtr> DcountHllKernel(std::span<const ColumnPtr> args, size_t rows,
                                  const EvalContext&) {
  IntColumnWriter out(TypeKind::kLong, rows);
  const Column& x = *args[0];
  for (size_t i = 0; i < rows; ++i) {
    if (IsNullAt(x, i)) {
      out.SetNull(i);
      continue;
    }
    ASSIGN_OR_RETURN(HyperLogLog sketch, HyperLogLog::FromDynamic(x.GetDynamic(At(x, i))));
    out.Set(i, sketch.Estimate());
  }
  return out.Finish();
}

Dynamic Element(long double v, TypeKind type) {
  switch (type) {
    case TypeKind::kDateTime:
      return Dynamic::DateTime(std::llround(v));
    case TypeKind::kTimespan:
      return Dynamic::Timespan(std::llround(v));
    case TypeKind::kInt:
    case TypeKind::kLong:
      return Dynamic::Long(std::llround(v));
    default:
      return Dynamic::Real(static_cast<double>(v));
  }
}

Result<double> PercentileArgument(const Column& c, size_t i) {
  std::optional<double> p = ToRealValue(c, i);
  if (!p || !(*p >= 0 && *p <= 100)) {
    return InvalidArgument("percentile_tdigest(): a percentile must be between 0 and 100");
  }
  return *p;
}

Result<ColumnPtr> PercentileKernel(std::span<const ColumnPtr> args, size_t rows,
                                   const EvalContext&) {
  const TypeKind type = args.size() > 2 ? args[2]->type() : TypeKind::kReal;
  auto out = std::make_shared<Column>(type);
  out->Reserve(rows);
  const Column& x = *args[0];
  for (size_t i = 0; i < rows; ++i) {
    if (IsNullAt(x, i)) {
      out->AppendNull();
      continue;
    }
    TypeKind digest_type = TypeKind::kNull;
    ASSIGN_OR_RETURN(TDigest digest, TDigest::FromDynamic(x.GetDynamic(At(x, i)), &digest_type));
    ASSIGN_OR_RETURN(double p, PercentileArgument(*args[1], i));
    if (digest.empty()) {
      out->AppendNull();
      continue;
    }
    const long double v = digest.Percentile(p);
    if (IsRealStored(type)) {
      out->AppendReal(static_cast<double>(v));
    } else if (IsIntegerStored(type)) {
      out->AppendInt(std::llround(v));
    } else {
      AppendValue(Value::Dyn(Element(v, digest_type)), out.get());
    }
  }
  return ColumnPtr(out);
}

Result<ColumnPtr> PercentileArrayKernel(std::span<const ColumnPtr> args, size_t rows,
                                        const EvalContext&) {
  auto out = std::make_shared<Column>(TypeKind::kDynamic);
  out->Reserve(rows);
  const Column& x = *args[0];
  for (size_t i = 0; i < rows; ++i) {
    if (IsNullAt(x, i)) {
      out->AppendNull();
      continue;
    }
    TypeKind digest_type = TypeKind::kNull;
    ASSIGN_OR_RETURN(TDigest digest, TDigest::FromDynamic(x.GetDynamic(At(x, i)), &digest_type));
    std::vector<double> percentiles;
    for (size_t a = 1; a < args.size(); ++a) {
      if (args[a]->type() == TypeKind::kDynamic) {
        Dynamic d = ToDynamic(*args[a], i);
        if (!d.is_array()) return InvalidArgument("percentile_array_tdigest(): expects an array");
        for (const Dynamic& item : d.array()) {
          if (item.kind() != Dynamic::Kind::kLong && item.kind() != Dynamic::Kind::kReal) {
            return InvalidArgument("percentile_array_tdigest(): percentiles must be numbers");
          }
          percentiles.push_back(item.kind() == Dynamic::Kind::kLong
                                    ? static_cast<double>(item.long_value())
                                    : item.real_value());
        }
      } else {
        ASSIGN_OR_RETURN(double p, PercentileArgument(*args[a], i));
        percentiles.push_back(p);
      }
    }
    Dynamic::Array items;
    for (double p : percentiles) {
      if (!(p >= 0 && p <= 100)) {
        return InvalidArgument(
            "percentile_array_tdigest(): a percentile must be between 0 and 100");
      }
      items.push_back(digest.empty() ? Dynamic() : Element(digest.Percentile(p), digest_type));
    }
    out->AppendDynamic(Dynamic::MakeArray(std::move(items)));
  }
  return ColumnPtr(out);
}

bool IsTimeType(TypeKind type) {
  return type == TypeKind::kDateTime || type == TypeKind::kTimespan;
}

Status MismatchedValue(TypeKind value, TypeKind digest) {
  return InvalidArgument("percentrank_tdigest(): a " + std::string(TypeName(value)) +
                         " value against a digest of " + std::string(TypeName(digest)));
}

Result<ColumnPtr> PercentRankKernel(std::span<const ColumnPtr> args, size_t rows,
                                    const EvalContext&) {
  RealColumnWriter out(TypeKind::kReal, rows);
  const Column& x = *args[0];
  const Column& value = *args[1];
  for (size_t i = 0; i < rows; ++i) {
    if (IsNullAt(x, i) || IsNullAt(value, i)) {
      out.SetNull(i);
      continue;
    }
    TypeKind digest_type = TypeKind::kNull;
    ASSIGN_OR_RETURN(TDigest digest, TDigest::FromDynamic(x.GetDynamic(At(x, i)), &digest_type));
    if (digest.empty()) {
      out.SetNull(i);
      continue;
    }
    long double v = 0;
    if (IsTimeType(value.type())) {
      if (value.type() != digest_type) {
        return MismatchedValue(value.type(), digest_type);
      }
      v = static_cast<long double>(value.GetInt(At(value, i)));
    } else {
      if (IsTimeType(digest_type)) {
        return MismatchedValue(value.type(), digest_type);
      }
      if (IsIntegerStored(value.type())) {
        v = static_cast<long double>(value.GetInt(At(value, i)));
      } else {
        std::optional<double> real = ToRealValue(value, i);
        if (!real || std::isnan(*real)) {
          out.SetNull(i);
          continue;
        }
        v = *real;
      }
    }
    out.Set(i, digest.PercentRank(v));
  }
  return out.Finish();
}

Status BindPercentile(std::span<const TypeKind> types) {
  return CheckArguments("percentile_tdigest", types,
                        std::vector<ArgRule>{ArgRule::kDynamic, ArgRule::kNumber});
}

}  // namespace

void RegisterSketchFunctions() {
  RegisterScalarFunction({"dcount_hll", Doc("dcount-hll-function"), 1, 1,
                          FixedResultBind("dcount_hll", {ArgRule::kDynamic}, TypeKind::kLong),
                          DcountHllKernel});
  RegisterScalarFunction({"percentile_tdigest", Doc("percentile-tdigest-function"), 2, 3,
                          [](std::span<const TypeKind> types) -> Result<TypeKind> {
                            RETURN_IF_ERROR(BindPercentile(types.subspan(0, 2)));
                            return types.size() > 2 ? types[2] : TypeKind::kReal;
                          },
                          PercentileKernel});
  RegisterScalarFunction(
      {"percentrank_tdigest", Doc("percentrank-tdigest-function"), 2, 2,
       [](std::span<const TypeKind> types) -> Result<TypeKind> {
         RETURN_IF_ERROR(CheckArguments("percentrank_tdigest", types,
                                        std::vector<ArgRule>{ArgRule::kDynamic, ArgRule::kAny}));
         if (types[1] != TypeKind::kNull && !IsNumeric(types[1]) && !IsTimeType(types[1])) {
           return SemanticError(std::string("percentrank_tdigest(): argument 2 must be a ") +
                                "number, datetime or timespan, got " +
                                std::string(TypeName(types[1])));
         }
         return TypeKind::kReal;
       },
       PercentRankKernel});
  RegisterScalarFunction(
      {"percentile_array_tdigest", Doc("percentile-array-tdigest-function"), 2, -1,
       [](std::span<const TypeKind> types) -> Result<TypeKind> {
         RETURN_IF_ERROR(CheckArguments("percentile_array_tdigest", types,
                                        std::vector<ArgRule>{ArgRule::kDynamic}, ArgRule::kAny));
         return TypeKind::kDynamic;
       },
       PercentileArrayKernel});
}

}  // namespace huntbook::functions
