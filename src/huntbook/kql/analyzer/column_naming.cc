// Default column names of unnamed expressions (DerivedName, query_binder.h).
//
// Kusto names an unnamed projected or grouped expression after the column it is computed
// from when the outermost function keeps the value's identity: `tostring(x)` -> x,
// `startofday(TimeGenerated)` -> TimeGenerated, `bin(T, 1h)` -> T, and an aggregate after
// its prefix and argument (`make_set(x)` -> set_x). Other calls get Column1, Column2...
// (https://learn.microsoft.com/kusto/query/project-operator: "If not specified, the
// name is derived from the expression"). The per-function rule below is the one of
// Microsoft's KQL front end, which the conformance corpus is checked against.
#include <string>
#include <string_view>

#include "huntbook/functions/aggregate_function.h"
#include "huntbook/kql/analyzer/query_binder.h"

namespace huntbook::analyzer {
namespace {

enum class Naming {
  kNone,           // Column1, Column2, ...
  kFirstArgument,  // the first argument's name
  kOnlyArgument,   // the argument's name when there is exactly one argument
  kPrefixed,       // prefix + "_" + the first argument's name
};

struct FunctionNaming {
  std::string_view function;
  Naming naming;
  std::string_view prefix = {};
};

constexpr FunctionNaming kFunctionNaming[] = {
    // Conversions keep the value's name.
    {"tostring", Naming::kFirstArgument},
    {"tohex", Naming::kFirstArgument},
    {"todynamic", Naming::kFirstArgument},
    {"toobject", Naming::kFirstArgument},
    {"tolong", Naming::kFirstArgument},
    {"toint", Naming::kFirstArgument},
    {"toreal", Naming::kFirstArgument},
    {"todouble", Naming::kFirstArgument},
    {"todatetime", Naming::kFirstArgument},
    {"totimespan", Naming::kFirstArgument},
    {"totime", Naming::kFirstArgument},
    {"tobool", Naming::kFirstArgument},
    {"toboolean", Naming::kFirstArgument},
    {"todecimal", Naming::kFirstArgument},
    {"toguid", Naming::kFirstArgument},
    {"parse_json", Naming::kFirstArgument},
    {"parsejson", Naming::kFirstArgument},
    {"parse_xml", Naming::kFirstArgument},
    {"parse_csv", Naming::kFirstArgument},
    {"split", Naming::kFirstArgument},
    {"format_datetime", Naming::kFirstArgument},
    {"format_timespan", Naming::kFirstArgument},
    // Rounding keeps the value's name.
    {"bin", Naming::kFirstArgument},
    {"floor", Naming::kFirstArgument},
    {"bin_at", Naming::kFirstArgument},
    {"startofday", Naming::kFirstArgument},
    {"binary_and", Naming::kFirstArgument},
    {"binary_or", Naming::kFirstArgument},
    {"binary_xor", Naming::kFirstArgument},
    {"binary_not", Naming::kFirstArgument},
    {"binary_shift_left", Naming::kFirstArgument},
    {"binary_shift_right", Naming::kFirstArgument},
    {"bitset_count_ones", Naming::kFirstArgument},
    {"make_datetime", Naming::kOnlyArgument},
    {"make_timespan", Naming::kOnlyArgument},
    {"strlen", Naming::kPrefixed, "strlen"},
    {"string_size", Naming::kPrefixed, "string_size"},
    {"gettype", Naming::kPrefixed, "type"},
    {"treepath", Naming::kPrefixed, "tree"},
    {"repeat", Naming::kPrefixed, "repeat"},
};

std::string CallName(const kql::Expr& call) {
  if (const functions::AggregateFunction* aggregate = functions::FindAggregateFunction(call.name)) {
    // make_set(x) -> set_x, count() -> count_; arg_max and take_any (no prefix) name
    // their outputs after their arguments, which is not one name.
    if (aggregate->default_name_prefix.empty()) return "";
    std::string first = call.args.empty() ? "" : DerivedName(*call.args[0]);
    return aggregate->default_name_prefix + first;
  }
  for (const FunctionNaming& entry : kFunctionNaming) {
    if (entry.function != call.name) continue;
    if (call.args.empty()) return "";
    if (entry.naming == Naming::kOnlyArgument && call.args.size() != 1) return "";
    std::string first = DerivedName(*call.args[0]);
    if (entry.naming != Naming::kPrefixed || first.empty()) return first;
    return std::string(entry.prefix) + "_" + first;
  }
  return "";
}

}  // namespace

std::string DerivedName(const kql::Expr& expr) {
  switch (expr.kind) {
    case kql::ExprKind::kName:
      return expr.name;
    case kql::ExprKind::kMember: {
      // d.a.b -> "d_a_b" as Kusto names projected member accesses.
      std::string base = DerivedName(*expr.args[0]);
      return base.empty() ? "" : base + "_" + expr.name;
    }
    case kql::ExprKind::kIndex: {
      std::string base = DerivedName(*expr.args[0]);
      const kql::Expr& key = *expr.args[1];
      if (base.empty() || key.kind != kql::ExprKind::kLiteral) return "";
      return base + "_" + key.literal.ToString();
    }
    case kql::ExprKind::kBinary:
      // A named argument `bin(Minute5 = Timestamp, 5m)` names the result.
      if (expr.op == "=" && expr.args[0]->kind == kql::ExprKind::kName) return expr.args[0]->name;
      return "";
    case kql::ExprKind::kCall:
      return CallName(expr);
    default:
      return "";
  }
}

}  // namespace huntbook::analyzer
