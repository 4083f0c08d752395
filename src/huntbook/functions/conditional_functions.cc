// Conditional and null-handling functions: iff/iif, case, coalesce, isnull, isnotnull,
// isempty, isnotempty, not, max_of, min_of.
#include <cmath>
#include <vector>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

std::string Doc(const std::string& page) {
  return "https://learn.microsoft.com/kusto/query/" + page;
}

// Casts every argument in `positions` to `type` (others are left as they are).
std::vector<ColumnPtr> CastArgs(std::span<const ColumnPtr> args,
                                const std::vector<size_t>& positions, TypeKind type) {
  std::vector<ColumnPtr> cast(args.begin(), args.end());
  for (size_t p : positions) cast[p] = CastColumn(cast[p], type);
  return cast;
}

// iff(condition, then, else) and case(c1, v1, c2, v2, ..., else): the value of the first
// true condition (a null condition counts as false), else the last argument. Values
// promote to a common type (int -> long -> real).
std::vector<size_t> CaseValuePositions(size_t count) {
  std::vector<size_t> positions;
  for (size_t i = 1; i + 1 < count; i += 2) positions.push_back(i);
  positions.push_back(count - 1);
  return positions;
}

BindFn CaseBind(std::string name) {
  return [name](std::span<const TypeKind> types) -> Result<TypeKind> {
    if (types.size() < 3 || types.size() % 2 == 0) {
      return SemanticError(name + "(): expects condition/value pairs and an else value");
    }
    for (size_t i = 0; i + 1 < types.size(); i += 2) {
      RETURN_IF_ERROR(CheckArgument(name, i + 1, ArgRule::kBool, types[i]));
    }
    // The values' common type ignores dynamic values, which convert to it at run time
    // (iff(c, "text", d.x) is a string); dynamic only when every value is (Kusto's
    // front end types iff/iif/case as the common non-dynamic type of their values).
    std::vector<size_t> positions;
    for (size_t p : CaseValuePositions(types.size())) {
      if (types[p] != TypeKind::kDynamic) positions.push_back(p);
    }
    if (positions.empty()) return TypeKind::kDynamic;
    return CommonTypeOf(name, types, positions);
  };
}

KernelFn CaseKernel(std::string name) {
  BindFn bind = CaseBind(name);
  return [bind](std::span<const ColumnPtr> args, size_t rows,
                const EvalContext&) -> Result<ColumnPtr> {
    ASSIGN_OR_RETURN(TypeKind type, bind(ArgTypes(args)));
    std::vector<size_t> positions = CaseValuePositions(args.size());
    std::vector<ColumnPtr> cast = CastArgs(args, positions, type);
    auto out = std::make_shared<Column>(type);
    out->Reserve(rows);
    for (size_t i = 0; i < rows; ++i) {
      size_t chosen = args.size() - 1;
      for (size_t c = 0; c + 1 < args.size(); c += 2) {
        std::optional<bool> condition = ToBoolValue(*args[c], i);
        if (condition.value_or(false)) {
          chosen = c + 1;
          break;
        }
      }
      const Column& source = *cast[chosen];
      if (source.type() == TypeKind::kNull) {
        AppendValue(Value(), out.get());
      } else {
        out->AppendFrom(source, At(source, i));
      }
    }
    return ColumnPtr(out);
  };
}

// Kusto's isempty: true for null and for "" (also for a dynamic null / empty string).
bool IsEmptyAt(const Column& column, size_t row) {
  if (IsNullAt(column, row)) return true;
  size_t r = At(column, row);
  if (IsStringStored(column.type())) return column.GetString(r).empty();
  if (column.type() == TypeKind::kDynamic) {
    const Dynamic& d = column.GetDynamic(r);
    return d.kind() == Dynamic::Kind::kString && d.string_value().empty();
  }
  return false;
}

template <typename Fn>
KernelFn BoolKernel(Fn fn) {
  return
      [fn](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        IntColumnWriter out(TypeKind::kBool, rows);
        const Column& input = *args[0];
        for (size_t i = 0; i < rows; ++i) out.Set(i, fn(input, i));
        return out.Finish();
      };
}

// coalesce(a, b, ...): the first argument that is not null (for strings: not empty).
Result<TypeKind> BindCoalesce(std::span<const TypeKind> types) {
  std::vector<size_t> positions;
  for (size_t i = 0; i < types.size(); ++i) positions.push_back(i);
  return CommonTypeOf("coalesce", types, positions);
}

Result<ColumnPtr> CoalesceKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  ASSIGN_OR_RETURN(TypeKind type, BindCoalesce(ArgTypes(args)));
  std::vector<size_t> positions;
  for (size_t i = 0; i < args.size(); ++i) positions.push_back(i);
  std::vector<ColumnPtr> cast = CastArgs(args, positions, type);
  auto out = std::make_shared<Column>(type);
  out->Reserve(rows);
  for (size_t i = 0; i < rows; ++i) {
    const Column* chosen = nullptr;
    for (const ColumnPtr& column : cast) {
      if (!IsEmptyAt(*column, i)) {
        chosen = column.get();
        break;
      }
    }
    if (chosen == nullptr) {
      AppendValue(Value(), out.get());
    } else {
      out->AppendFrom(*chosen, At(*chosen, i));
    }
  }
  return ColumnPtr(out);
}

