// Statements (let, set) and tabular sources: tables, print, range, datatable, union.
#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/storage/store.h"

namespace huntbook::analyzer {

namespace {

Status PlanTooDeep(const SourcePosition& position) {
  return SemanticError(
      "query plan is more than " + std::to_string(kMaxPlanDepth) + " operators deep", position);
}

// Whether some path from `root` down has more than `limit` nodes; iterative, and stops at
// the first such path.
bool PlanDepthExceeds(const PlanPtr& root, size_t limit) {
  std::vector<std::pair<const planner::PlanNode*, size_t>> stack;
  if (root) stack.emplace_back(root.get(), 1);
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (depth > limit) return true;
    for (const PlanPtr& child : node->children) {
      if (child) stack.emplace_back(child.get(), depth + 1);
    }
  }
  return false;
}

}  // namespace

const LetValue* Lookup(const EnvPtr& env, std::string_view name) {
  for (const Environment* e = env.get(); e != nullptr; e = e->parent.get()) {
    if (e->name == name) return e->value.get();
  }
  return nullptr;
}

EnvPtr Extend(EnvPtr env, std::string name, LetValue value) {
  auto next = std::make_shared<Environment>();
  next->parent = std::move(env);
  next->name = std::move(name);
  next->value = std::make_shared<const LetValue>(std::move(value));
  return next;
}

std::string NextColumnName(const std::vector<ColumnSchema>& taken, const std::string& base) {
  auto used = [&](const std::string& name) {
    return std::any_of(taken.begin(), taken.end(),
                       [&](const ColumnSchema& c) { return c.name == name; });
  };
  for (int i = 1;; ++i) {
    std::string name = base + std::to_string(i);
    if (!used(name)) return name;
  }
}

PlanPtr MakeProject(PlanPtr input, std::vector<ColumnSchema> schema,
                    std::vector<BoundExprPtr> outputs) {
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kProject;
  node->schema = std::move(schema);
  node->outputs = std::move(outputs);
  node->children.push_back(std::move(input));
  return node;
}

namespace {

bool HasColumn(const std::vector<ColumnSchema>& schema, const ColumnSchema& column) {
  for (const ColumnSchema& c : schema) {
    if (c.name == column.name && c.type == column.type) return true;
  }
  return false;
}

}  // namespace

bool QueryBinder::IsTabular(const kql::Expr& expr, const EnvPtr& env) const {
  using K = kql::ExprKind;
  switch (expr.kind) {
    case K::kPipe:
    case K::kPrint:
    case K::kRange:
    case K::kDatatable:
    case K::kUnion:
    case K::kTableRef:
      return true;
    case K::kCall: {
      if (expr.name == "materialize" || expr.name == "view" || expr.name == "table" ||
          expr.name == "externaldata") {
        return true;
      }
      const LetValue* let = Lookup(env, expr.name);
      if (let == nullptr || let->kind != LetValue::Kind::kLambda) return false;
      // A function whose body ends in a tabular expression.
      const auto& body = let->syntax->body;
      return !body.empty() && body.back()->expr && IsTabular(*body.back()->expr, let->env);
    }
    case K::kMember:  // workspace("w").T, database("d").T
      return !expr.args.empty() && expr.args[0]->kind == K::kTableRef;
    case K::kName: {
      const LetValue* let = Lookup(env, expr.name);
      if (let != nullptr) return let->kind == LetValue::Kind::kTabular;
      if (FindQueryTable(expr.name) != nullptr) return true;
      return catalog_.FindTable(expr.name) != nullptr;
    }
    default:
      return false;
  }
}

