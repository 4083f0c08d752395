// Binder: syntax tree -> typed logical plan. Resolves table, column, let and function
// names, applies Kusto's type rules and implicit conversions, folds constants (now(),
// ago(1d), literals) and reports the first error with its position.
//
// Errors: SemanticError for unknown names and type mismatches ("unknown column 'Foo'",
// "operator '+' cannot combine string and long"), NotSupported naming the construct for
// valid KQL huntbook does not run yet ("not supported: operator 'make-series'").
#pragma once

#include <functional>
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
};

// Runs a bound sub-plan during binding, for constructs whose value the plan needs as a
// constant: toscalar(T), `x in (T | project c)`. nullptr = such constructs are rejected.
using SubqueryRunner = std::function<Result<Table>(const planner::PlanPtr& plan)>;

// Binds the query's last tabular statement (after its let/set statements).
Result<planner::PlanPtr> Bind(const kql::Query& query, const Catalog& catalog,
                              const functions::EvalContext& context,
                              SubqueryRunner subquery_runner = nullptr);

}  // namespace huntbook::analyzer
