// The scalar function catalogue: each KQL scalar function (and each string predicate
// operator such as `has`, `contains`, `matches regex`, `in~`) is one ScalarFunction entry:
// its name, a doc link, a binder that computes the result type from argument types (or
// rejects them), and a vectorized kernel.
//
// Kernel contract: `args` are columns of `rows` rows or of size 1 (a constant broadcast to
// all rows; read row i with At(col, i)). The kernel returns a column of exactly `rows` rows
// of the type Bind returned for these argument types. Kernels never throw; bad input
// values give null results (Kusto's rule for failed conversions). A kernel may return an
// error Status only for errors Kusto raises at run time (e.g. an invalid regex).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/types/type.h"
#include "huntbook/vector/column.h"

namespace huntbook::functions {

struct EvalContext {
  int64_t now_ticks = 0;  // now() for the whole query (one instant per query)
};

using BindFn = std::function<Result<TypeKind>(std::span<const TypeKind> arg_types)>;
using KernelFn = std::function<Result<ColumnPtr>(std::span<const ColumnPtr> args, size_t rows,
                                                 const EvalContext& context)>;

// Binder conventions for arguments that are not ordinary values:
//  - typeof(T) (e.g. extract(regex, group, text, typeof(long))): pass an argument whose
//    TYPE is T, i.e. a size-1 null constant Column::Constant(Value::Null(T)). Bind then sees
//    the target type (extract returns T; typeof(string) gives string).
//  - in-lists for has_any/has_all: pass each list element as its own argument after the
//    haystack; a dynamic array argument contributes each of its elements.
//  - the string predicate operators are registered under their operator text ("has",
//    "!has", "has_cs", "=~", "!~", "matches regex", ...): (haystack, needle) -> bool.
struct ScalarFunction {
  std::string name;     // KQL name, e.g. "tolower", "has", "!has", "matches regex"
  std::string doc_url;  // the learn.microsoft.com page that defines its behaviour
  int min_args = 0;
  int max_args = 0;  // -1 = variadic
  BindFn bind;
  KernelFn kernel;
  // False for functions whose result differs between calls with the same arguments (rand):
  // the binder never folds them into constants.
  bool deterministic = true;
  // Functions that return several columns (`extend (a, b) = series_fit_line(y)`): each
  // output's name suffix and type. The kernel returns a dynamic bag holding every output
  // under its suffix; the binder expands the call into one column per output, named by the
  // tuple or by default <function>_<argument>_<suffix>. Empty for ordinary functions.
  std::vector<std::pair<std::string, TypeKind>> tuple_outputs = {};
};

// Returns the entry for a name (exact, case-sensitive as KQL), or nullptr.
const ScalarFunction* FindScalarFunction(std::string_view name);

// All registered names (for docs and "did you mean").
std::vector<std::string> ScalarFunctionNames();

// Registers every family (idempotent, thread-safe). Each family's .cc exposes a
// `void RegisterXxxFunctions()` that this calls; no static registrars (they get dropped
// from static libraries).
void RegisterAllScalarFunctions();

// Adds an entry. REQUIRES: name not yet registered.
void RegisterScalarFunction(ScalarFunction function);

}  // namespace huntbook::functions