Result<PlanPtr> QueryBinder::BindStatements(
    const std::vector<std::shared_ptr<kql::Statement>>& statements, EnvPtr env) {
  PlanPtr result;
  // https://learn.microsoft.com/kusto/query/let-statement: a name is declared once per
  // statement list (Kusto: "A variable with the name 'X' has already been declared.").
  std::set<std::string, std::less<>> declared;
  for (const auto& statement_ptr : statements) {
    const kql::Statement& statement = *statement_ptr;
    switch (statement.kind) {
      case kql::StatementKind::kLet: {
        if (!declared.insert(statement.name).second) {
          return SemanticError("'" + statement.name + "' is already declared by an earlier let",
                               statement.position);
        }
        LetValue let;
        let.env = env;
        if (statement.expr->kind == kql::ExprKind::kLambda) {
          let.kind = LetValue::Kind::kLambda;
          let.syntax = statement.expr;
        } else if (IsTabular(*statement.expr, env)) {
          let.kind = LetValue::Kind::kTabular;
          let.syntax = statement.expr;
        } else {
          static const std::vector<ColumnSchema> kNoColumns;
          let.kind = LetValue::Kind::kScalar;
          ASSIGN_OR_RETURN(let.scalar, BindScalar(*statement.expr, Scope{&kNoColumns, env}));
        }
        env = Extend(env, statement.name, std::move(let));
        break;
      }
      case kql::StatementKind::kSet:
        break;  // request options: none of the supported ones change results
      case kql::StatementKind::kDeclareParameters: {
        ASSIGN_OR_RETURN(env, BindDeclareParameters(statement, env));
        break;
      }
      case kql::StatementKind::kQuery: {
        ASSIGN_OR_RETURN(result, BindTabular(*statement.expr, env));
        break;
      }
    }
  }
  if (!result) return SemanticError("the query has no tabular expression to run");
  return result;
}

Result<PlanPtr> QueryBinder::BindTabular(const kql::Expr& expr, const EnvPtr& env) {
  if (++depth_ > 256) {
    --depth_;
    return SemanticError("query nested too deeply", expr.position);
  }
  struct DepthGuard {
    int& depth;
    ~DepthGuard() { --depth; }
  } guard{depth_};
  if (expr.kind != kql::ExprKind::kPipe) return BindSource(expr, env);
  if (expr.operators.size() > kMaxPlanDepth) {
    return PlanTooDeep(expr.operators[kMaxPlanDepth]->position);
  }
  PlanPtr plan;
  if (expr.args.empty()) {
    // A pipe that starts with a source operator (search, find, evaluate).
    if (expr.operators.empty()) return SemanticError("empty tabular expression", expr.position);
    ASSIGN_OR_RETURN(plan, BindOperator(*expr.operators[0], nullptr, env));
    for (size_t i = 1; i < expr.operators.size(); ++i) {
      ASSIGN_OR_RETURN(plan, BindOperator(*expr.operators[i], plan, env));
    }
  } else {
    ASSIGN_OR_RETURN(plan, BindTabular(*expr.args[0], env));
    for (const kql::OperatorPtr& op : expr.operators) {
      ASSIGN_OR_RETURN(plan, BindOperator(*op, plan, env));
    }
  }
  // Tabular lets stack their plans (`let b = a | where ...; let c = b | ...`), so the
  // operator count of one pipe does not bound the depth: measure it.
  if (PlanDepthExceeds(plan, kMaxPlanDepth)) {
    return PlanTooDeep(expr.operators.empty() ? expr.position : expr.operators.back()->position);
  }
  return plan;
}

