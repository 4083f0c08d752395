// Pipe operators: where, extend, project family, take, sort, top, distinct, count, union,
// mv-expand. summarize and join have files of their own.
#include <algorithm>

#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/storage/store.h"

namespace huntbook::analyzer {

namespace {

using planner::PlanKind;

// Column indexes matched by a name or wildcard pattern, in schema order.
std::vector<int> MatchColumns(const std::vector<ColumnSchema>& schema, const std::string& pattern) {
  std::vector<int> out;
  for (size_t i = 0; i < schema.size(); ++i) {
    if (NameMatchesPattern(pattern, schema[i].name)) out.push_back(static_cast<int>(i));
  }
  return out;
}

Result<int64_t> ConstantCount(QueryBinder& binder, const kql::Expr& expr, const EnvPtr& env) {
  ASSIGN_OR_RETURN(Value v, binder.BindConstant(expr, env));
  if (!IsIntegerStored(v.type()) && !IsRealStored(v.type())) {
    return SemanticError("expected a number of rows", expr.position);
  }
  if (v.is_null()) return SemanticError("the number of rows must not be null", expr.position);
  int64_t n = IsRealStored(v.type()) ? static_cast<int64_t>(v.real_value()) : v.int_value();
  return std::max<int64_t>(n, 0);
}

Result<std::vector<planner::SortSpec>> BindSortKeys(QueryBinder& binder,
                                                    const std::vector<kql::SortKey>& keys,
                                                    const PlanPtr& input, const EnvPtr& env) {
  std::vector<planner::SortSpec> specs;
  for (const kql::SortKey& key : keys) {
    planner::SortSpec spec;
    ASSIGN_OR_RETURN(spec.expr, binder.BindScalar(*key.expr, Scope{&input->schema, env}));
    if (spec.expr->type == TypeKind::kDynamic) {
      // The sort-operator doc sorts numbers, dates, times and strings; Microsoft's front
      // end rejects a dynamic key ("The value of type 'dynamic' is not allowed").
      return SemanticError(
          "cannot sort by a dynamic value; sort by an explicit cast such as "
          "tostring() or tolong()",
          key.expr->position);
    }
    // https://learn.microsoft.com/kusto/query/sort-operator: desc by default; nulls first
    // for asc, last for desc.
    spec.ascending = key.order == kql::SortOrder::kAsc;
    spec.nulls_first = key.nulls == kql::NullsOrder::kDefault
                           ? spec.ascending
                           : key.nulls == kql::NullsOrder::kFirst;
    specs.push_back(spec);
  }
  return specs;
}

// https://learn.microsoft.com/kusto/query/getschema-operator
PlanPtr GetSchema(const PlanNode& input) {
  static const char* kClrNames[] = {
      "System.Object", "System.SByte",    "System.Int32",
      "System.Int64",  "System.Double",   "System.Data.SqlTypes.SqlDecimal",
      "System.String", "System.DateTime", "System.TimeSpan",
      "System.Guid",   "System.Object"};
  auto table = std::make_shared<Table>();
  table->schema = {{"ColumnName", TypeKind::kString},
                   {"ColumnOrdinal", TypeKind::kInt},
                   {"DataType", TypeKind::kString},
                   {"ColumnType", TypeKind::kString}};
  auto names = std::make_shared<Column>(TypeKind::kString);
  auto ordinals = std::make_shared<Column>(TypeKind::kInt);
  auto clr = std::make_shared<Column>(TypeKind::kString);
  auto types = std::make_shared<Column>(TypeKind::kString);
  int64_t ordinal = 0;
  for (size_t i = 0; i < input.schema.size(); ++i) {
    if (input.schema[i].name == storage::kIngestionTimeColumn) continue;  // hidden
    names->AppendString(input.schema[i].name);
    ordinals->AppendInt(ordinal++);
    clr->AppendString(kClrNames[static_cast<int>(input.schema[i].type)]);
    types->AppendString(TypeName(input.schema[i].type));
  }
  table->columns = {names, ordinals, clr, types};
  table->rows = names->size();
  auto node = std::make_shared<PlanNode>();
  node->kind = PlanKind::kValues;
  node->schema = table->schema;
  node->values = table;
  return node;
}

}  // namespace

Result<PlanPtr> QueryBinder::BindOperator(const kql::Operator& op, PlanPtr input,
                                          const EnvPtr& env) {
  const std::string& name = op.name;
  if (name == "evaluate") return BindEvaluate(op, input, env);
  if (name == "search") return BindSearch(op, input, env);
  if (name == "find") return BindFind(op, input, env);
  if (input == nullptr) return NotSupported("operator '" + name + "' as a source", op.position);
  if (name == "invoke") return BindInvoke(op, input, env);
  if (name == "as") return BindAs(op, input);
  if (IsRowSetOperator(op)) return BindRowSetOperator(op, input, env);
  const Scope scope{&input->schema, env};
  auto node = std::make_shared<PlanNode>();
  if (name == "where" || name == "filter") {
    ASSIGN_OR_RETURN(BoundExprPtr predicate, BindScalar(*op.predicate, scope));
    if (predicate->type == TypeKind::kDynamic) {
      ASSIGN_OR_RETURN(predicate, Cast(predicate, TypeKind::kBool));
    }
    if (predicate->type != TypeKind::kBool) {
      return SemanticError(
          "where needs a bool predicate, got " + std::string(TypeName(predicate->type)),
          op.predicate->position);
    }
    node->kind = PlanKind::kFilter;
    node->schema = input->schema;
    node->predicate = predicate;
    node->children.push_back(input);
    return PlanPtr(node);
  }
  if (name == "extend") {
    PlanPtr plan = input;
    DeclaredNames declared;
    for (const kql::NamedExpr& item : op.exprs) {
      for (const std::string& given : item.names) {
        if (!given.empty()) RETURN_IF_ERROR(declared.Declare(given, item.expr->position));
      }
      ASSIGN_OR_RETURN(auto tuple, BindTupleCall(item, Scope{&plan->schema, env}));
      if (!tuple.empty()) {  // (a, b) = series_fit_line(y): one column per output
        std::vector<ColumnSchema> schema;
        std::vector<BoundExprPtr> outputs;
        for (size_t i = 0; i < plan->schema.size(); ++i) {
          bool replaced = std::any_of(tuple.begin(), tuple.end(), [&](const auto& t) {
            return t.first.name == plan->schema[i].name;
          });
          if (replaced) continue;
          schema.push_back(plan->schema[i]);
          outputs.push_back(ColumnRef(static_cast<int>(i), plan->schema[i].type));
        }
        for (auto& [column, value] : tuple) {
          schema.push_back(column);
          outputs.push_back(value);
        }
        plan = MakeProject(plan, std::move(schema), std::move(outputs));
        continue;
      }
      ASSIGN_OR_RETURN(BoundExprPtr value, BindScalar(*item.expr, Scope{&plan->schema, env}));
      std::string column = item.names.empty() ? "" : item.names[0];
      if (column.empty()) column = DerivedName(*item.expr);
      if (column.empty() ||
          (item.names.empty() && item.expr->kind != kql::ExprKind::kName &&
           item.expr->kind != kql::ExprKind::kMember && item.expr->kind != kql::ExprKind::kCall)) {
        column = NextColumnName(plan->schema, "Column");
      }
      std::vector<ColumnSchema> schema = plan->schema;
      std::vector<BoundExprPtr> outputs;
      for (size_t i = 0; i < schema.size(); ++i) {
        outputs.push_back(ColumnRef(static_cast<int>(i), schema[i].type));
      }
      int existing = -1;
      for (size_t i = 0; i < schema.size(); ++i) {
        if (schema[i].name == column) existing = static_cast<int>(i);
      }
      // https://learn.microsoft.com/kusto/query/extend-operator: a column that already
      // exists is removed and appended with its new value.
      if (existing >= 0) {
        schema.erase(schema.begin() + existing);
        outputs.erase(outputs.begin() + existing);
      }
      schema.push_back({column, value->type});
      outputs.push_back(value);
      plan = MakeProject(plan, std::move(schema), std::move(outputs));
    }
    return plan;
  }
  if (name == "project") {
    std::vector<ColumnSchema> schema;
    std::vector<BoundExprPtr> outputs;
    for (const kql::NamedExpr& item : op.exprs) {
      ASSIGN_OR_RETURN(auto tuple, BindTupleCall(item, scope));
      if (!tuple.empty()) {  // project series_stats(x): one column per output
        for (auto& [column, value] : tuple) {
          schema.push_back(column);
          outputs.push_back(value);
        }
        continue;
      }
      ASSIGN_OR_RETURN(BoundExprPtr value, BindScalar(*item.expr, scope));
      std::string column = item.names.empty() ? "" : item.names[0];
      if (column.empty()) column = DerivedName(*item.expr);
      if (column.empty()) column = NextColumnName(schema, "Column");
      if (std::any_of(schema.begin(), schema.end(),
                      [&](const ColumnSchema& c) { return c.name == column; })) {
        return SemanticError("project produces column '" + column + "' twice", item.expr->position);
      }
      schema.push_back({column, value->type});
      outputs.push_back(value);
    }
    return MakeProject(input, std::move(schema), std::move(outputs));
  }
  if (name == "project-away" || name == "project-keep" || name == "project-reorder") {
    std::vector<bool> matched(input->schema.size(), false);
    std::vector<int> order;
    for (const kql::NamedExpr& item : op.exprs) {
      std::string pattern = item.expr->name;
      std::vector<int> hits = MatchColumns(input->schema, pattern);
      if (hits.empty() && pattern.find('*') == std::string::npos) {
        return SemanticError("unknown column '" + pattern + "'", item.expr->position);
      }
      for (int h : hits) {
        if (!matched[h]) order.push_back(h);
        matched[h] = true;
      }
    }
    std::vector<int> keep;
    if (name == "project-away") {
      for (size_t i = 0; i < matched.size(); ++i) {
        if (!matched[i]) keep.push_back(static_cast<int>(i));
      }
    } else if (name == "project-keep") {
      for (size_t i = 0; i < matched.size(); ++i) {
        if (matched[i]) keep.push_back(static_cast<int>(i));
      }
    } else {
      keep = order;
      for (size_t i = 0; i < matched.size(); ++i) {
        if (!matched[i]) keep.push_back(static_cast<int>(i));
      }
    }
    std::vector<ColumnSchema> schema;
    std::vector<BoundExprPtr> outputs;
    for (int i : keep) {
      schema.push_back(input->schema[i]);
      outputs.push_back(ColumnRef(i, input->schema[i].type));
    }
    return MakeProject(input, std::move(schema), std::move(outputs));
  }
  if (name == "project-rename") {
    std::vector<ColumnSchema> schema = input->schema;
    std::vector<BoundExprPtr> outputs;
    for (size_t i = 0; i < schema.size(); ++i) {
      outputs.push_back(ColumnRef(static_cast<int>(i), schema[i].type));
    }
    for (const auto& [new_name, old_name] : op.renames) {
      int index = -1;
      for (size_t i = 0; i < input->schema.size(); ++i) {
        if (input->schema[i].name == old_name) index = static_cast<int>(i);
      }
      if (index < 0) return SemanticError("unknown column '" + old_name + "'", op.position);
      schema[index].name = new_name;
    }
    return MakeProject(input, std::move(schema), std::move(outputs));
  }
  if (name == "take" || name == "limit") {
    node->kind = PlanKind::kTake;
    ASSIGN_OR_RETURN(node->limit, ConstantCount(*this, *op.count, env));
    node->schema = input->schema;
    node->children.push_back(input);
    return PlanPtr(node);
  }
  if (name == "sort" || name == "order" || name == "top") {
    node->kind = name == "top" ? PlanKind::kTop : PlanKind::kSort;
    if (name == "top") {
      ASSIGN_OR_RETURN(node->limit, ConstantCount(*this, *op.count, env));
    }
    ASSIGN_OR_RETURN(node->sort_keys, BindSortKeys(*this, op.sort_keys, input, env));
    node->schema = input->schema;
    node->children.push_back(input);
    return PlanPtr(node);
  }
  if (name == "count") {
    kql::Operator summarize;
    summarize.name = "summarize";
    summarize.position = op.position;
    auto call = std::make_shared<kql::Expr>();
    call->kind = kql::ExprKind::kCall;
    call->name = "count";
    call->position = op.position;
    summarize.exprs.push_back({{"Count"}, call});
    return BindSummarize(summarize, input, env);
  }
  if (name == "distinct") {
    kql::Operator summarize;
    summarize.name = "summarize";
    summarize.position = op.position;
    for (const kql::NamedExpr& item : op.exprs) {
      if (item.expr->kind == kql::ExprKind::kStar) {
        for (const ColumnSchema& column : input->schema) {
          auto ref = std::make_shared<kql::Expr>();
          ref->kind = kql::ExprKind::kName;
          ref->name = column.name;
          ref->position = item.expr->position;
          summarize.by.push_back({{}, ref});
        }
      } else {
        summarize.by.push_back(item);
      }
    }
    return BindSummarize(summarize, input, env);
  }
  if (name == "summarize") return BindSummarize(op, input, env);
  if (name == "join") return BindJoin(op, input, env);
  if (name == "union") return BindUnion(op.args, op.params, input, env, op.position);
  if (name == "mv-expand" || name == "mvexpand") return BindMvExpand(op, input, env);
  if (name == "parse" || name == "parse-where") return BindParse(op, input, env);
  if (name == "serialize" && op.exprs.empty()) return input;
  if (name == "getschema") return GetSchema(*input);
  if (name == "render") return input;  // presentation only: changes no data
  return NotSupported("operator '" + name + "'", op.position);
}

Result<PlanPtr> QueryBinder::BindMvExpand(const kql::Operator& op, PlanPtr input,
                                          const EnvPtr& env) {
  bool bag_as_array = false;
  std::string index_column;
  for (const kql::OperatorParam& param : op.params) {
    std::string value = param.value ? param.value->name : "";
    if (param.name == "bagexpansion" || param.name == "kind") {
      if (value != "array" && value != "bag") {
        return SemanticError("mv-expand " + param.name + " must be bag or array", param.position);
      }
      bag_as_array = value == "array";
    } else if (param.name == "with_itemindex") {
      index_column = value;
    } else {
      return NotSupported("mv-expand parameter '" + param.name + "'", param.position);
    }
  }
  PlanPtr plan = input;
  // Named or computed expansions are first materialized as columns (an extend).
  std::vector<std::pair<std::string, size_t>> targets;
  for (size_t k = 0; k < op.exprs.size(); ++k) {
    const kql::NamedExpr& item = op.exprs[k];
    std::string column = item.names.empty() ? DerivedName(*item.expr) : item.names[0];
    bool plain = item.names.empty() && item.expr->kind == kql::ExprKind::kName;
    if (!plain) {
      kql::Operator extend;
      extend.name = "extend";
      // An unnamed expression gets a generated name, as extend names one (Column1, ...).
      if (column.empty()) column = NextColumnName(plan->schema, "Column");
      extend.exprs.push_back({{column}, item.expr});
      ASSIGN_OR_RETURN(plan, BindOperator(extend, plan, env));
    }
    targets.push_back({column, k});
  }
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kMvExpand;
  node->schema = plan->schema;
  for (const auto& [column, k] : targets) {
    planner::MvExpandSpec spec;
    for (size_t i = 0; i < plan->schema.size(); ++i) {
      if (plan->schema[i].name == column) spec.column = static_cast<int>(i);
    }
    if (spec.column < 0) return SemanticError("unknown column '" + column + "'", op.position);
    if (plan->schema[spec.column].type != TypeKind::kDynamic) {
      return SemanticError("mv-expand needs a dynamic column, '" + column + "' is " +
                               std::string(TypeName(plan->schema[spec.column].type)),
                           op.position);
    }
    std::string type_name = k < op.type_names.size() ? op.type_names[k] : "";
    if (!type_name.empty()) {
      std::optional<TypeKind> t = ParseTypeName(type_name);
      if (!t) return SemanticError("unknown type '" + type_name + "'", op.position);
      spec.to_type = *t;
    }
    node->schema[spec.column].type = spec.to_type;
    node->expansions.push_back(spec);
  }
  // https://learn.microsoft.com/kusto/query/mv-expand-operator: the legacy mvexpand caps
  // each row at 128 expansions; mv-expand's default limit is 2^31-1 (no cap here).
  if (op.name == "mvexpand") node->expand_limit = 128;
  node->bag_as_array = bag_as_array;
  node->with_item_index = !index_column.empty();
  if (node->with_item_index) node->schema.push_back({index_column, TypeKind::kLong});
  if (op.count) {
    ASSIGN_OR_RETURN(node->expand_limit, ConstantCount(*this, *op.count, env));
  }
  node->children.push_back(plan);
  return PlanPtr(node);
}

}  // namespace huntbook::analyzer
