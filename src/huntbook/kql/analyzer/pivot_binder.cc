// evaluate pivot (https://learn.microsoft.com/kusto/query/pivot-plugin): one output column
// per distinct value of the pivot column, holding the aggregation (count() by default) of
// the rows of each group of the other columns. Runs its input while binding, as the other
// data-dependent plugins do (see evaluate_binder.cc).
#include <algorithm>
#include <map>

#include "huntbook/kql/analyzer/evaluate_plugins.h"
#include "huntbook/kql/analyzer/query_binder.h"

namespace huntbook::analyzer {

namespace {

constexpr char kPivotValue[] = "hb_pivot_value";

void CollectNames(const kql::Expr& expr, std::vector<std::string>* names) {
  if (expr.kind == kql::ExprKind::kName) names->push_back(expr.name);
  for (const kql::ExprPtr& arg : expr.args) {
    if (arg) CollectNames(*arg, names);
  }
}

kql::ExprPtr NameExpr(const std::string& name, SourcePosition position) {
  auto e = std::make_shared<kql::Expr>();
  e->kind = kql::ExprKind::kName;
  e->name = name;
  e->position = position;
  return e;
}

// The value of an empty group: 0 for the counting aggregates, null otherwise.
Value EmptyCell(const std::string& aggregate, TypeKind type) {
  if (aggregate == "count" || aggregate == "dcount" || aggregate == "countif") {
    return IsIntegerStored(type) ? Value::Int64(type, 0) : Value::Null(type);
  }
  return Value::Null(type);
}

}  // namespace

Result<PlanPtr> QueryBinder::BindPivot(const PluginCall& call, PlanPtr input, const EnvPtr& env) {
  if (call.args.empty() || call.args[0]->kind != kql::ExprKind::kName) {
    return SemanticError("pivot needs a pivot column", call.position);
  }
  const std::string pivot = call.args[0]->name;
  auto has_column = [&](const std::string& name) {
    return std::any_of(input->schema.begin(), input->schema.end(),
                       [&](const ColumnSchema& c) { return c.name == name; });
  };
  if (!has_column(pivot)) {
    return SemanticError("unknown column '" + pivot + "'", call.args[0]->position);
  }
  kql::ExprPtr aggregate;
  size_t next = 1;
  if (call.args.size() > 1 && call.args[1]->kind == kql::ExprKind::kCall) {
    aggregate = call.args[1];
    next = 2;
  } else {
    aggregate = std::make_shared<kql::Expr>();
    aggregate->kind = kql::ExprKind::kCall;
    aggregate->name = "count";
    aggregate->position = call.position;
  }
  std::vector<std::string> group;
  for (size_t i = next; i < call.args.size(); ++i) {
    if (call.args[i]->kind != kql::ExprKind::kName) {
      return SemanticError("pivot needs column names after the aggregation",
                           call.args[i]->position);
    }
    if (!has_column(call.args[i]->name)) {
      return SemanticError("unknown column '" + call.args[i]->name + "'", call.args[i]->position);
    }
    group.push_back(call.args[i]->name);
  }
  if (next == call.args.size()) {
    // Default: every column but the pivot column and the aggregated ones.
    std::vector<std::string> used;
    CollectNames(*aggregate, &used);
    for (const ColumnSchema& column : input->schema) {
      if (column.name == pivot) continue;
      if (std::find(used.begin(), used.end(), column.name) != used.end()) continue;
      group.push_back(column.name);
    }
  }
  kql::Operator summarize;
  summarize.name = "summarize";
  summarize.position = call.position;
  summarize.exprs.push_back({{kPivotValue}, aggregate});
  for (const std::string& name : group) summarize.by.push_back({{}, NameExpr(name, call.position)});
  summarize.by.push_back({{}, NameExpr(pivot, call.position)});
  ASSIGN_OR_RETURN(PlanPtr grouped, BindSummarize(summarize, input, env));
  if (grouped->schema.size() != group.size() + 2) {
    return SemanticError("pivot needs an aggregation with one result", aggregate->position);
  }
  const TypeKind value_type = grouped->schema.back().type;
  ASSIGN_OR_RETURN(Table table, runner_(grouped));
  const size_t keys = group.size();
  // Distinct pivot values (sorted by their text) become columns; groups keep their order.
  std::map<std::string, size_t> pivot_columns;
  std::map<std::string, size_t> group_rows;
  std::vector<size_t> first_row_of_group;
  std::vector<std::pair<size_t, std::pair<std::string, Value>>> cells;
  for (size_t row = 0; row < table.rows; ++row) {
    std::string key;
    for (size_t k = 0; k < keys; ++k) {
      const Column& column = *table.columns[k];
      key += column.Get(At(column, row)).ToString();
      key.push_back('\x1f');
    }
    auto [it, inserted] = group_rows.emplace(key, first_row_of_group.size());
    if (inserted) first_row_of_group.push_back(row);
    const Column& pivot_column = *table.columns[keys];
    std::string pivot_text = pivot_column.Get(At(pivot_column, row)).ToString();
    pivot_columns.emplace(pivot_text, 0);
    const Column& value_column = *table.columns[keys + 1];
    cells.push_back({it->second, {pivot_text, value_column.Get(At(value_column, row))}});
  }
  auto out = std::make_shared<Table>();
  for (size_t k = 0; k < keys; ++k) {
    out->schema.push_back(table.schema[k]);
    auto column = std::make_shared<Column>(table.schema[k].type);
    for (size_t row : first_row_of_group)
      column->AppendFrom(*table.columns[k], At(*table.columns[k], row));
    out->columns.push_back(column);
  }
  size_t index = 0;
  for (auto& [name, position] : pivot_columns) {
    position = index++;
    std::string column_name = name.empty() ? "Column" : name;
    out->schema.push_back({column_name, value_type});
  }
  std::vector<std::vector<Value>> grid(
      pivot_columns.size(),
      std::vector<Value>(first_row_of_group.size(), EmptyCell(aggregate->name, value_type)));
  for (const auto& [group_index, cell] : cells) {
    grid[pivot_columns[cell.first]][group_index] = cell.second;
  }
  for (const auto& values : grid) {
    auto column = std::make_shared<Column>(value_type);
    for (const Value& v : values) column->Append(v);
    out->columns.push_back(column);
  }
  out->rows = first_row_of_group.size();
  if (call.has_output_schema) {
    ASSIGN_OR_RETURN(out,
                     ConformToOutputSchema(*out, call, EmptyCell(aggregate->name, value_type)));
  } else if (mode_ == BindMode::kSchemaOnly) {
    MarkOpen(*out);  // the pivot values are unknown without data (evaluate_binder.cc)
  }
  return ValuesNode(out);
}

// `pivot(...) : (C1:T1, ...)`: the output is exactly the declared columns, in their order
// (the page's last example declares two of the states and gets those two). A declared column
// the data did not produce holds what an empty group holds (0 for count(), else null); a
// produced column of another type is the error the page promises ("an error is raised if the
// run-time schema doesn't match").
Result<std::shared_ptr<Table>> QueryBinder::ConformToOutputSchema(const Table& table,
                                                                  const PluginCall& call,
                                                                  const Value& empty_cell) {
  auto out = std::make_shared<Table>();
  out->rows = table.rows;
  for (const ColumnSchema& declared : call.output_schema) {
    auto found = std::find_if(table.schema.begin(), table.schema.end(),
                              [&](const ColumnSchema& c) { return c.name == declared.name; });
    ColumnPtr column;
    if (found == table.schema.end()) {
      Value cell = empty_cell.type() == declared.type ? empty_cell : Value::Null(declared.type);
      auto filled = std::make_shared<Column>(declared.type);
      for (size_t row = 0; row < table.rows; ++row) filled->Append(cell);
      column = filled;
    } else if (found->type != declared.type) {
      return SemanticError("output column '" + declared.name + "' is " +
                               std::string(TypeName(found->type)) + ", the output schema says " +
                               std::string(TypeName(declared.type)),
                           call.position);
    } else {
      column = table.columns[found - table.schema.begin()];
    }
    out->schema.push_back(declared);
    out->columns.push_back(column);
  }
  return out;
}

}  // namespace huntbook::analyzer
