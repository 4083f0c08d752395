// Conversion functions: tostring, toint, tolong, todouble/toreal, todecimal, tobool/
// toboolean, todatetime, totimespan/totime, toguid (rules in conversion.h).
#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

KernelFn CastKernel(TypeKind target) {
  return [target](std::span<const ColumnPtr> args, size_t rows,
                  const EvalContext&) -> Result<ColumnPtr> {
    ColumnPtr cast = CastColumn(args[0], target);
    if (cast->size() == rows) return cast;
    // A constant argument for a multi-row batch: broadcast.
    auto out = std::make_shared<Column>(target);
    out->Reserve(rows);
    for (size_t i = 0; i < rows; ++i) out->AppendFrom(*cast, At(*cast, i));
    return ColumnPtr(out);
  };
}

// tostring has a vectorized path for the common numeric/string inputs.
Result<ColumnPtr> ToStringKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  const Column& input = *args[0];
  auto out = std::make_shared<Column>(TypeKind::kString);
  out->Reserve(rows);
  std::string scratch;
  for (size_t i = 0; i < rows; ++i) out->AppendString(TextOf(input, i, &scratch));
  return ColumnPtr(out);
}

void RegisterCast(const std::string& name, const std::string& page, TypeKind target,
                  ArgRule rule = ArgRule::kAny) {
  RegisterScalarFunction({name, "https://learn.microsoft.com/kusto/query/" + page, 1, 1,
                          FixedResultBind(name, {rule}, target), CastKernel(target)});
}

}  // namespace

void RegisterConversionFunctions() {
  RegisterScalarFunction({"tostring", "https://learn.microsoft.com/kusto/query/tostring-function",
                          1, 1, FixedResultBind("tostring", {ArgRule::kAny}, TypeKind::kString),
                          ToStringKernel});
  RegisterCast("toint", "toint-function", TypeKind::kInt);
  RegisterCast("tolong", "tolong-function", TypeKind::kLong);
  RegisterCast("todouble", "todouble-function", TypeKind::kReal);
  RegisterCast("toreal", "todouble-function", TypeKind::kReal);
  RegisterCast("todecimal", "todecimal-function", TypeKind::kDecimal);
  RegisterCast("tobool", "tobool-function", TypeKind::kBool);
  RegisterCast("toboolean", "tobool-function", TypeKind::kBool);
  RegisterCast("todatetime", "todatetime-function", TypeKind::kDateTime);
  RegisterCast("totimespan", "totimespan-function", TypeKind::kTimespan);
  RegisterCast("totime", "totimespan-function", TypeKind::kTimespan);
  RegisterCast("toguid", "toguid-function", TypeKind::kGuid, ArgRule::kStringOrDynamic);
}

}  // namespace huntbook::functions
