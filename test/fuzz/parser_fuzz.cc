// libFuzzer target for the KQL lexer and parser: any input must give a tree or a
// syntax error, never a crash, hang, leak or undefined behaviour. Run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "huntbook/kql/syntax/parser.h"
#include "huntbook/kql/syntax/tree_printer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  huntbook::Result<huntbook::kql::Query> query = huntbook::kql::Parse(text);
  if (query.ok()) {
    std::string printed = huntbook::kql::PrintTree(*query);
    (void)printed;
  } else if (query.status().code() != huntbook::StatusCode::kSyntaxError) {
    __builtin_trap();  // the parser's only failure is a syntax error
  }
  huntbook::Result<huntbook::kql::ExprPtr> expr = huntbook::kql::ParseExpression(text);
  if (expr.ok() && *expr) {
    std::string printed = huntbook::kql::PrintTree(**expr);
    (void)printed;
  }
  return 0;
}