Result<PlanPtr> QueryBinder::BindSource(const kql::Expr& expr, const EnvPtr& env) {
  using K = kql::ExprKind;
  switch (expr.kind) {
    case K::kName: {
      if (const LetValue* let = Lookup(env, expr.name)) {
        if (let->kind == LetValue::Kind::kTabular && let->plan) return CopyPlan(let->plan);
        if (let->kind == LetValue::Kind::kTabular) return BindTabular(*let->syntax, let->env);
        if (let->kind == LetValue::Kind::kLambda) {
          kql::Expr call;
          call.kind = K::kCall;
          call.name = expr.name;
          call.position = expr.position;
          return BindSource(call, env);
        }
        return SemanticError("'" + expr.name + "' is a scalar, not a table", expr.position);
      }
      if (expr.name.find('*') != std::string::npos) {
        std::vector<kql::ExprPtr> legs;
        kql::Expr leg = expr;
        auto leg_ptr = std::make_shared<kql::Expr>(leg);
        legs.push_back(leg_ptr);
        return BindUnion(legs, {}, nullptr, env, expr.position);
      }
      if (PlanPtr table = FindQueryTable(expr.name)) return CopyPlan(table);
      auto snapshot = catalog_.FindTable(expr.name);
      if (!snapshot) {
        return SemanticError("unknown table '" + expr.name + "'", expr.position);
      }
      return ScanNode(std::move(snapshot), expr.name);
    }
    case K::kPipe:
      return BindTabular(expr, env);
    case K::kPrint: {
      static const std::vector<ColumnSchema> kNoColumns;
      auto table = std::make_shared<Table>();
      table->rows = 1;
      int unnamed = 0;
      for (const kql::NamedExpr& column : expr.columns) {
        ASSIGN_OR_RETURN(BoundExprPtr bound, BindScalar(*column.expr, Scope{&kNoColumns, env}));
        if (!bound->is_constant()) {
          return SemanticError("print needs constant expressions", column.expr->position);
        }
        std::string name = column.names.empty() ? "" : column.names[0];
        if (name.empty()) name = "print_" + std::to_string(unnamed++);
        table->schema.push_back({name, bound->type});
        table->columns.push_back(Column::Constant(bound->constant));
      }
      auto node = std::make_shared<PlanNode>();
      node->kind = planner::PlanKind::kValues;
      node->schema = table->schema;
      node->values = table;
      return PlanPtr(node);
    }
    case K::kRange: {
      ASSIGN_OR_RETURN(Value start, BindConstant(*expr.args[0], env));
      ASSIGN_OR_RETURN(Value stop, BindConstant(*expr.args[1], env));
      ASSIGN_OR_RETURN(Value step, BindConstant(*expr.args[2], env));
      TypeKind type = start.type();
      if (IsNumeric(type) && (IsRealStored(stop.type()) || IsRealStored(step.type()))) {
        type = TypeKind::kReal;
      } else if (type == TypeKind::kInt) {
        type = TypeKind::kLong;
      }
      if (start.is_null() || stop.is_null() || step.is_null()) {
        return SemanticError("range bounds must not be null", expr.position);
      }
      if (!(IsNumeric(type) || type == TypeKind::kDateTime || type == TypeKind::kTimespan)) {
        return SemanticError("range needs numeric, datetime or timespan bounds", expr.position);
      }
      // https://learn.microsoft.com/kusto/query/range-operator: stop has start's type, and
      // step is a number for numbers and a timespan for datetimes and timespans.
      auto fits = [&](TypeKind t, bool is_step) {
        if (IsNumeric(type)) return IsNumeric(t);
        if (type == TypeKind::kDateTime && !is_step) return t == TypeKind::kDateTime;
        return t == TypeKind::kTimespan;
      };
      if (!fits(stop.type(), false) || !fits(step.type(), true)) {
        return SemanticError(
            "range bounds do not fit: from " + std::string(TypeName(start.type())) + " to " +
                std::string(TypeName(stop.type())) + " step " + std::string(TypeName(step.type())),
            expr.position);
      }
      auto node = std::make_shared<PlanNode>();
      node->kind = planner::PlanKind::kRange;
      node->schema.push_back({expr.name, type});
      node->range_start = start;
      node->range_stop = stop;
      node->range_step = step;
      return PlanPtr(node);
    }
    case K::kDatatable: {
      auto table = std::make_shared<Table>();
      std::vector<std::shared_ptr<Column>> columns;
      for (const kql::ColumnDecl& decl : expr.schema) {
        std::optional<TypeKind> type = ParseTypeName(decl.type_name);
        if (!type) {
          return SemanticError("unknown type '" + decl.type_name + "'", expr.position);
        }
        table->schema.push_back({decl.name, *type});
        columns.push_back(std::make_shared<Column>(*type));
      }
      if (columns.empty()) return SemanticError("datatable needs columns", expr.position);
      if (expr.args.size() % columns.size() != 0) {
        return SemanticError("datatable has " + std::to_string(expr.args.size()) +
                                 " values, not a multiple of its " +
                                 std::to_string(columns.size()) + " columns",
                             expr.position);
      }
      static const std::vector<ColumnSchema> kNoColumns;
      for (size_t i = 0; i < expr.args.size(); ++i) {
        size_t c = i % columns.size();
        ASSIGN_OR_RETURN(BoundExprPtr cell, BindScalar(*expr.args[i], Scope{&kNoColumns, env}));
        if (!cell->is_constant()) {
          return SemanticError("datatable values must be constants", expr.args[i]->position);
        }
        TypeKind want = table->schema[c].type;
        if (cell->type != want) {
          bool convertible = (IsNumeric(cell->type) && IsNumeric(want)) ||
                             cell->constant.is_null() || want == TypeKind::kDynamic ||
                             (want == TypeKind::kGuid && cell->type == TypeKind::kString);
          if (!convertible) {
            return SemanticError("datatable value of type " + std::string(TypeName(cell->type)) +
                                     " in column '" + table->schema[c].name + "' of type " +
                                     std::string(TypeName(want)),
                                 expr.args[i]->position);
          }
          ASSIGN_OR_RETURN(cell, Cast(cell, want));
        }
        columns[c]->Append(cell->constant.is_null() ? Value::Null(want) : cell->constant);
      }
      table->rows = expr.args.size() / columns.size();
      for (auto& column : columns) table->columns.push_back(column);
      auto node = std::make_shared<PlanNode>();
      node->kind = planner::PlanKind::kValues;
      node->schema = table->schema;
      node->values = table;
      return PlanPtr(node);
    }
    case K::kUnion:
      return BindUnion(expr.args, expr.params, nullptr, env, expr.position);
    case K::kCall: {
      const LetValue* let = Lookup(env, expr.name);
      if (let != nullptr && let->kind == LetValue::Kind::kLambda) {
        const kql::Expr& def = *let->syntax;
        EnvPtr inner = let->env;
        static const std::vector<ColumnSchema> kNoColumns;
        for (size_t i = 0; i < def.lambda_params.size(); ++i) {
          const kql::ColumnDecl& param = def.lambda_params[i];
          LetValue value;
          if (i < expr.args.size() && IsTabular(*expr.args[i], env)) {
            value.kind = LetValue::Kind::kTabular;
            value.syntax = expr.args[i];
            value.env = env;
          } else {
            value.kind = LetValue::Kind::kScalar;
            if (i < expr.args.size()) {
              ASSIGN_OR_RETURN(value.scalar, BindScalar(*expr.args[i], Scope{&kNoColumns, env}));
            } else if (param.default_value) {
              ASSIGN_OR_RETURN(value.scalar,
                               BindScalar(*param.default_value, Scope{&kNoColumns, let->env}));
            } else {
              return SemanticError("missing argument '" + param.name + "'", expr.position);
            }
            if (auto t = ParseTypeName(param.type_name); t && *t != value.scalar->type) {
              ASSIGN_OR_RETURN(value.scalar, Cast(value.scalar, *t));
            }
          }
          inner = Extend(inner, param.name, std::move(value));
        }
        return BindStatements(def.body, inner);
      }
      if (expr.name == "externaldata") return BindExternalData(expr, env);
      if ((expr.name == "materialize" || expr.name == "view") && expr.args.size() == 1) {
        return BindTabular(*expr.args[0], env);
      }
      if (expr.name == "table" && expr.args.size() == 1 &&
          expr.args[0]->kind == kql::ExprKind::kLiteral) {
        kql::Expr name;
        name.kind = K::kName;
        name.name = expr.args[0]->literal.string_value();
        name.position = expr.position;
        return BindSource(name, env);
      }
      return NotSupported("tabular function '" + expr.name + "'", expr.position);
    }
    case K::kTableRef:
      return BindTableReference(expr, env);
    case K::kMember: {
      if (expr.args[0]->kind == K::kTableRef && expr.args[0]->name != "cluster") {
        return BindTableReference(expr, env);
      }
      // cluster("c").database("d").T and similar: name the root call.
      const kql::Expr* root = &expr;
      while ((root->kind == K::kMember || root->kind == K::kIndex ||
              (root->kind == K::kCall && root->text == "method")) &&
             !root->args.empty()) {
        root = root->args[0].get();
      }
      std::string what = root->kind == K::kCall ? root->name + "()" : root->name;
      return NotSupported("cross-source reference '" + what + "'", expr.position);
    }
    default:
      return NotSupported("this kind of tabular source", expr.position);
  }
}