// max_of / min_of(a, b, ...): nulls are ignored; all null -> null.
Result<TypeKind> BindExtreme(std::string_view name, std::span<const TypeKind> types) {
  std::vector<size_t> positions;
  for (size_t i = 0; i < types.size(); ++i) {
    RETURN_IF_ERROR(CheckArgument(name, i + 1, ArgRule::kScalar, types[i]));
    positions.push_back(i);
  }
  return CommonTypeOf(name, types, positions);
}

KernelFn ExtremeKernel(std::string name, bool max) {
  return [name, max](std::span<const ColumnPtr> args, size_t rows,
                     const EvalContext&) -> Result<ColumnPtr> {
    ASSIGN_OR_RETURN(TypeKind type, BindExtreme(name, ArgTypes(args)));
    std::vector<size_t> positions;
    for (size_t i = 0; i < args.size(); ++i) positions.push_back(i);
    std::vector<ColumnPtr> cast = CastArgs(args, positions, type);
    auto out = std::make_shared<Column>(type);
    out->Reserve(rows);
    for (size_t i = 0; i < rows; ++i) {
      const Column* best = nullptr;
      size_t best_row = 0;
      for (const ColumnPtr& column : cast) {
        if (IsNullAt(*column, i)) continue;
        size_t r = At(*column, i);
        if (best == nullptr) {
          best = column.get();
          best_row = r;
          continue;
        }
        bool better;
        if (IsRealStored(type)) {
          double a = column->GetReal(r), b = best->GetReal(best_row);
          better = max ? a > b : a < b;
        } else if (IsIntegerStored(type)) {
          better = max ? column->GetInt(r) > best->GetInt(best_row)
                       : column->GetInt(r) < best->GetInt(best_row);
        } else if (IsStringStored(type)) {
          better = max ? column->GetString(r) > best->GetString(best_row)
                       : column->GetString(r) < best->GetString(best_row);
        } else {
          better = false;
        }
        if (better) {
          best = column.get();
          best_row = r;
        }
      }
      if (best == nullptr) {
        AppendValue(Value(), out.get());
      } else {
        out->AppendFrom(*best, best_row);
      }
    }
    return ColumnPtr(out);
  };
}

}  // namespace

void RegisterConditionalFunctions() {
  for (const char* name : {"iff", "iif"}) {
    RegisterScalarFunction(
        {name, Doc(std::string(name) + "-function"), 3, 3, CaseBind(name), CaseKernel(name)});
  }
  RegisterScalarFunction(
      {"case", Doc("case-function"), 3, -1, CaseBind("case"), CaseKernel("case")});
  RegisterScalarFunction(
      {"coalesce", Doc("coalesce-function"), 2, 64, BindCoalesce, CoalesceKernel});
  RegisterScalarFunction({"isnull", Doc("isnull-function"), 1, 1,
                          FixedResultBind("isnull", {ArgRule::kAny}, TypeKind::kBool),
                          BoolKernel([](const Column& c, size_t i) { return IsNullAt(c, i); })});
  RegisterScalarFunction({"isnotnull", Doc("isnotnull-function"), 1, 1,
                          FixedResultBind("isnotnull", {ArgRule::kAny}, TypeKind::kBool),
                          BoolKernel([](const Column& c, size_t i) { return !IsNullAt(c, i); })});
  RegisterScalarFunction({"isempty", Doc("isempty-function"), 1, 1,
                          FixedResultBind("isempty", {ArgRule::kAny}, TypeKind::kBool),
                          BoolKernel([](const Column& c, size_t i) { return IsEmptyAt(c, i); })});
  RegisterScalarFunction({"isnotempty", Doc("isnotempty-function"), 1, 1,
                          FixedResultBind("isnotempty", {ArgRule::kAny}, TypeKind::kBool),
                          BoolKernel([](const Column& c, size_t i) { return !IsEmptyAt(c, i); })});
  RegisterScalarFunction(
      {"not", Doc("not-function"), 1, 1, FixedResultBind("not", {ArgRule::kBool}, TypeKind::kBool),
       [](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
         IntColumnWriter out(TypeKind::kBool, rows);
         for (size_t i = 0; i < rows; ++i) {
           std::optional<bool> b = ToBoolValue(*args[0], i);
           if (b.has_value()) {
             out.Set(i, !*b);
           } else {
             out.SetNull(i);
           }
         }
         return out.Finish();
       }});
  RegisterScalarFunction({"max_of", Doc("max-of-function"), 1, 64,
                          [](std::span<const TypeKind> t) { return BindExtreme("max_of", t); },
                          ExtremeKernel("max_of", true)});
  RegisterScalarFunction({"min_of", Doc("min-of-function"), 1, 64,
                          [](std::span<const TypeKind> t) { return BindExtreme("min_of", t); },
                          ExtremeKernel("min_of", false)});
}

}  // namespace huntbook::functions
