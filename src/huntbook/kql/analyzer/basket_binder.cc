// evaluate basket([Threshold, WeightColumn, MaxDimensions, CustomWildcard, ...]): binds the
// parameters into a BasketSpec; each may be the string '~' for its default.
// https://learn.microsoft.com/kusto/query/basket-plugin
#include "huntbook/kql/analyzer/evaluate_plugins.h"
#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::analyzer {

namespace {

bool IsDefault(const Value& value) {
  return value.type() == TypeKind::kString && !value.is_null() && value.string_value() == "~";
}

// The documented default wildcard: an empty string for strings, null for the other types.
Value DefaultWildcard(TypeKind type) {
  return type == TypeKind::kString ? Value::String("") : Value::Null(type);
}

}  // namespace

Result<PlanPtr> QueryBinder::BindBasket(const PluginCall& call, PlanPtr input, const EnvPtr& env) {
  if (!call.named.empty()) {
    return SemanticError("basket takes positional arguments only", call.position);
  }
  if (call.has_output_schema) return NotSupported("basket with an output schema", call.position);
  auto spec = std::make_shared<planner::BasketSpec>();
  const std::vector<ColumnSchema>& columns = input->schema;
  for (const ColumnSchema& column : columns)
    spec->wildcards.push_back(DefaultWildcard(column.type));
  for (size_t i = 0; i < call.args.size(); ++i) {
    const kql::Expr& arg = *call.args[i];
    if (i == 1 && arg.kind == kql::ExprKind::kName) {
      int index = 0;
      while (index < static_cast<int>(columns.size()) && columns[index].name != arg.name) ++index;
      if (index == static_cast<int>(columns.size())) {
        return SemanticError("unknown weight column '" + arg.name + "'", arg.position);
      }
      TypeKind type = columns[index].type;
      if (!IsNumeric(type)) {
        return SemanticError("basket weight column '" + arg.name + "' must be numeric, it is " +
                                 std::string(TypeName(type)),
                             arg.position);
      }
      spec->weight_column = index;
      continue;
    }
    ASSIGN_OR_RETURN(Value value, BindConstant(arg, env));
    if (IsDefault(value)) continue;
    if (i == 0) {
      // Kusto documents 0.015..1; smaller thresholds are honoured as given.
      if (!IsNumeric(value.type()) || value.is_null() || !(value.AsDouble() > 0) ||
          value.AsDouble() > 1) {
        return SemanticError("basket threshold must be a number in (0, 1]", arg.position);
      }
      spec->threshold = value.AsDouble();
    } else if (i == 1) {
      return SemanticError("basket weight column must be a column name or '~'", arg.position);
    } else if (i == 2) {
      bool integer = value.type() == TypeKind::kInt || value.type() == TypeKind::kLong;
      if (!integer || value.is_null() || value.int_value() < 1) {
        return SemanticError("basket MaxDimensions must be a positive integer", arg.position);
      }
      spec->max_dimensions = value.int_value();
    } else {
      // A custom wildcard applies to every column of its type.
      for (size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].type == value.type()) spec->wildcards[c] = value;
      }
    }
  }
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kBasket;
  node->schema = {
      {"SegmentId", TypeKind::kLong}, {"Count", TypeKind::kLong}, {"Percent", TypeKind::kReal}};
  for (size_t c = 0; c < columns.size(); ++c) {
    node->schema.push_back(columns[c]);
    // The weight column and dynamic columns are never fixed by a pattern.
    spec->attributes.push_back(static_cast<int>(c) != spec->weight_column &&
                               columns[c].type != TypeKind::kDynamic);
  }
  node->children = {input};
  node->spec = spec;
  return PlanPtr(node);
}

}  // namespace huntbook::analyzer
