// serialize and window functions (row_number, prev, next, row_cumsum, row_window_session,
// row_rank_dense, row_rank_min) in extend, project, where and serialize.
// https://learn.microsoft.com/kusto/query/window-functions
// https://learn.microsoft.com/kusto/query/serialize-operator
//
// Each window call is replaced (innermost first) by a reference to a hidden column that a
// kWindow node computes over the operator's input; the operator then binds as usual and
// the hidden columns are projected away.
#include <algorithm>

#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::analyzer {

namespace {

using planner::WindowCall;
using planner::WindowFunction;

constexpr std::string_view kHiddenPrefix = "__hb_window_";

std::optional<WindowFunction> FindWindowFunction(const std::string& name) {
  static const std::pair<const char*, WindowFunction> kFunctions[] = {
      {"row_number", WindowFunction::kRowNumber},
      {"prev", WindowFunction::kPrev},
      {"next", WindowFunction::kNext},
      {"row_cumsum", WindowFunction::kRowCumsum},
      {"row_window_session", WindowFunction::kRowWindowSession},
      {"row_rank_dense", WindowFunction::kRowRankDense},
      {"row_rank_min", WindowFunction::kRowRankMin},
  };
  for (const auto& [text, function] : kFunctions) {
    if (name == text) return function;
  }
  return std::nullopt;
}

bool HasWindowCall(const kql::Expr& expr) {
  if (expr.kind == kql::ExprKind::kPipe) return false;  // a subquery has its own rows
  if (expr.kind == kql::ExprKind::kCall && FindWindowFunction(expr.name)) return true;
  for (const kql::ExprPtr& arg : expr.args) {
    if (arg && HasWindowCall(*arg)) return true;
  }
  return false;
}

}  // namespace

// https://learn.microsoft.com/kusto/query/serialize-operator ("Serialization behavior of
// operators"): sort, top and range (and serialize) produce serialized rows; operators such
// as summarize, join, mv-expand, distinct, sample and make-series do not; the other
// single-input operators keep their input's property.
bool IsSerialized(const PlanNode& node) {
  using planner::PlanKind;
  switch (node.kind) {
    case PlanKind::kSort:
    case PlanKind::kTop:
    case PlanKind::kRange:
    case PlanKind::kWindow:
      return true;
    case PlanKind::kFilter:
    case PlanKind::kProject:
    case PlanKind::kTake:
    case PlanKind::kParse:
    case PlanKind::kScanOperator:
      return IsSerialized(*node.children[0]);
    default:
      return false;
  }
}

namespace {

struct Extraction {
  QueryBinder& binder;
  const EnvPtr& env;
  PlanPtr plan;  // the input, then a kWindow over it once a call is found
  std::shared_ptr<planner::WindowSpec> spec;
  std::vector<std::string> hidden;

  Result<BoundExprPtr> BindArg(const kql::ExprPtr& arg) {
    return binder.BindScalar(*arg, Scope{&plan->schema, env});
  }