Result<PlanPtr> QueryBinder::BindUnion(const std::vector<kql::ExprPtr>& legs,
                                       const std::vector<kql::OperatorParam>& params, PlanPtr first,
                                       const EnvPtr& env, SourcePosition position) {
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kUnion;
  bool fuzzy = false;
  bool inner = false;  // kind=inner: only the columns every leg has
  for (const kql::OperatorParam& param : params) {
    std::string value = param.value ? (param.value->kind == kql::ExprKind::kLiteral
                                           ? param.value->literal.ToString()
                                           : param.value->name)
                                    : "";
    if (param.name == "withsource") {
      node->union_source_column = value;
    } else if (param.name == "isfuzzy") {
      fuzzy = value == "true";
    } else if (param.name == "kind") {
      if (value != "outer" && value != "inner") {
        return SemanticError("union kind must be inner or outer", param.position);
      }
      inner = value == "inner";
    } else if (param.name.rfind("hint.", 0) != 0) {
      return NotSupported("union parameter '" + param.name + "'", param.position);
    }
  }
  if (first) {
    node->children.push_back(first);
    node->union_source_names.push_back(AsName(first, "union_arg0"));
  }
  for (const kql::ExprPtr& leg : legs) {
    std::vector<std::pair<std::string, kql::ExprPtr>> expanded;
    if ((leg->kind == kql::ExprKind::kName && leg->name.find('*') != std::string::npos) ||
        leg->kind == kql::ExprKind::kStar) {
      // https://learn.microsoft.com/kusto/query/union-operator: `union *` and `T*` name
      // every table whose name matches.
      for (const std::string& table :
           MatchTableNames(leg->kind == kql::ExprKind::kStar ? "*" : leg->name)) {
        auto name = std::make_shared<kql::Expr>();
        name->kind = kql::ExprKind::kName;
        name->name = table;
        name->position = leg->position;
        expanded.push_back({table, name});
      }
    } else {
      std::string source_name = leg->kind == kql::ExprKind::kName
                                    ? leg->name
                                    : "union_arg" + std::to_string(node->children.size());
      expanded.push_back({source_name, leg});
    }
    for (auto& [source_name, expr] : expanded) {
      Result<PlanPtr> child = BindTabular(*expr, env);
      if (!child.ok()) {
        // isfuzzy=true drops legs whose table does not exist; any other error in a leg
        // (an unknown column, a type error) is still an error.
        if (fuzzy && child.status().code() == StatusCode::kSemanticError &&
            child.status().message().starts_with("unknown table '")) {
          continue;
        }
        return child.status();
      }
      node->children.push_back(*child);
      node->union_source_names.push_back(
          expr->kind == kql::ExprKind::kName ? source_name : AsName(*child, source_name));
    }
  }
  if (node->children.empty()) {
    return SemanticError("union has no tables to combine", position);
  }
  // Outer union: all columns by name, in order of first appearance.
  if (!node->union_source_column.empty()) {
    node->schema.push_back({node->union_source_column, TypeKind::kString});
  }
  // Columns by name, in order of first appearance; a hash lookup, as `union *` over a
  // workspace merges thousands of columns. first_index[name] = the first column so named.
  std::unordered_map<std::string, size_t> first_index;
  for (size_t i = 0; i < node->schema.size(); ++i) first_index.emplace(node->schema[i].name, i);
  for (const PlanPtr& child : node->children) {
    for (const ColumnSchema& column : child->schema) {
      auto found = first_index.find(column.name);
      if (found == first_index.end()) {
        first_index.emplace(column.name, node->schema.size());
        node->schema.push_back(column);
        continue;
      }
      size_t at = found->second;
      if (node->schema[at].type == column.type) continue;
      // Kusto suffixes the column with its type when legs disagree: x_long, x_string.
      std::string old_name = node->schema[at].name;
      node->schema[at].name = old_name + "_" + std::string(TypeName(node->schema[at].type));
      first_index.erase(found);
      for (size_t i = at + 1; i < node->schema.size(); ++i) {
        if (node->schema[i].name == old_name) {
          first_index.emplace(old_name, i);
          break;
        }
      }
      first_index.emplace(node->schema[at].name, at);  // keeps an earlier one so named
      std::string new_name = old_name + "_" + std::string(TypeName(column.type));
      first_index.emplace(new_name, node->schema.size());
      node->schema.push_back({std::move(new_name), column.type});
    }
  }
  if (inner) {
    // kind=inner keeps the columns every leg has (by name and type).
    auto in_every_leg = [&](const ColumnSchema& column) {
      for (const PlanPtr& child : node->children) {
        if (!HasColumn(child->schema, column)) return false;
      }
      return true;
    };
    std::vector<ColumnSchema> common;
    for (const ColumnSchema& column : node->schema) {
      if (column.name == node->union_source_column || in_every_leg(column)) {
        common.push_back(column);
      }
    }
    node->schema = std::move(common);
  }
  // Each output column takes the last child column of its type named like it, or named
  // like it before the type suffix.
  std::unordered_map<std::string, std::vector<int>> outputs_named;
  for (size_t i = 0; i < node->schema.size(); ++i) {
    outputs_named[node->schema[i].name].push_back(static_cast<int>(i));
  }
  for (const PlanPtr& child : node->children) {
    std::vector<int> mapping(node->schema.size(), -1);
    for (size_t i = 0; i < child->schema.size(); ++i) {
      const ColumnSchema& c = child->schema[i];
      for (const std::string& name : {c.name, c.name + "_" + std::string(TypeName(c.type))}) {
        auto it = outputs_named.find(name);
        if (it == outputs_named.end()) continue;
        for (int out : it->second) {
          if (node->schema[out].type == c.type) mapping[out] = static_cast<int>(i);
        }
      }
    }
    node->union_mapping.push_back(std::move(mapping));
  }
  return PlanPtr(node);
}

