#include "tools/check_command.h"

#include <fstream>
#include <iostream>
#include <memory>

#include "huntbook/kql/analyzer/binder.h"
#include "huntbook/kql/syntax/parser.h"
#include "huntbook/planner/rewrites.h"
#include "huntbook/storage/store.h"
#include "huntbook/types/dynamic.h"
#include "tools/schema_catalog.h"

namespace huntbook::tools {
namespace {

// Binding only: a subquery (toscalar, `in (T)`) stands for an empty table of its schema,
// which gives the binder the types without any data.
Result<Table> EmptySubquery(const planner::PlanPtr& subplan) {
  Table empty;
  empty.schema = subplan->schema;
  for (const ColumnSchema& column : subplan->schema) {
    empty.columns.push_back(std::make_shared<Column>(column.type));
  }
  return empty;
}

Result<planner::PlanPtr> ParseAndBind(const std::string& text, const SchemaCatalog& catalog,
                                      Status* parse_error) {
  Result<kql::Query> query = kql::Parse(text);
  if (!query.ok()) {
    *parse_error = query.status();
    return query.status();
  }
  functions::EvalContext context;
  return analyzer::Bind(*query, catalog, context, EmptySubquery, nullptr,
                        analyzer::BindMode::kSchemaOnly);
}

// The columns of the query's result: the plan's, without the hidden ingestion-time column
// (the engine drops it from results too) and the open-schema mark (binder.h).
std::vector<ColumnSchema> ResultColumns(const planner::PlanNode& plan) {
  std::vector<ColumnSchema> columns;
  for (const ColumnSchema& column : plan.schema) {
    if (storage::IsIngestionTimeColumn(column.name)) continue;
    if (column.name == analyzer::kOpenSchemaColumn) continue;
    columns.push_back(column);
  }
  return columns;
}

Result<std::unique_ptr<SchemaCatalog>> LoadCatalog(const std::string& schemas) {
  Result<std::unique_ptr<SchemaCatalog>> catalog = SchemaCatalog::Load(schemas);
  if (!catalog.ok()) std::cerr << "huntbook: " << catalog.status().ToString() << "\n";
  return catalog;
}

int CheckOne(const CheckOptions& options, const std::string& text) {
  if (options.schemas.empty()) {
    Result<kql::Query> query = kql::Parse(text);
    if (!query.ok()) {
      std::cout << query.status().ToString() << "\n";
      return 1;
    }
    std::cout << "OK (parsed; no --schemas given, names not checked)\n";
    return 0;
  }
  Result<std::unique_ptr<SchemaCatalog>> catalog = LoadCatalog(options.schemas);
  if (!catalog.ok()) return 2;
  Status parse_error;
  Result<planner::PlanPtr> plan = ParseAndBind(text, **catalog, &parse_error);
  if (!plan.ok()) {
    std::cout << plan.status().ToString() << "\n";
    return 1;
  }
  std::cout << "OK\n";
  if (options.result_schema) {
    for (const ColumnSchema& column : ResultColumns(**plan)) {
      std::cout << column.name << ":" << TypeName(column.type) << "\n";
    }
  } else {
    // The plan after the rewrites the engine applies (pushdowns show as term(...)/time(...)).
    std::cout << planner::DescribePlan(*planner::Optimize(*plan));
  }
  return 0;
}

// One output line of the batch form.
Dynamic Verdict(const std::string& text, const SchemaCatalog& catalog) {
  Status parse_error;
  Result<planner::PlanPtr> plan = ParseAndBind(text, catalog, &parse_error);
  Dynamic::Object verdict;
  verdict.emplace_back("parse_ok", Dynamic::Bool(parse_error.ok()));
  verdict.emplace_back("bind_ok", Dynamic::Bool(plan.ok()));
  if (plan.ok()) {
    verdict.emplace_back("first_error", Dynamic());
    Dynamic::Array columns;
    for (const ColumnSchema& column : ResultColumns(**plan)) {
      columns.push_back(
          Dynamic::MakeObject({{"name", Dynamic::String(column.name)},
                               {"type", Dynamic::String(std::string(TypeName(column.type)))}}));
    }
    verdict.emplace_back("result_schema", Dynamic::MakeArray(std::move(columns)));
  } else {
    verdict.emplace_back(
        "first_error",
        Dynamic::MakeObject(
            {{"message", Dynamic::String(plan.status().ToString())},
             {"offset", Dynamic::Long(static_cast<int64_t>(plan.status().position().offset))}}));
    verdict.emplace_back("result_schema", Dynamic());
  }
  return Dynamic::MakeObject(std::move(verdict));
}

int CheckMany(const CheckOptions& options) {
  if (options.schemas.empty()) {
    std::cerr << "huntbook: check --jsonl needs --schemas DIR\n";
    return 2;
  }
  Result<std::unique_ptr<SchemaCatalog>> catalog = LoadCatalog(options.schemas);
  if (!catalog.ok()) return 2;
  std::ifstream file;
  if (options.jsonl != "-") {
    file.open(options.jsonl);
    if (!file) {
      std::cerr << "huntbook: cannot read '" << options.jsonl << "'\n";
      return 2;
    }
  }
  std::istream& in = options.jsonl == "-" ? std::cin : file;
  std::string line;
  for (int64_t number = 0; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Result<Dynamic> record = Dynamic::Parse(line);
    Dynamic text = record.ok() ? record->Get("query_expanded") : Dynamic();
    if (record.ok() && text.kind() != Dynamic::Kind::kString) text = record->Get("query");
    if (text.kind() != Dynamic::Kind::kString) {
      std::cerr << "huntbook: " << options.jsonl << " line " << number + 1
                << ": expected a JSON object with a \"query\" string\n";
      return 2;
    }
    Dynamic id = record->Get("id");
    Dynamic::Object out;
    if (id.is_null()) {
      out.emplace_back("line", Dynamic::Long(number));
    } else {
      out.emplace_back("id", id);
    }
    Dynamic verdict = Verdict(text.string_value(), **catalog);
    for (const auto& member : verdict.object()) out.push_back(member);
    std::cout << Dynamic::MakeObject(std::move(out)).ToJson() << "\n";
  }
  return 0;
}

}  // namespace

int RunCheckCommand(const CheckOptions& options, const std::string& text) {
  return options.jsonl.empty() ? CheckOne(options, text) : CheckMany(options);
}

}  // namespace huntbook::tools
