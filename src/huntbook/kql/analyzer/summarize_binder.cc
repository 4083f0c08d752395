// summarize: group keys and aggregate calls, with Kusto's default output names.
// https://learn.microsoft.com/kusto/query/summarize-operator
#include <algorithm>
#include <cctype>

#include "huntbook/functions/aggregate_function.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/kql/analyzer/query_binder.h"

namespace huntbook::analyzer {

namespace {

std::string UniqueName(const std::vector<ColumnSchema>& schema, const std::string& name) {
  auto taken = [&](const std::string& n) {
    return std::any_of(schema.begin(), schema.end(),
                       [&](const ColumnSchema& c) { return c.name == n; });
  };
  if (!taken(name)) return name;
  return NextColumnName(schema, name);
}

// A literal argument as part of a column name (percentiles(x, 99.9) -> "99_9"): its
// text with characters that cannot appear in a plain name replaced by '_'.
std::string NameFragment(const Value& literal) {
  std::string text;
  if (literal.is_null()) return text;
  if (literal.type() == TypeKind::kInt || literal.type() == TypeKind::kLong) {
    text = std::to_string(literal.int_value());
  } else if (IsRealStored(literal.type())) {
    text = functions::FormatReal(literal.real_value());
  } else {
    return text;
  }
  for (char& c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return text;
}

}  // namespace

Result<PlanPtr> QueryBinder::BindSummarize(const kql::Operator& op, PlanPtr input,
                                           const EnvPtr& env) {
  const Scope scope{&input->schema, env};
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kSummarize;
  for (const kql::OperatorParam& param : op.params) {
    if (param.name.rfind("hint.", 0) != 0) {
      return NotSupported("summarize parameter '" + param.name + "'", param.position);
    }
  }
  // Names the query gives (`c = ...`, or a key that is a plain column) must be distinct, as
  // Microsoft's front end requires ("A column with the name 'c' is already declared");
  // generated names (count_, count_1) take a suffix instead.
  DeclaredNames declared;
  // Group keys come first in the output.
  std::vector<std::string> key_names;
  for (const kql::NamedExpr& item : op.by) {
    ASSIGN_OR_RETURN(BoundExprPtr key, BindScalar(*item.expr, scope));
    std::string name = item.names.empty() ? DerivedName(*item.expr) : item.names[0];
    if (key->type == TypeKind::kDynamic) {
      // https://learn.microsoft.com/kusto/query/summarize-operator: a group key can't be
      // dynamic; the query casts it explicitly (tostring(d)).
      return SemanticError("summarize group key '" + name +
                               "' is dynamic; group by an explicit cast such as tostring()",
                           item.expr->position);
    }
    if (!item.names.empty() || item.expr->kind == kql::ExprKind::kName) {
      RETURN_IF_ERROR(declared.Declare(name, item.expr->position));
    }
    if (name.empty()) name = NextColumnName(node->schema, "Column");
    name = UniqueName(node->schema, name);
    node->schema.push_back({name, key->type});
    node->keys.push_back(key);
    key_names.push_back(name);
  }
  for (const kql::NamedExpr& item : op.exprs) {
    const kql::Expr& call = *item.expr;
    const functions::AggregateFunction* function =
        call.kind == kql::ExprKind::kCall ? functions::FindAggregateFunction(call.name) : nullptr;
    if (function == nullptr) {
      if (call.kind == kql::ExprKind::kCall &&
          functions::FindScalarFunction(call.name) == nullptr) {
        return NotSupported("aggregate function '" + call.name + "'", call.position);
      }
      return NotSupported("summarize expression that is not a single aggregate call",
                          call.position);
    }
    planner::AggregateSpec spec;
    spec.function = function;
    std::vector<std::string> output_names;
    std::vector<std::string> fragments;  // literal arguments as name fragments
    bool has_star = false;
    for (size_t a = 0; a < call.args.size(); ++a) {
      const kql::Expr& arg = *call.args[a];
      if (arg.kind == kql::ExprKind::kStar) {
        has_star = true;
        // `*` stands for every input column except the group keys and the first argument.
        std::string first = a > 0 ? DerivedName(*call.args[0]) : "";
        for (size_t i = 0; i < input->schema.size(); ++i) {
          const std::string& column = input->schema[i].name;
          bool is_key = false;
          for (const kql::NamedExpr& by : op.by) {
            if (by.names.empty() && by.expr->kind == kql::ExprKind::kName &&
                by.expr->name == column) {
              is_key = true;
            }
          }
          if (is_key || (a > 0 && column == first && call.args[0]->kind == kql::ExprKind::kName)) {
            continue;
          }
          spec.args.push_back(ColumnRef(static_cast<int>(i), input->schema[i].type));
          spec.arg_types.push_back(input->schema[i].type);
          output_names.push_back(column);
        }
        continue;
      }
      ASSIGN_OR_RETURN(BoundExprPtr bound, BindScalar(arg, scope));
      spec.args.push_back(bound);
      spec.arg_types.push_back(bound->type);
      output_names.push_back(DerivedName(arg));
      fragments.push_back(arg.kind == kql::ExprKind::kLiteral ? NameFragment(arg.literal) : "");
    }
    int count = static_cast<int>(call.args.size());
    if (!has_star &&
        (count < function->min_args || (function->max_args >= 0 && count > function->max_args))) {
      return SemanticError(
          call.name + "() takes " + std::to_string(function->min_args) +
              (function->max_args == function->min_args
                   ? ""
                   : " to " + (function->max_args < 0 ? std::string("any number of")
                                                      : std::to_string(function->max_args))) +
              " argument(s), got " + std::to_string(count),
          call.position);
    }
    Result<functions::AggregateSignature> signature = function->bind(spec.arg_types);
    if (!signature.ok()) {
      return Status(signature.status().code(), signature.status().message(), call.position);
    }
    const std::vector<TypeKind>& types = signature->output_types;
    std::vector<std::string> default_names;
    if (function->default_names) default_names = function->default_names(output_names, fragments);
    // Output names: explicit names (a tuple for several outputs), else Kusto's defaults.
    bool multi = types.size() > 1;
    spec.first_output = node->schema.size();
    spec.output_count = types.size();
    for (size_t k = 0; k < types.size(); ++k) {
      std::string name;
      if (k < item.names.size() && !item.names[k].empty()) {
        name = item.names[k];
        RETURN_IF_ERROR(declared.Declare(name, item.expr->position));
      } else if (k < default_names.size() && !default_names[k].empty()) {
        name = default_names[k];
      } else if (multi && k > 0) {
        name = k < output_names.size() ? output_names[k] : "";
        if (name.empty()) name = NextColumnName(node->schema, "Column");
      } else if (multi) {
        // arg_max(Col, ...) names its first output after Col.
        name = output_names.empty() || output_names[0].empty() ? function->default_name_prefix
                                                               : output_names[0];
      } else {
        std::string arg = output_names.empty() ? "" : output_names[0];
        name = function->default_name_prefix + arg;
        if (name.empty()) name = NextColumnName(node->schema, "Column");
      }
      node->schema.push_back({UniqueName(node->schema, name), types[k]});
    }
    node->aggregates.push_back(std::move(spec));
  }
  node->children.push_back(input);
  return PlanPtr(node);
}

}  // namespace huntbook::analyzer
