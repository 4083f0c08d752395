// search (https://learn.microsoft.com/kusto/query/search-operator) and find
// (https://learn.microsoft.com/kusto/query/find-operator), bound as a union of filtered
// tables: each table gets the predicate over its own columns (search_predicate.h).
#include <algorithm>

#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/kql/analyzer/search_predicate.h"

namespace huntbook::analyzer {

namespace {

kql::ExprPtr NameExpr(const std::string& name, SourcePosition position) {
  auto e = std::make_shared<kql::Expr>();
  e->kind = kql::ExprKind::kName;
  e->name = name;
  e->position = position;
  return e;
}

kql::OperatorPtr WhereOperator(kql::ExprPtr predicate, SourcePosition position) {
  auto where = std::make_shared<kql::Operator>();
  where->name = "where";
  where->position = position;
  where->predicate = std::move(predicate);
  return where;
}

}  // namespace

Result<std::vector<std::string>> QueryBinder::SearchTables(const std::vector<std::string>& names,
                                                           SourcePosition position) const {
  std::vector<std::string> tables;
  if (names.empty()) return MatchTableNames("*");
  for (const std::string& name : names) {
    if (name.find('*') != std::string::npos) {
      for (const std::string& t : MatchTableNames(name)) tables.push_back(t);
    } else if (FindQueryTable(name) != nullptr || catalog_.FindTable(name) != nullptr) {
      tables.push_back(name);
    } else {
      return SemanticError("unknown table '" + name + "'", position);
    }
  }
  return tables;
}

Result<PlanPtr> QueryBinder::BindSearch(const kql::Operator& op, PlanPtr input, const EnvPtr& env) {
  ASSIGN_OR_RETURN(SearchPrefix prefix, SplitSearchPrefix(op.text, op.position));
  if (input != nullptr && !prefix.tables.empty()) {
    return SemanticError("search cannot have both an input and 'in (tables)'", op.position);
  }
  ASSIGN_OR_RETURN(SearchNodePtr predicate, ParseSearchPredicate(prefix.rest, op.position));
  if (input != nullptr) {
    // `T | search ...`: a filter of T, no $table column.
    kql::Operator where;
    where.name = "where";
    where.position = op.position;
    where.predicate = SearchToExpr(*predicate, input->schema, prefix.case_sensitive);
    return BindOperator(where, input, env);
  }
  ASSIGN_OR_RETURN(std::vector<std::string> tables, SearchTables(prefix.tables, op.position));
  if (tables.empty()) return SemanticError("search found no tables", op.position);
  std::vector<kql::ExprPtr> legs;
  for (const std::string& table : tables) {
    ASSIGN_OR_RETURN(PlanPtr scan, BindSource(*NameExpr(table, op.position), env));
    auto leg = std::make_shared<kql::Expr>();
    leg->kind = kql::ExprKind::kPipe;
    leg->position = op.position;
    leg->args.push_back(NameExpr(table, op.position));
    leg->operators.push_back(
        WhereOperator(SearchToExpr(*predicate, scan->schema, prefix.case_sensitive), op.position));
    legs.push_back(leg);
  }
  kql::OperatorParam withsource;
  withsource.name = "withsource";
  withsource.value = NameExpr("$table", op.position);
  ASSIGN_OR_RETURN(PlanPtr plan, BindUnion(legs, {withsource}, nullptr, env, op.position));
  plan->union_source_names = tables;
  return plan;
}

// find [withsource=C] [in (T, ...)] where Predicate [project-smart | project a, b]
Result<PlanPtr> QueryBinder::BindFind(const kql::Operator& op, PlanPtr input, const EnvPtr& env) {
  if (input != nullptr) return SemanticError("find takes no input", op.position);
  ASSIGN_OR_RETURN(SearchPrefix prefix, SplitSearchPrefix(op.text, op.position));
  std::string rest = prefix.rest;
  if (rest.rfind("where", 0) == 0) rest = rest.substr(5);
  // The projection clause: the last top-level `project`/`project-smart` word.
  std::vector<std::string> projected;
  bool explicit_project = false;
  bool pack_all = false;
  size_t project_at = rest.rfind(" project");
  if (project_at != std::string::npos && rest.find('"', project_at) == std::string::npos) {
    std::string clause = rest.substr(project_at + 1);
    rest = rest.substr(0, project_at);
    if (clause.rfind("project-smart", 0) != 0) {
      explicit_project = true;
      std::string list = clause.substr(std::string("project").size());
      size_t start = 0;
      while (start <= list.size()) {
        size_t end = list.find(',', start);
        if (end == std::string::npos) end = list.size();
        std::string item = list.substr(start, end - start);
        item.erase(0, item.find_first_not_of(" \t\r\n"));
        item.erase(item.find_last_not_of(" \t\r\n") + 1);
        if (item == "pack_all()") {
          pack_all = true;
        } else if (!item.empty()) {
          projected.push_back(item.substr(0, item.find(':')));
        }
        start = end + 1;
      }
    }
  }
  ASSIGN_OR_RETURN(SearchNodePtr predicate, ParseSearchPredicate(rest, op.position));
  ASSIGN_OR_RETURN(std::vector<std::string> tables, SearchTables(prefix.tables, op.position));
  if (tables.empty()) return SemanticError("find found no tables", op.position);
  std::vector<PlanPtr> scans;
  for (const std::string& table : tables) {
    ASSIGN_OR_RETURN(PlanPtr scan, BindSource(*NameExpr(table, op.position), env));
    scans.push_back(scan);
  }
  // project-smart (the default): the columns every table has (same name and type), and a
  // pack_ bag of the others.
  if (!explicit_project) {
    for (const ColumnSchema& column : scans[0]->schema) {
      bool everywhere = std::all_of(scans.begin(), scans.end(), [&](const PlanPtr& scan) {
        return std::any_of(scan->schema.begin(), scan->schema.end(), [&](const ColumnSchema& c) {
          return c.name == column.name && c.type == column.type;
        });
      });
      if (everywhere) projected.push_back(column.name);
    }
    pack_all = true;
  }
  std::vector<kql::ExprPtr> legs;
  for (size_t t = 0; t < tables.size(); ++t) {
    const std::vector<ColumnSchema>& schema = scans[t]->schema;
    auto leg = std::make_shared<kql::Expr>();
    leg->kind = kql::ExprKind::kPipe;
    leg->position = op.position;
    leg->args.push_back(NameExpr(tables[t], op.position));
    leg->operators.push_back(
        WhereOperator(SearchToExpr(*predicate, schema, prefix.case_sensitive), op.position));
    auto project = std::make_shared<kql::Operator>();
    project->name = "project";
    project->position = op.position;
    for (const std::string& name : projected) {
      bool present = std::any_of(schema.begin(), schema.end(),
                                 [&](const ColumnSchema& c) { return c.name == name; });
      if (present) project->exprs.push_back({{name}, NameExpr(name, op.position)});
    }
    if (pack_all) {
      auto bag = std::make_shared<kql::Expr>();
      bag->kind = kql::ExprKind::kCall;
      bag->name = "bag_pack";
      bag->position = op.position;
      for (const ColumnSchema& column : schema) {
        if (std::find(projected.begin(), projected.end(), column.name) != projected.end()) {
          continue;
        }
        auto key = std::make_shared<kql::Expr>();
        key->kind = kql::ExprKind::kLiteral;
        key->literal = Value::String(column.name);
        bag->args.push_back(key);
        bag->args.push_back(NameExpr(column.name, op.position));
      }
      if (bag->args.empty()) {
        bag->kind = kql::ExprKind::kLiteral;
        bag->literal = Value::Dyn(Dynamic::MakeObject({}));
      }
      project->exprs.push_back({{"pack_"}, bag});
    }
    leg->operators.push_back(project);
    legs.push_back(leg);
  }
  kql::OperatorParam withsource;
  withsource.name = "withsource";
  withsource.value =
      NameExpr(prefix.withsource.empty() ? "source_" : prefix.withsource, op.position);
  ASSIGN_OR_RETURN(PlanPtr plan, BindUnion(legs, {withsource}, nullptr, env, op.position));
  plan->union_source_names = tables;
  // Columns in the declared order: source, projected, pack_.
  std::vector<ColumnSchema> order;
  std::vector<BoundExprPtr> outputs;
  auto add = [&](const std::string& name) {
    for (size_t i = 0; i < plan->schema.size(); ++i) {
      if (plan->schema[i].name == name) {
        order.push_back(plan->schema[i]);
        outputs.push_back(ColumnRef(static_cast<int>(i), plan->schema[i].type));
      }
    }
  };
  add(plan->schema[0].name);
  for (const std::string& name : projected) add(name);
  if (pack_all) add("pack_");
  if (explicit_project) {
    // Projected columns no table has are null strings, as Kusto fills absent columns.
    for (const std::string& name : projected) {
      bool present = std::any_of(order.begin(), order.end(),
                                 [&](const ColumnSchema& c) { return c.name == name; });
      if (!present) return SemanticError("find: unknown column '" + name + "'", op.position);
    }
  }
  return MakeProject(plan, std::move(order), std::move(outputs));
}

}  // namespace huntbook::analyzer
