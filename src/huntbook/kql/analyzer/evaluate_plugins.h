// Internal to the analyzer: the arguments of an `evaluate` plugin call, as the plugin
// binders (evaluate_binder.cc, pivot_binder.cc) read them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "huntbook/kql/syntax/ast.h"
#include "huntbook/vector/column.h"

namespace huntbook::analyzer {

struct PluginCall {
  SourcePosition position;
  std::vector<kql::ExprPtr> args;           // positional arguments, as written
  std::map<std::string, Value> named;       // name = constant (columnsConflict='x')
  bool has_output_schema = false;           // `: (a:long, ...)` given
  bool output_star = false;                 // `: (*, a:long)`: keep the input columns
  std::vector<ColumnSchema> output_schema;  // the declared columns (without `*`)
};

// Adds the open-schema column (binder.h, kOpenSchemaColumn) unless the table has it.
void MarkOpen(Table& table);

// Parses an evaluate output schema "(a:long, b:string)" / "(*, a:long)".
Result<std::vector<ColumnSchema>> ParseOutputSchema(const std::string& text, bool* star,
                                                    SourcePosition position);

}  // namespace huntbook::analyzer
