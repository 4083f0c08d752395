#include "huntbook/engine/engine.h"

#include <algorithm>
#include <chrono>

#include "huntbook/common/ascii.h"
#include "huntbook/engine/query_inputs.h"
#include "huntbook/exec/executor.h"
#include "huntbook/kql/analyzer/binder.h"
#include "huntbook/kql/syntax/parser.h"
#include "huntbook/planner/rewrites.h"
#include "huntbook/planner/time_restriction.h"
#include "huntbook/storage/store.h"
#include "huntbook/types/datetime.h"

namespace huntbook::engine {

namespace {

// The tables of one workspace, as the binder sees them.
class StoreCatalog : public analyzer::Catalog {
 public:
  StoreCatalog(const storage::Store& store, std::string workspace,
               std::function<bool(std::string_view)> may_read_workspace)
      : store_(store),
        workspace_(std::move(workspace)),
        may_read_workspace_(std::move(may_read_workspace)) {}

  std::shared_ptr<const storage::TableSnapshot> FindTable(std::string_view name) const override {
    Result<storage::TableSnapshot> snapshot = store_.Snapshot(workspace_, name);
    if (!snapshot.ok()) return nullptr;
    return std::make_shared<const storage::TableSnapshot>(std::move(snapshot).value());
  }

  std::vector<std::string> TableNames() const override { return store_.ListTables(workspace_); }

  std::shared_ptr<const storage::TableSnapshot> FindWorkspaceTable(
      std::string_view named, std::string_view name) const override {
    // Workspace (database) names are case-insensitive: use the store's spelling
    // (https://learn.microsoft.com/kusto/query/schema-entities/entity-names).
    std::string workspace(named);
    for (std::string& stored : store_.ListWorkspaces()) {
      if (EqualsIgnoreCase(stored, named)) workspace = std::move(stored);
    }
    if (!EqualsIgnoreCase(workspace, workspace_) && may_read_workspace_ &&
        !may_read_workspace_(workspace)) {
      return nullptr;  // reads as a workspace that does not exist
    }
    Result<storage::TableSnapshot> snapshot = store_.Snapshot(workspace, name);
    if (!snapshot.ok()) return nullptr;
    return std::make_shared<const storage::TableSnapshot>(std::move(snapshot).value());
  }

 private:
  const storage::Store& store_;
  std::string workspace_;
  std::function<bool(std::string_view)> may_read_workspace_;
};

// The bound plan as it runs: the request's time range on every table, then the rewrites.
planner::PlanPtr PlanForRun(planner::PlanPtr plan, const QueryOptions& options) {
  if (options.time_range) {
    // Log Analytics filters each table's TimeGenerated column by the request's timespan.
    plan = planner::RestrictTime(plan, "TimeGenerated", options.time_range->start,
                                 options.time_range->end);
  }
  return planner::Optimize(plan);
}

Table FirstRows(const Table& table, size_t rows) {
  Table out;
  out.schema = table.schema;
  out.rows = rows;
  for (const ColumnPtr& column : table.columns) {
    if (column->size() == 1 && table.rows != 1) {
      out.columns.push_back(column);  // a broadcast constant
      continue;
    }
    auto head = std::make_shared<Column>(column->type());
    head->AppendRange(*column, 0, rows);
    out.columns.push_back(std::move(head));
  }
  return out;
}

// Drops the hidden ingestion-time column (and its join-renamed copies `$IngestionTime1`...)
// from a result: it is visible only through ingestion_time().
void DropHiddenColumns(Table* table) {
  for (size_t c = table->schema.size(); c-- > 0;) {
    if (!storage::IsIngestionTimeColumn(table->schema[c].name)) continue;
    table->schema.erase(table->schema.begin() + static_cast<std::ptrdiff_t>(c));
    table->columns.erase(table->columns.begin() + static_cast<std::ptrdiff_t>(c));
  }
}

}  // namespace

Engine::Engine(std::unique_ptr<storage::Store> store) : store_(std::move(store)) {}
Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::Open(const std::string& data_dir) {
  ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store, storage::Store::Open(data_dir));
  return std::unique_ptr<Engine>(new Engine(std::move(store)));
}

Result<QueryResult> Engine::Query(std::string_view text, const QueryOptions& options) const {
  ASSIGN_OR_RETURN(kql::Query query, kql::Parse(text));
  if (!query.invalid_literals.empty()) return query.invalid_literals.front();
  functions::EvalContext context;
  context.now_ticks = options.now_ticks ? *options.now_ticks : WallClockTicks();
  // `set query_now = datetime(...)` pins now() for the query
  // (https://learn.microsoft.com/kusto/api/rest/request-properties).
  for (const auto& statement : query.statements) {
    if (statement->kind == kql::StatementKind::kSet && statement->name == "query_now" &&
        statement->expr && statement->expr->kind == kql::ExprKind::kLiteral &&
        statement->expr->literal.type() == TypeKind::kDateTime &&
        !statement->expr->literal.is_null()) {
      context.now_ticks = statement->expr->literal.int_value();
    }
  }
  StoreCatalog catalog(*store_, options.workspace, options.may_read_workspace);
  exec::ExecOptions exec_options;
  exec_options.context = context;
  exec_options.threads = options.threads;
  exec_options.cancel = options.cancel;
  exec_options.external_data_allow = ExternalDataAllowList(options);
  const analyzer::QueryInputs inputs = MakeQueryInputs(options);
  auto run_subquery = [&](const planner::PlanPtr& subplan) -> Result<Table> {
    return exec::Execute(*PlanForRun(subplan, options), exec_options);
  };
  ASSIGN_OR_RETURN(planner::PlanPtr plan,
                   analyzer::Bind(query, catalog, context, run_subquery, &inputs));
  plan = PlanForRun(plan, options);
  ASSIGN_OR_RETURN(Table table, exec::Execute(*plan, exec_options));
  if (query.uses_ingestion_time) DropHiddenColumns(&table);
  QueryResult result;
  result.truncated = options.max_rows > 0 && table.rows > options.max_rows;
  result.table = result.truncated ? FirstRows(table, options.max_rows) : std::move(table);
  result.render = FindRender(query);
  return result;
}

}  // namespace huntbook::engine
