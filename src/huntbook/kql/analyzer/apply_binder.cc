// mv-apply (https://learn.microsoft.com/kusto/query/mv-apply-operator): each input row is
// expanded into a subtable by the mv-expand binder (over a kApplyInput leaf holding that
// one row), the subquery's operators are bound over the expansion, and the source columns
// that are neither expanded nor produced by the subquery are added back in front.
//
// partition (https://learn.microsoft.com/kusto/query/partition-operator) has two shapes:
//  - `by Col ( operators )` without `as`: the operators are bound once over a kApplyInput
//    leaf and exec runs them per key value (ApplySpec kPartition), for every strategy; the
//    legacy one (the default) stops at 64 distinct values when it runs.
//  - `by Col { T | ... }` (its own source, the key as a scalar named Col) and
//    `( as Name | ... toscalar(Name | ...) )` (the partition named, legacy only): what the
//    subquery means depends on the key value, so the input runs now (through the subquery
//    runner, as toscalar does), the subquery is bound once per distinct key (at most 64)
//    with the key as a constant and that partition's rows as a values source, and the
//    result is the union of those plans.
// Hints: hint.strategy picks the strategy; hint.materialized, hint.concurrency,
// hint.spread and hint.shufflekey only tune Kusto's execution and are checked, then
// ignored; any other parameter is an error at its position.
#include <algorithm>
#include <string>

#include "huntbook/common/ascii.h"
#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::analyzer {

