// `huntbook check`: parses and binds queries without running them, against table schema
// files (schema_catalog.h). The output of the single-query form is a stable contract
// (scripts/conformance.py reads it):
//   huntbook check [--schemas DIR] [--result-schema] (QUERY | -f FILE)
//     exit 0, first line "OK", then the optimized plan, or with --result-schema one
//       "name:type" line per column of the query's result (Kusto type names);
//     exit 1, one line: the first error, "SyntaxError: ... (line L, column C)" from the
//       parser, another code from the binder ("SemanticError: ...", "NotSupported: ...");
//     exit 2, a usage or schema-directory error on stderr.
//   huntbook check --schemas DIR --jsonl FILE   (FILE "-" = stdin)
//     many queries in one process: JSON Lines in, one JSON line out per query, in order,
//     in the shape tools/kql-reference/reference.mjs writes for Microsoft's front end:
//     {"id"|"line", "parse_ok", "bind_ok", "first_error": null | {"message", "offset"},
//      "result_schema": null | [{"name", "type"}, ...]}. Input lines carry `query` (or
//     `query_expanded`, preferred) and optionally `id`. Exit 0 unless the input is
//     unreadable or a line is not such an object (exit 2, the line named on stderr).
#pragma once

#include <string>

namespace huntbook::tools {

struct CheckOptions {
  std::string schemas;  // empty: parse only (single-query form)
  bool result_schema = false;
  std::string jsonl;  // non-empty: the batch form
};

// `text` is the query of the single-query form; ignored in the batch form.
int RunCheckCommand(const CheckOptions& options, const std::string& text);

}  // namespace huntbook::tools
