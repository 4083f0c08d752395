// evaluate ipv4_lookup / ipv6_lookup: a lookup join on an IP address against a table of
// ranges. The output schema does not depend on the data, so these bind to a plan node
// (kIpLookup) rather than running their input while binding as bag_unpack does.
// https://learn.microsoft.com/kusto/query/ipv4-lookup-plugin
// https://learn.microsoft.com/kusto/query/ipv6-lookup-plugin
#include <algorithm>

#include "huntbook/kql/analyzer/evaluate_plugins.h"
#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::analyzer {

namespace {

int FindColumn(const std::vector<ColumnSchema>& schema, const std::string& name) {
  for (size_t i = 0; i < schema.size(); ++i) {
    if (schema[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

Result<PlanPtr> QueryBinder::BindIpLookup(const PluginCall& call, const std::string& plugin,
                                          PlanPtr input, const EnvPtr& env) {
  const bool ipv6 = plugin == "ipv6_lookup";
  if (call.args.size() < 3) {
    return SemanticError(plugin + " needs a lookup table, a source column and a lookup column",
                         call.position);
  }
  ASSIGN_OR_RETURN(PlanPtr lookup, BindTabular(*call.args[0], env));
  auto spec = std::make_shared<planner::IpLookupSpec>();
  spec->ipv6 = ipv6;
  // The two key columns: names of string columns of each side.
  auto key_column = [&](const kql::Expr& arg, const std::vector<ColumnSchema>& schema,
                        const char* side) -> Result<int> {
    if (arg.kind != kql::ExprKind::kName) {
      return SemanticError(plugin + " needs a column name of the " + side, arg.position);
    }
    int index = FindColumn(schema, arg.name);
    if (index < 0) {
      return SemanticError("unknown column '" + arg.name + "' in the " + side + " of " + plugin,
                           arg.position);
    }
    if (schema[index].type != TypeKind::kString) {
      return SemanticError(plugin + " key '" + arg.name + "' must be a string, it is " +
                               std::string(TypeName(schema[index].type)),
                           arg.position);
    }
    return index;
  };
  ASSIGN_OR_RETURN(spec->source_key, key_column(*call.args[1], input->schema, "input"));
  ASSIGN_OR_RETURN(spec->lookup_key, key_column(*call.args[2], lookup->schema, "lookup table"));
  // Then extra key columns (ipv4_lookup only), and last an optional return_unmatched flag.
  for (size_t i = 3; i < call.args.size(); ++i) {
    const kql::Expr& arg = *call.args[i];
    if (!ipv6 && arg.kind == kql::ExprKind::kName && FindColumn(input->schema, arg.name) >= 0) {
      int left = FindColumn(input->schema, arg.name), right = FindColumn(lookup->schema, arg.name);
      if (right < 0) {
        return SemanticError("extra key '" + arg.name + "' is not a column of the lookup table",
                             arg.position);
      }
      if (input->schema[left].type != lookup->schema[right].type) {
        return SemanticError(
            "extra key '" + arg.name + "' has type " +
                std::string(TypeName(input->schema[left].type)) + " in the input and " +
                std::string(TypeName(lookup->schema[right].type)) + " in the lookup table",
            arg.position);
      }
      spec->extra_keys.push_back({left, right});
      continue;
    }
    if (i + 1 != call.args.size()) {
      return SemanticError(plugin + ": unexpected argument (extra keys are columns of both tables)",
                           arg.position);
    }
    ASSIGN_OR_RETURN(Value flag, BindConstant(arg, env));
    if (flag.type() != TypeKind::kBool || flag.is_null()) {
      return SemanticError(plugin + ": return_unmatched must be a bool", arg.position);
    }
    spec->return_unmatched = flag.bool_value();
  }
  for (const auto& [name, value] : call.named) {
    if (name != "return_unmatched") {
      return SemanticError("unknown " + plugin + " argument '" + name + "'", call.position);
    }
    if (value.type() != TypeKind::kBool || value.is_null()) {
      return SemanticError(plugin + ": return_unmatched must be a bool", call.position);
    }
    spec->return_unmatched = value.bool_value();
  }
  if (call.has_output_schema) {
    return NotSupported(plugin + " with an output schema", call.position);
  }
  // Output: the input's columns, then the lookup table's except the extra keys; a name
  // taken already gets a numeric suffix, as join and lookup name them.
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kIpLookup;
  node->schema = input->schema;
  for (size_t c = 0; c < lookup->schema.size(); ++c) {
    bool extra = std::any_of(spec->extra_keys.begin(), spec->extra_keys.end(),
                             [&](const auto& key) { return key.second == static_cast<int>(c); });
    if (extra) continue;
    std::string name = lookup->schema[c].name;
    if (FindColumn(node->schema, name) >= 0) name = NextColumnName(node->schema, name);
    node->schema.push_back({name, lookup->schema[c].type});
    spec->lookup_columns.push_back(static_cast<int>(c));
  }
  node->children = {input, lookup};
  node->spec = spec;
  return PlanPtr(node);
}

}  // namespace huntbook::analyzer
