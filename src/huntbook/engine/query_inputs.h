// Internal to engine/: what Engine::Query takes from the request besides the text —
// query parameters and tables for the binder, the externaldata allow-list — and the
// `render` metadata it returns with the result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "huntbook/engine/engine.h"
#include "huntbook/kql/analyzer/binder.h"
#include "huntbook/kql/syntax/ast.h"

namespace huntbook::engine {

// The binder's view of options.parameters and options.tables.
analyzer::QueryInputs MakeQueryInputs(const QueryOptions& options);

// Directories externaldata may read: HUNTBOOK_EXTERNALDATA_ALLOW (':'-separated) plus
// options.external_data_allow.
std::vector<std::string> ExternalDataAllowList(const QueryOptions& options);

// The query's final `render` operator (https://learn.microsoft.com/kusto/query/render-operator):
// its visualization and with(...) properties (string literals unquoted, other values as
// written); nullopt when the last tabular statement does not end in render.
std::optional<RenderInfo> FindRender(const kql::Query& query);

}  // namespace huntbook::engine