namespace {

enum class PartitionStrategy { kLegacy, kNative, kShuffle };

Result<PartitionStrategy> ReadPartitionHints(const kql::Operator& op,
                                             const std::vector<ColumnSchema>& input) {
  PartitionStrategy strategy = PartitionStrategy::kLegacy;
  for (const kql::OperatorParam& param : op.params) {
    const kql::Expr* value = param.value.get();
    SourcePosition where = value != nullptr ? value->position : param.position;
    bool word = value != nullptr && value->kind == kql::ExprKind::kName;
    bool literal = value != nullptr && value->kind == kql::ExprKind::kLiteral;
    if (param.name == "hint.strategy") {
      if (word && EqualsIgnoreCase(value->name, "legacy")) {
        strategy = PartitionStrategy::kLegacy;
      } else if (word && EqualsIgnoreCase(value->name, "native")) {
        strategy = PartitionStrategy::kNative;
      } else if (word && EqualsIgnoreCase(value->name, "shuffle")) {
        strategy = PartitionStrategy::kShuffle;
      } else {
        return SemanticError("partition: hint.strategy must be legacy, native or shuffle", where);
      }
    } else if (param.name == "hint.materialized") {
      if (!literal || value->literal.type() != TypeKind::kBool) {
        return SemanticError("partition: hint.materialized must be true or false", where);
      }
    } else if (param.name == "hint.concurrency" || param.name == "hint.spread") {
      if (!word && !(literal && IsNumeric(value->literal.type()))) {
        return SemanticError("partition: " + param.name + " must be a number", where);
      }
    } else if (param.name == "hint.shufflekey") {
      bool column = word && std::any_of(input.begin(), input.end(), [&](const ColumnSchema& c) {
                      return c.name == value->name;
                    });
      if (!column) {
        return SemanticError("partition: hint.shufflekey must name a column of the input", where);
      }
    } else {
      return SemanticError("partition: unknown parameter '" + param.name + "'", param.position);
    }
  }
  return strategy;
}

using planner::kLegacyPartitionLimit;
using planner::PartitionLimitError;

int FindColumnIndex(const std::vector<ColumnSchema>& schema, const std::string& name) {
  for (size_t i = 0; i < schema.size(); ++i) {
    if (schema[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

bool SameSchema(const std::vector<ColumnSchema>& a, const std::vector<ColumnSchema>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const ColumnSchema& x, const ColumnSchema& y) {
                      return x.name == y.name && x.type == y.type;
                    });
}

bool NamesPartition(const kql::Expr& subquery) {
  return std::any_of(subquery.operators.begin(), subquery.operators.end(),
                     [](const kql::OperatorPtr& op) { return op->name == "as"; });
}

// A plan that reads the rows of an enclosing mv-apply/partition group cannot run while
// binding (a kApply's own subquery reads its groups, not the enclosing one).
bool ReadsApplyInput(const PlanNode& node) {
  if (node.kind == planner::PlanKind::kApplyInput) return true;
  if (node.kind == planner::PlanKind::kApply) return ReadsApplyInput(*node.children[0]);
  return std::any_of(node.children.begin(), node.children.end(),
                     [](const PlanPtr& child) { return ReadsApplyInput(*child); });
}

// The partition's key as text that equal values (and all nulls) share.
std::string KeyText(const Value& v) {
  return v.is_null() ? std::string(1, '\0') : "=" + v.ToString();
}

}  // namespace

Result<PlanPtr> QueryBinder::BindMvApply(const kql::Operator& op, PlanPtr input,
                                         const EnvPtr& env) {
  if (!op.clauses_parsed || !op.right) {
    return NotSupported("this form of operator 'mv-apply'", op.position);
  }
  if (op.exprs.empty()) return SemanticError("mv-apply needs a column to expand", op.position);
  auto leaf = std::make_shared<PlanNode>();
  leaf->kind = planner::PlanKind::kApplyInput;
  leaf->schema = input->schema;
  // The per-row subtable: mv-expand of the row, with mv-apply's own clauses.
  kql::Operator expand;
  expand.name = "mv-expand";
  expand.position = op.position;
  expand.params = op.params;
  expand.exprs = op.exprs;
  expand.type_names = op.type_names;
  expand.count = op.count;
  ASSIGN_OR_RETURN(PlanPtr subquery, BindMvExpand(expand, leaf, env));
  // Names the expansion gives its columns: those source columns are replaced.
  std::vector<std::string> expanded;
  for (const planner::MvExpandSpec& spec : subquery->expansions) {
    expanded.push_back(subquery->schema[spec.column].name);
  }
  for (const kql::OperatorPtr& sub_op : op.right->operators) {
    ASSIGN_OR_RETURN(subquery, BindOperator(*sub_op, subquery, env));
  }
  auto spec = std::make_shared<planner::ApplySpec>();
  spec->mode = planner::ApplySpec::Mode::kMvApply;
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kApply;
  auto has_name = [](const std::vector<ColumnSchema>& schema, const std::string& name) {
    return std::any_of(schema.begin(), schema.end(),
                       [&](const ColumnSchema& c) { return c.name == name; });
  };
  for (size_t i = 0; i < input->schema.size(); ++i) {
    const std::string& name = input->schema[i].name;
    if (std::find(expanded.begin(), expanded.end(), name) != expanded.end()) continue;
    if (has_name(subquery->schema, name)) continue;
    spec->kept.push_back(static_cast<int>(i));
    node->schema.push_back(input->schema[i]);
  }
  for (const ColumnSchema& column : subquery->schema) node->schema.push_back(column);
  node->spec = spec;
  node->children.push_back(input);
  node->children.push_back(subquery);
  return PlanPtr(node);
}

Result<PlanPtr> QueryBinder::BindPartition(const kql::Operator& op, PlanPtr input,
                                           const EnvPtr& env) {
  bool with_source = !op.args.empty();
  if (!op.clauses_parsed || op.by.size() != 1 || (!op.right && !with_source)) {
    return NotSupported("this form of operator 'partition'", op.position);
  }
  ASSIGN_OR_RETURN(PartitionStrategy strategy, ReadPartitionHints(op, input->schema));
  const kql::NamedExpr& by = op.by[0];
  int key = by.names.empty() && by.expr->kind == kql::ExprKind::kName
                ? FindColumnIndex(input->schema, by.expr->name)
                : -1;
  if (key < 0) return SemanticError("partition by needs a column of its input", by.expr->position);
  if (input->schema[key].type == TypeKind::kDynamic) {
    return SemanticError("partition key '" + input->schema[key].name +
                             "' is dynamic; partition by an explicit cast such as tostring()",
                         by.expr->position);
  }
  bool per_key = with_source || NamesPartition(*op.right);
  if (per_key) {
    if (strategy != PartitionStrategy::kLegacy) {
      return SemanticError(
          std::string(with_source ? "partition with a subquery that has its own source"
                                  : "partition with a subquery that names the partition (as)") +
              " needs the legacy strategy",
          op.position);
    }
    return BindPartitionPerKey(op, input, key, env);
  }
  auto leaf = std::make_shared<PlanNode>();
  leaf->kind = planner::PlanKind::kApplyInput;
  leaf->schema = input->schema;
  PlanPtr subquery = leaf;
  for (const kql::OperatorPtr& sub_op : op.right->operators) {
    ASSIGN_OR_RETURN(subquery, BindOperator(*sub_op, subquery, env));
  }
  auto spec = std::make_shared<planner::ApplySpec>();
  spec->mode = planner::ApplySpec::Mode::kPartition;
  spec->partition_column = key;
  spec->max_partitions = strategy == PartitionStrategy::kLegacy ? kLegacyPartitionLimit : 0;
  spec->position = op.position;
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kApply;
  node->schema = subquery->schema;
  node->spec = spec;
  node->children.push_back(input);
  node->children.push_back(subquery);
  return PlanPtr(node);
}

Result<PlanPtr> QueryBinder::BindPartitionPerKey(const kql::Operator& op, const PlanPtr& input,
                                                 int key, const EnvPtr& env) {
  if (!runner_ || ReadsApplyInput(*input)) {
    return NotSupported("partition with `{ subquery }` or `as` in this context", op.position);
  }
  ASSIGN_OR_RETURN(Table rows, runner_(input));
  // Rows of each distinct key, in order of first appearance.
  std::vector<std::string> key_texts;
  std::vector<Value> keys;
  std::vector<std::vector<size_t>> groups;
  const Column& key_column = *rows.columns[key];
  for (size_t row = 0; row < rows.rows; ++row) {
    Value value = key_column.Get(At(key_column, row));
    std::string text = KeyText(value);
    auto it = std::find(key_texts.begin(), key_texts.end(), text);
    if (it == key_texts.end()) {
      if (static_cast<int64_t>(keys.size()) == kLegacyPartitionLimit) {
        return PartitionLimitError(input->schema[key].name, op.position);
      }
      key_texts.push_back(text);
      keys.push_back(value);
      groups.emplace_back();
      it = key_texts.end() - 1;
    }
    groups[it - key_texts.begin()].push_back(row);
  }
  // Bound with no partition at all when there is none, only for its schema.
  if (keys.empty()) {
    keys.push_back(Value::Null(input->schema[key].type));
    groups.emplace_back();
  }
  const std::string& key_name = input->schema[key].name;
  std::vector<PlanPtr> plans;
  for (size_t g = 0; g < keys.size(); ++g) {
    auto partition = std::make_shared<Table>();
    partition->schema = rows.schema;
    partition->rows = groups[g].size();
    for (const auto& column : rows.columns) {
      auto copy = std::make_shared<Column>(column->type());
      for (size_t row : groups[g]) copy->AppendFrom(*column, At(*column, row));
      partition->columns.push_back(std::move(copy));
    }
    PlanPtr plan;
    if (!op.args.empty()) {
      // The subquery sees the key as a scalar named after the key column.
      auto constant = std::make_shared<BoundExpr>();
      constant->kind = BoundKind::kConstant;
      constant->type = keys[g].type();
      constant->position = op.position;
      constant->constant = keys[g];
      LetValue let;
      let.kind = LetValue::Kind::kScalar;
      let.scalar = constant;
      ASSIGN_OR_RETURN(plan, BindTabular(*op.args[0], Extend(env, key_name, std::move(let))));
    } else {
      // `as` names this partition's rows only while its subquery binds.
      std::map<std::string, PlanPtr, std::less<>> outer_names = as_tables_;
      plan = ValuesNode(partition);
      for (const kql::OperatorPtr& sub_op : op.right->operators) {
        Result<PlanPtr> next = BindOperator(*sub_op, plan, env);
        if (!next.ok()) {
          as_tables_ = std::move(outer_names);
          return next.status();
        }
        plan = *next;
      }
      as_tables_ = std::move(outer_names);
    }
    if (!plans.empty() && !SameSchema(plan->schema, plans[0]->schema)) {
      return SemanticError(
          "partition: the subquery gives a different schema for key " + keys[g].ToString(),
          op.position);
    }
    plans.push_back(std::move(plan));
  }
  if (groups[0].empty()) {  // no partition: no rows, the subquery's schema
    auto empty = std::make_shared<Table>();
    empty->schema = plans[0]->schema;
    for (const ColumnSchema& column : empty->schema) {
      empty->columns.push_back(std::make_shared<Column>(column.type));
    }
    return ValuesNode(empty);
  }
  if (plans.size() == 1) return plans[0];
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kUnion;
  node->schema = plans[0]->schema;
  std::vector<int> identity;
  for (size_t c = 0; c < node->schema.size(); ++c) identity.push_back(static_cast<int>(c));
  for (PlanPtr& plan : plans) {
    node->children.push_back(std::move(plan));
    node->union_mapping.push_back(identity);
  }
  return PlanPtr(node);
}

}  // namespace huntbook::analyzer
