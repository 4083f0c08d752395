// scan: the declare clause, the steps' conditions and assignments, and the match id.
// https://learn.microsoft.com/kusto/query/scan-operator
//
// `StepName.Column` references are replaced by hidden columns (one per distinct step and
// column, ScanOperatorSpec::state_refs) appended to the record schema, and every step
// expression is bound over that evaluation schema (operator_spec.h).
#include <algorithm>
#include <optional>
#include <string>

#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::analyzer {

namespace {

using planner::ScanStep;

constexpr std::string_view kStatePrefix = "__hb_scan_state_";

int FindColumn(const std::vector<ColumnSchema>& schema, const std::string& name) {
  for (size_t i = 0; i < schema.size(); ++i) {
    if (schema[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// Numeric values convert; a typed null converts to any type.
Result<BoundExprPtr> ConvertTo(QueryBinder& binder, BoundExprPtr value, TypeKind type,
                               const std::string& what, SourcePosition position) {
  bool ok = value->type == type || (IsNumeric(value->type) && IsNumeric(type)) ||
            (value->is_constant() && value->constant.is_null());
  if (!ok) {
    return SemanticError(what + " must be " + std::string(TypeName(type)) + ", got " +
                             std::string(TypeName(value->type)),
                         position);
  }
  return binder.Cast(std::move(value), type);
}

struct StepReferences {
  std::vector<std::string> step_names;
  size_t record_width = 0;            // input + declared columns
  std::vector<ColumnSchema>* schema;  // the evaluation schema, grown by Rewrite
  planner::ScanOperatorSpec* spec;

  int FindStep(const kql::Expr& expr) const {
    if (expr.kind != kql::ExprKind::kName) return -1;
    auto it = std::find(step_names.begin(), step_names.end(), expr.name);
    return it == step_names.end() ? -1 : static_cast<int>(it - step_names.begin());
  }

  // A copy of `expr` whose `Step.Column` members are names of hidden state columns.
  Result<kql::ExprPtr> Rewrite(const kql::ExprPtr& expr) {
    if (!expr || expr->kind == kql::ExprKind::kPipe) return expr;  // a subquery has its rows
    if (expr->kind == kql::ExprKind::kMember && FindStep(*expr->args[0]) >= 0) {
      int step = FindStep(*expr->args[0]);
      int column = FindColumn(*schema, expr->name);
      if (column < 0 || static_cast<size_t>(column) >= record_width) {
        return SemanticError(
            "scan step '" + step_names[step] + "' has no column '" + expr->name + "'",
            expr->args[0]->position);
      }
      size_t ref = 0;
      while (ref < spec->state_refs.size() &&
             (spec->state_refs[ref].step != step || spec->state_refs[ref].column != column)) {
        ++ref;
      }
      std::string name = std::string(kStatePrefix) + std::to_string(ref);
      if (ref == spec->state_refs.size()) {
        spec->state_refs.push_back({step, column});
        schema->push_back({name, (*schema)[column].type});
      }
      auto ref_name = std::make_shared<kql::Expr>();
      ref_name->kind = kql::ExprKind::kName;
      ref_name->name = std::move(name);
      ref_name->position = expr->position;
      return kql::ExprPtr(ref_name);
    }
    std::shared_ptr<kql::Expr> copy;
    for (size_t i = 0; i < expr->args.size(); ++i) {
      ASSIGN_OR_RETURN(kql::ExprPtr arg, Rewrite(expr->args[i]));
      if (arg == expr->args[i]) continue;
      if (!copy) copy = std::make_shared<kql::Expr>(*expr);
      copy->args[i] = std::move(arg);
    }
    return copy ? kql::ExprPtr(copy) : expr;
  }
};

}  // namespace

Result<PlanPtr> QueryBinder::BindScan(const kql::Operator& op, PlanPtr input, const EnvPtr& env) {
  if (!IsSerialized(*input)) {
    return SemanticError("operator 'scan' needs serialized rows (use serialize, sort or top first)",
                         op.position);
  }
  auto spec = std::make_shared<planner::ScanOperatorSpec>();
  std::vector<ColumnSchema> schema = input->schema;
  std::string match_id;
  for (const kql::OperatorParam& param : op.params) {
    if (param.name != "with_match_id") {
      return NotSupported("scan parameter '" + param.name + "'", param.position);
    }
    if (param.value->kind != kql::ExprKind::kName) {
      return SemanticError("with_match_id needs a column name", param.value->position);
    }
    match_id = param.value->name;
  }

  static const std::vector<ColumnSchema> kNoColumns;
  for (const kql::ColumnDecl& decl : op.columns) {
    std::optional<TypeKind> type = ParseTypeName(decl.type_name);
    if (!type) {
      return SemanticError(
          "unknown type '" + decl.type_name + "' of scan column '" + decl.name + "'",
          decl.position);
    }
    if (FindColumn(schema, decl.name) >= 0) {
      return SemanticError("scan declares column '" + decl.name + "', which already exists",
                           decl.position);
    }
    Value value = Value::Null(*type);
    if (decl.default_value) {
      ASSIGN_OR_RETURN(BoundExprPtr bound,
                       BindScalar(*decl.default_value, Scope{&kNoColumns, env}));
      if (!bound->is_constant()) {
        return SemanticError("expected a constant expression", decl.default_value->position);
      }
      ASSIGN_OR_RETURN(bound,
                       ConvertTo(*this, bound, *type, "the default value of '" + decl.name + "'",
                                 decl.default_value->position));
      value = bound->constant;
    }
    schema.push_back({decl.name, *type});
    spec->defaults.push_back(std::move(value));
  }
  const size_t input_width = input->schema.size();
  std::vector<ColumnSchema> output = schema;
  if (!match_id.empty()) {
    if (FindColumn(output, match_id) >= 0) {
      return SemanticError("with_match_id column '" + match_id + "' already exists",
                           op.params[0].value->position);
    }
    output.push_back({match_id, TypeKind::kLong});
    spec->with_match_id = true;
  }

  if (op.nested.empty()) return SemanticError("scan needs at least one step", op.position);
  StepReferences references{{}, schema.size(), &schema, spec.get()};
  for (const kql::OperatorPtr& step : op.nested) {
    const kql::Expr& name = *step->args[0];
    if (references.FindStep(name) >= 0) {
      return SemanticError("duplicate scan step name '" + name.name + "'", name.position);
    }
    references.step_names.push_back(name.name);
  }
  // Rewrite everything first: the evaluation schema is final before any expression binds.
  struct Rewritten {
    kql::ExprPtr condition;
    std::vector<kql::ExprPtr> values;
  };
  std::vector<Rewritten> rewritten;
  for (const kql::OperatorPtr& step : op.nested) {
    Rewritten r;
    ASSIGN_OR_RETURN(r.condition, references.Rewrite(step->predicate));
    for (const kql::NamedExpr& assignment : step->exprs) {
      ASSIGN_OR_RETURN(kql::ExprPtr value, references.Rewrite(assignment.expr));
      r.values.push_back(std::move(value));
    }
    rewritten.push_back(std::move(r));
  }
  const Scope scope{&schema, env};
  for (size_t s = 0; s < op.nested.size(); ++s) {
    const kql::Operator& step = *op.nested[s];
    const std::string& step_name = references.step_names[s];
    ScanStep bound;
    for (const kql::OperatorParam& param : step.params) {
      const std::string& mode = param.value->name;
      bound.output = mode == "last"   ? ScanStep::Output::kLast
                     : mode == "none" ? ScanStep::Output::kNone
                                      : ScanStep::Output::kAll;
    }
    ASSIGN_OR_RETURN(bound.condition, BindScalar(*rewritten[s].condition, scope));
    if (bound.condition->type != TypeKind::kBool) {
      return SemanticError("the condition of scan step '" + step_name + "' must be bool, got " +
                               std::string(TypeName(bound.condition->type)),
                           step.predicate->position);
    }
    for (size_t a = 0; a < step.exprs.size(); ++a) {
      const kql::NamedExpr& assignment = step.exprs[a];
      const std::string& column = assignment.names[0];
      int index = FindColumn(schema, column);
      if (index >= 0 && static_cast<size_t>(index) < input_width) {
        return NotSupported("scan assignment to input column '" + column +
                                "' (only declared columns can be assigned)",
                            assignment.expr->position);
      }
      if (index < 0 || static_cast<size_t>(index) >= references.record_width) {
        return SemanticError("'" + column + "' is not a column of the scan's declare clause",
                             assignment.expr->position);
      }
      int declared = index - static_cast<int>(input_width);
      for (const auto& [earlier, value] : bound.assignments) {
        if (earlier == declared) {
          return SemanticError("scan step '" + step_name + "' assigns '" + column + "' twice",
                               assignment.expr->position);
        }
      }
      ASSIGN_OR_RETURN(BoundExprPtr value, BindScalar(*rewritten[s].values[a], scope));
      ASSIGN_OR_RETURN(
          value, ConvertTo(*this, value, schema[index].type,
                           "the value assigned to '" + column + "'", assignment.expr->position));
      bound.assignments.emplace_back(declared, std::move(value));
    }
    spec->steps.push_back(std::move(bound));
  }

  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kScanOperator;
  node->schema = std::move(output);
  node->spec = spec;
  node->children.push_back(std::move(input));
  return PlanPtr(node);
}

}  // namespace huntbook::analyzer