  // Binds the call's arguments over the rows so far and appends its column.
  Result<std::string> AddCall(const kql::Expr& call, WindowFunction function,
                              std::vector<kql::ExprPtr> args) {
    if (!IsSerialized(*plan)) {
      return SemanticError("function '" + call.name +
                               "' cannot be invoked in the current context: the row set "
                               "must be serialized (use serialize, sort or top first)",
                           call.position);
    }
    auto bad_args = [&](const std::string& expected) {
      return SemanticError(
          call.name + "() takes " + expected + ", got " + std::to_string(args.size()),
          call.position);
    };
    WindowCall bound;
    bound.function = function;
    for (const kql::ExprPtr& arg : args) {
      ASSIGN_OR_RETURN(BoundExprPtr value, BindArg(arg));
      bound.args.push_back(value);
    }
    auto want = [&](size_t index, TypeKind type, const char* what) -> Status {
      if (index >= bound.args.size()) return Status::OK();
      TypeKind have = bound.args[index]->type;
      bool ok = have == type || (type == TypeKind::kLong && have == TypeKind::kInt) ||
                (bound.args[index]->is_constant() && bound.args[index]->constant.is_null());
      if (!ok) {
        return SemanticError(call.name + "() " + what + " must be " + std::string(TypeName(type)) +
                                 ", got " + std::string(TypeName(have)),
                             args[index]->position);
      }
      ASSIGN_OR_RETURN(bound.args[index], binder.Cast(bound.args[index], type));
      return Status::OK();
    };
    auto want_constant = [&](size_t index, const char* what) -> Status {
      if (index < bound.args.size() && !bound.args[index]->is_constant()) {
        return SemanticError(call.name + "() " + what + " must be a constant",
                             args[index]->position);
      }
      return Status::OK();
    };
    switch (function) {
      case WindowFunction::kRowNumber:
        if (args.size() > 2) return bad_args("0 to 2 arguments");
        RETURN_IF_ERROR(want(0, TypeKind::kLong, "StartingIndex"));
        RETURN_IF_ERROR(want(1, TypeKind::kBool, "Restart"));
        bound.type = TypeKind::kLong;
        break;
      case WindowFunction::kPrev:
      case WindowFunction::kNext:
        if (args.empty() || args.size() > 3) return bad_args("1 to 3 arguments");
        RETURN_IF_ERROR(want(1, TypeKind::kLong, "offset"));
        RETURN_IF_ERROR(want_constant(1, "offset"));
        bound.type = bound.args[0]->type;
        if (args.size() > 2) {
          // default_value is any scalar (next-function / prev-function docs); the result
          // keeps the column's type, as Kusto.Language types it, and the default converts
          // with the to* rules (tolong("a") and todatetime(0) are null).
          ASSIGN_OR_RETURN(bound.args[2], binder.Cast(bound.args[2], bound.type));
        }
        break;
      case WindowFunction::kRowCumsum:
        if (args.empty() || args.size() > 2) return bad_args("1 or 2 arguments");
        bound.type = bound.args[0]->type;
        if (!IsNumeric(bound.type)) {
          return SemanticError("row_cumsum() term must be int, long, real or decimal, got " +
                                   std::string(TypeName(bound.type)),
                               args[0]->position);
        }
        RETURN_IF_ERROR(want(1, TypeKind::kBool, "restart"));
        break;
      case WindowFunction::kRowWindowSession:
        if (args.size() < 3 || args.size() > 4) return bad_args("3 or 4 arguments");
        RETURN_IF_ERROR(want(0, TypeKind::kDateTime, "Expr"));
        RETURN_IF_ERROR(want(1, TypeKind::kTimespan, "MaxDistanceFromFirst"));
        RETURN_IF_ERROR(want(2, TypeKind::kTimespan, "MaxDistanceBetweenNeighbors"));
        RETURN_IF_ERROR(want_constant(1, "MaxDistanceFromFirst"));
        RETURN_IF_ERROR(want_constant(2, "MaxDistanceBetweenNeighbors"));
        RETURN_IF_ERROR(want(3, TypeKind::kBool, "Restart"));
        bound.type = TypeKind::kDateTime;
        break;
      case WindowFunction::kRowRankDense:
      case WindowFunction::kRowRankMin:
        if (args.empty() || args.size() > 2) return bad_args("1 or 2 arguments");
        RETURN_IF_ERROR(want(1, TypeKind::kBool, "restart"));
        bound.type = TypeKind::kLong;
        break;
    }
    if (!spec) {
      spec = std::make_shared<planner::WindowSpec>();
      auto node = std::make_shared<PlanNode>();
      node->kind = planner::PlanKind::kWindow;
      node->schema = plan->schema;
      node->children.push_back(plan);
      plan = node;
    }
    std::string name = std::string(kHiddenPrefix) + std::to_string(hidden.size());
    spec->calls.push_back(std::move(bound));
    auto node = std::make_shared<PlanNode>(*plan);
    node->schema.push_back({name, spec->calls.back().type});
    node->spec = spec;
    plan = node;
    hidden.push_back(name);
    return name;
  }