Result<Table> QueryBinder::RunSubquery(const kql::Expr& expr, const EnvPtr& env) {
  if (!runner_) return NotSupported("a subquery in this context", expr.position);
  ASSIGN_OR_RETURN(PlanPtr plan, BindTabular(expr, env));
  return runner_(plan);
}

PlanPtr QueryBinder::ScanNode(std::shared_ptr<const storage::TableSnapshot> snapshot,
                              std::string name) const {
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kScan;
  if (ingestion_time_) {
    // The hidden column joins this scan's copy of the snapshot schema (extents that lack it
    // read null), so ingestion_time() can refer to it.
    auto with_hidden = std::make_shared<storage::TableSnapshot>(*snapshot);
    with_hidden->schema.push_back(ColumnSchema{storage::kIngestionTimeColumn, TypeKind::kDateTime});
    snapshot = std::move(with_hidden);
  }
  node->schema = snapshot->schema;
  node->snapshot = std::move(snapshot);
  node->table_name = std::move(name);
  for (size_t i = 0; i < node->schema.size(); ++i) {
    node->scan_columns.push_back(static_cast<int>(i));
  }
  return node;
}

bool IsOpenSchema(const std::vector<ColumnSchema>& schema) {
  return std::any_of(schema.begin(), schema.end(),
                     [](const ColumnSchema& c) { return c.name == kOpenSchemaColumn; });
}

Result<planner::PlanPtr> Bind(const kql::Query& query, const Catalog& catalog,
                              const functions::EvalContext& context, SubqueryRunner subquery_runner,
                              const QueryInputs* inputs, BindMode mode) {
  functions::RegisterAllScalarFunctions();
  functions::RegisterAllAggregateFunctions();
  QueryBinder binder(catalog, context, std::move(subquery_runner), inputs);
  binder.set_ingestion_time(query.uses_ingestion_time);
  binder.set_mode(mode);
  return binder.BindStatements(query.statements, nullptr);
}

}  // namespace huntbook::analyzer
