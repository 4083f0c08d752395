#include "huntbook/engine/engine.h"

#include <chrono>

#include "huntbook/exec/executor.h"
#include "huntbook/kql/analyzer/binder.h"
#include "huntbook/kql/syntax/parser.h"
#include "huntbook/planner/rewrites.h"
#include "huntbook/storage/store.h"

namespace huntbook::engine {

namespace {

// The tables of one workspace, as the binder sees them.
class StoreCatalog : public analyzer::Catalog {
 public:
  StoreCatalog(const storage::Store& store, std::string workspace)
      : store_(store), workspace_(std::move(workspace)) {}

  std::shared_ptr<const storage::TableSnapshot> FindTable(std::string_view name) const override {
    Result<storage::TableSnapshot> snapshot = store_.Snapshot(workspace_, name);
    if (!snapshot.ok()) return nullptr;
    return std::make_shared<const storage::TableSnapshot>(std::move(snapshot).value());
  }

  std::vector<std::string> TableNames() const override { return store_.ListTables(workspace_); }

 private:
  const storage::Store& store_;
  std::string workspace_;
};

int64_t WallClockTicks() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  return kUnixEpochTicks + micros * kTicksPerMicrosecond;
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
  StoreCatalog catalog(*store_, options.workspace);
  exec::ExecOptions exec_options;
  exec_options.context = context;
  exec_options.threads = options.threads;
  auto run_subquery = [&](const planner::PlanPtr& subplan) -> Result<Table> {
    return exec::Execute(*planner::Optimize(subplan), exec_options);
  };
  ASSIGN_OR_RETURN(planner::PlanPtr plan,
                   analyzer::Bind(query, catalog, context, run_subquery));
  plan = planner::Optimize(plan);
  ASSIGN_OR_RETURN(Table table, exec::Execute(*plan, exec_options));
  return QueryResult{std::move(table)};
}

}  // namespace huntbook::engine