  // A copy of `expr` whose window calls are references to their hidden columns.
  Result<kql::ExprPtr> Rewrite(const kql::ExprPtr& expr) {
    if (!expr || !HasWindowCall(*expr)) return expr;
    auto copy = std::make_shared<kql::Expr>(*expr);
    for (kql::ExprPtr& arg : copy->args) {
      ASSIGN_OR_RETURN(arg, Rewrite(arg));
    }
    if (copy->kind != kql::ExprKind::kCall) return kql::ExprPtr(copy);
    std::optional<WindowFunction> function = FindWindowFunction(copy->name);
    if (!function) return kql::ExprPtr(copy);
    ASSIGN_OR_RETURN(std::string column, AddCall(*expr, *function, copy->args));
    auto ref = std::make_shared<kql::Expr>();
    ref->kind = kql::ExprKind::kName;
    ref->name = column;
    ref->position = expr->position;
    return kql::ExprPtr(ref);
  }
};

// Keeps the columns of `plan` except the hidden window columns.
PlanPtr DropHidden(PlanPtr plan) {
  std::vector<ColumnSchema> schema;
  std::vector<BoundExprPtr> outputs;
  for (size_t i = 0; i < plan->schema.size(); ++i) {
    if (plan->schema[i].name.rfind(kHiddenPrefix, 0) == 0) continue;
    schema.push_back(plan->schema[i]);
    outputs.push_back(ColumnRef(static_cast<int>(i), plan->schema[i].type));
  }
  if (schema.size() == plan->schema.size()) return plan;
  return MakeProject(plan, std::move(schema), std::move(outputs));
}

}  // namespace

bool UsesWindowFunctions(const kql::Operator& op) {  // row_set_operator_binder.cc
  if (op.predicate && HasWindowCall(*op.predicate)) return true;
  return std::any_of(op.exprs.begin(), op.exprs.end(), [](const kql::NamedExpr& item) {
    return item.expr && HasWindowCall(*item.expr);
  });
}

Result<PlanPtr> QueryBinder::BindWindowOperator(const kql::Operator& op, PlanPtr input,
                                                const EnvPtr& env) {
  Extraction extraction{*this, env, input, nullptr, {}};
  if (op.name == "serialize") {
    // serialize marks the rows serialized; `serialize x = expr` is an extend over them.
    auto node = std::make_shared<PlanNode>();
    node->kind = planner::PlanKind::kWindow;
    node->schema = input->schema;
    node->spec = std::make_shared<planner::WindowSpec>();
    node->children.push_back(input);
    if (op.exprs.empty()) return PlanPtr(node);
    kql::Operator extend = op;
    extend.name = "extend";
    return BindWindowOperator(extend, node, env);
  }
  kql::Operator rewritten = op;
  if (op.name == "where") {
    ASSIGN_OR_RETURN(rewritten.predicate, extraction.Rewrite(op.predicate));
    ASSIGN_OR_RETURN(PlanPtr plan, BindOperator(rewritten, extraction.plan, env));
    return DropHidden(plan);
  }
  if (op.name == "extend") {
    // Item by item: a later item may use an earlier one's column.
    PlanPtr plan = input;
    for (const kql::NamedExpr& item : op.exprs) {
      kql::Operator one;
      one.name = "extend";
      one.position = op.position;
      kql::NamedExpr named = item;
      if (named.names.empty() && item.expr->kind == kql::ExprKind::kCall) {
        named.names.push_back(NextColumnName(plan->schema, "Column"));
      }
      extraction.plan = plan;
      extraction.spec = nullptr;
      ASSIGN_OR_RETURN(named.expr, extraction.Rewrite(item.expr));
      one.exprs.push_back(std::move(named));
      ASSIGN_OR_RETURN(plan, BindOperator(one, extraction.plan, env));
    }
    return DropHidden(plan);
  }
  if (op.name == "project") {
    std::vector<ColumnSchema> taken;
    for (kql::NamedExpr& item : rewritten.exprs) {
      if (item.names.empty() && item.expr->kind == kql::ExprKind::kCall &&
          HasWindowCall(*item.expr)) {
        item.names.push_back(NextColumnName(taken, "Column"));
      }
      if (!item.names.empty()) taken.push_back({item.names[0], TypeKind::kNull});
      ASSIGN_OR_RETURN(item.expr, extraction.Rewrite(item.expr));
    }
    return BindOperator(rewritten, extraction.plan, env);
  }
  return NotSupported("window functions in operator '" + op.name + "'", op.position);
}

}  // namespace huntbook::analyzer
