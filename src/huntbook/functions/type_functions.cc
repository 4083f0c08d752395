// gettype(): the runtime type of a value.
// https://learn.microsoft.com/kusto/query/gettype-function
#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {

namespace {

// Type name of one dynamic value: "array", "dictionary", "string", "long", "real", "bool",
// "datetime", "timespan", "guid", or "null".
std::string_view DynamicTypeName(const Dynamic& value) {
  switch (value.kind()) {
    case Dynamic::Kind::kNull:
      return "null";
    case Dynamic::Kind::kBool:
      return "bool";
    case Dynamic::Kind::kLong:
      return "long";
    case Dynamic::Kind::kReal:
      return "real";
    case Dynamic::Kind::kString:
      return "string";
    case Dynamic::Kind::kDateTime:
      return "datetime";
    case Dynamic::Kind::kTimespan:
      return "timespan";
    case Dynamic::Kind::kGuid:
      return "guid";
    case Dynamic::Kind::kArray:
      return "array";
    case Dynamic::Kind::kObject:
      return "dictionary";
  }
  return "null";
}

Result<ColumnPtr> GetTypeKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  const Column& input = *args[0];
  auto out = std::make_shared<Column>(TypeKind::kString);
  if (input.type() != TypeKind::kDynamic) {
    out->AppendString(TypeName(input.type()));
    return ColumnPtr(out);
  }
  out->Reserve(rows);
  for (size_t i = 0; i < rows; ++i) {
    size_t row = At(input, i);
    out->AppendString(input.IsNull(row) ? "null" : DynamicTypeName(input.GetDynamic(row)));
  }
  return ColumnPtr(out);
}

}  // namespace

void RegisterTypeFunctions() {
  RegisterScalarFunction({"gettype", "https://learn.microsoft.com/kusto/query/gettype-function", 1,
                          1, FixedResultBind("gettype", {ArgRule::kAny}, TypeKind::kString),
                          GetTypeKernel});
}

}  // namespace huntbook::functions
