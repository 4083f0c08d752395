// Binder: syntax tree -> typed logical plan. Resolves table, column, let and function
// names, applies Kusto's type rules and implicit conversions, folds constants (now(),
// ago(1d), literals) and reports the first error with its position.
//
// Errors: SemanticError for unknown names and type mismatches ("unknown column 'Foo'",
// "operator '+' cannot combine string and long"), NotSupported naming the construct for
// valid KQL huntbook does not run yet ("not supported: operator 'make-series'").
// Depth limits (docs/limits.md): expressions and subqueries nested more than 256 levels
// ("expression nested too deeply", e.g. through let functions calling each other) and
// plans more than 1,000 operators deep ("query plan is more than 1000 operators deep").
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/functions/scalar_function.h"
#include "huntbook/kql/syntax/ast.h"
#include "huntbook/planner/logical_plan.h"

namespace huntbook::storage {
struct TableSnapshot;
}

namespace huntbook::analyzer {

// The tables a query can name. Implementations: the store (engine/), and schema files for
// `huntbook check --schemas`.
class Catalog {
 public:
  virtual ~Catalog() = default;
  // nullptr when there is no such table.
  virtual std::shared_ptr<const storage::TableSnapshot> FindTable(std::string_view name) const = 0;
  virtual std::vector<std::string> TableNames() const = 0;
  // A table of another workspace of the same store (`workspace("w").T`); nullptr when
  // there is no such workspace or table (the default: catalogs of one workspace).
  virtual std::shared_ptr<const storage::TableSnapshot> FindWorkspaceTable(
      std::string_view workspace, std::string_view name) const {
    (void)workspace;
    (void)name;
    return nullptr;
  }
};

// Values passed with a query rather than found in the catalog.
struct QueryInputs {
  // Values of `declare query_parameters(...)`, by name. A string value given for a
  // parameter of another type is read as a KQL literal of that type ("datetime(2024-01-01)",
  // "42"); other type mismatches are errors.
  std::map<std::string, Value, std::less<>> parameters;
  // Tables usable by name for this query only; they shadow the catalog's tables and are the
  // values of tabular query parameters (`declare query_parameters(T:(a:long))`).
  std::map<std::string, std::shared_ptr<const Table>, std::less<>> tables;
};

// Runs a bound sub-plan during binding, for constructs whose value the plan needs as a
// constant: toscalar(T), `x in (T | project c)`. nullptr = such constructs are rejected.
using SubqueryRunner = std::function<Result<Table>(const planner::PlanPtr& plan)>;

// What the binder may know of the data.
enum class BindMode {
  kWithData,    // the query will run: data-dependent schemas come from the data
  kSchemaOnly,  // `huntbook check`: tables have schemas and no rows (see OpenSchemaColumn)
};

// Schema-only binding cannot know the columns a data-dependent plugin (bag_unpack, pivot
// without an output schema) will produce. Its output then carries this hidden dynamic column,
// which marks the schema as open: a name no column has binds as a null dynamic instead of
// failing, as Microsoft's front end binds such names. Operators that keep their input's
// columns keep the mark; project and summarize drop it. Never present when binding kWithData.
inline constexpr std::string_view kOpenSchemaColumn =
    "\x1e"
    "open_schema";
bool IsOpenSchema(const std::vector<ColumnSchema>& schema);

// Binds the query's last tabular statement (after its let/set statements).
Result<planner::PlanPtr> Bind(const kql::Query& query, const Catalog& catalog,
                              const functions::EvalContext& context,
                              SubqueryRunner subquery_runner = nullptr,
                              const QueryInputs* inputs = nullptr,
                              BindMode mode = BindMode::kWithData);

}  // namespace huntbook::analyzer
