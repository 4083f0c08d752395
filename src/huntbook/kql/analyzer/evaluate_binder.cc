// evaluate plugins whose output columns depend on the data: bag_unpack, pivot, narrow.
// (ipv4_lookup, ipv6_lookup and basket have a fixed schema and bind to plan nodes.)
//
// Design choice: the binder needs the output schema, and here the schema is a function of
// the input rows. So these plugins run their input while binding, through the
// SubqueryRunner (as toscalar does), and bind to a constant table (kValues) holding the
// plugin's output. The input runs once. `huntbook check` binds with a runner that returns an
// empty table of the input's schema, so such queries still bind there (with only the
// columns the data does not decide, or the declared `: (OutputSchema)`).
#include <algorithm>
#include <map>

#include "huntbook/kql/analyzer/evaluate_plugins.h"
#include "huntbook/kql/analyzer/query_binder.h"

namespace huntbook::analyzer {

namespace {

TypeKind SlotType(const Dynamic& value) {
  switch (value.kind()) {
    case Dynamic::Kind::kBool:
      return TypeKind::kBool;
    case Dynamic::Kind::kLong:
      return TypeKind::kLong;
    case Dynamic::Kind::kReal:
      return TypeKind::kReal;
    case Dynamic::Kind::kString:
      return TypeKind::kString;
    case Dynamic::Kind::kDateTime:
      return TypeKind::kDateTime;
    case Dynamic::Kind::kTimespan:
      return TypeKind::kTimespan;
    case Dynamic::Kind::kGuid:
      return TypeKind::kGuid;
    default:
      return TypeKind::kDynamic;
  }
}

// The slot value as a cell of a `type` column (null when it does not fit).
Value SlotValue(const Dynamic& value, TypeKind type) {
  if (value.is_null()) return Value::Null(type);
  if (type == TypeKind::kDynamic) return Value::Dyn(value);
  if (SlotType(value) != type) {
    if (type == TypeKind::kString) return Value::String(Value::Dyn(value).ToString());
    if (type == TypeKind::kLong && value.kind() == Dynamic::Kind::kReal) {
      return Value::Long(static_cast<int64_t>(value.real_value()));
    }
    if (type == TypeKind::kReal && value.kind() == Dynamic::Kind::kLong) {
      return Value::Real(static_cast<double>(value.long_value()));
    }
    if (type == TypeKind::kInt && value.kind() == Dynamic::Kind::kLong) {
      return Value::Int(static_cast<int32_t>(value.long_value()));
    }
    return Value::Null(type);
  }
  switch (type) {
    case TypeKind::kBool:
      return Value::Bool(value.bool_value());
    case TypeKind::kLong:
      return Value::Long(value.long_value());
    case TypeKind::kReal:
      return Value::Real(value.real_value());
    case TypeKind::kString:
      return Value::String(value.string_value());
    case TypeKind::kDateTime:
      return Value::DateTime(value.long_value());
    case TypeKind::kTimespan:
      return Value::Timespan(value.long_value());
    case TypeKind::kGuid:
      return Value::Guid(value.string_value());
    default:
      return Value::Dyn(value);
  }
}

int FindColumn(const std::vector<ColumnSchema>& schema, std::string_view name) {
  for (size_t i = 0; i < schema.size(); ++i) {
    if (schema[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

void MarkOpen(Table& table) {
  if (IsOpenSchema(table.schema)) return;
  table.schema.push_back({std::string(kOpenSchemaColumn), TypeKind::kDynamic});
  auto column = std::make_shared<Column>(TypeKind::kDynamic);
  for (size_t row = 0; row < table.rows; ++row) column->Append(Value::Null(TypeKind::kDynamic));
  table.columns.push_back(column);
}

Result<std::vector<ColumnSchema>> ParseOutputSchema(const std::string& text, bool* star,
                                                    SourcePosition position) {
  std::vector<ColumnSchema> schema;
  *star = false;
  std::string body = text;
  if (body.size() < 2 || body.front() != '(' || body.back() != ')') {
    return SemanticError("bad output schema '" + text + "'", position);
  }
  body = body.substr(1, body.size() - 2);
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find(',', start);
    if (end == std::string::npos) end = body.size();
    std::string item = body.substr(start, end - start);
    item.erase(0, item.find_first_not_of(" \t\n"));
    item.erase(item.find_last_not_of(" \t\n") + 1);
    if (item == "*") {
      *star = true;
    } else if (!item.empty()) {
      size_t colon = item.find(':');
      if (colon == std::string::npos) {
        return SemanticError("bad output schema column '" + item + "'", position);
      }
      std::string name = item.substr(0, colon), type_name = item.substr(colon + 1);
      name.erase(name.find_last_not_of(" \t\n") + 1);
      type_name.erase(0, type_name.find_first_not_of(" \t\n"));
      std::optional<TypeKind> type = ParseTypeName(type_name);
      if (!type) return SemanticError("unknown type '" + type_name + "'", position);
      schema.push_back({name, *type});
    }
    start = end + 1;
  }
  return schema;
}

Result<PlanPtr> QueryBinder::BindEvaluate(const kql::Operator& op, PlanPtr input,
                                          const EnvPtr& env) {
  const kql::Expr* call = !op.exprs.empty() && op.exprs[0].expr ? op.exprs[0].expr.get() : nullptr;
  std::string plugin = call != nullptr ? call->name : "";
  bool planned = plugin == "ipv4_lookup" || plugin == "ipv6_lookup" || plugin == "basket";
  bool known = planned || plugin == "bag_unpack" || plugin == "pivot" || plugin == "narrow";
  if (!known || input == nullptr) {
    return NotSupported("plugin '" + plugin + "' (evaluate)", op.position);
  }
  for (const kql::OperatorParam& param : op.params) {
    if (param.name.rfind("hint.", 0) != 0) {
      return NotSupported("evaluate parameter '" + param.name + "'", param.position);
    }
  }
  PluginCall plugin_call;
  plugin_call.position = call->position;
  for (const kql::ExprPtr& arg : call->args) {
    if (arg->kind == kql::ExprKind::kBinary && arg->op == "=" &&
        arg->args[0]->kind == kql::ExprKind::kName) {
      ASSIGN_OR_RETURN(Value value, BindConstant(*arg->args[1], env));
      plugin_call.named[arg->args[0]->name] = value;
    } else {
      plugin_call.args.push_back(arg);
    }
  }
  if (!op.text.empty()) {
    bool star = false;
    ASSIGN_OR_RETURN(plugin_call.output_schema, ParseOutputSchema(op.text, &star, op.position));
    plugin_call.output_star = star;
    plugin_call.has_output_schema = true;
  }
  if (plugin == "basket") return BindBasket(plugin_call, input, env);
  if (planned) return BindIpLookup(plugin_call, plugin, input, env);
  if (!runner_) return NotSupported("plugin '" + plugin + "' in this context", op.position);
  // Without data the columns bag_unpack and pivot would find are unknown: the output is
  // open (binder.h, kOpenSchemaColumn) unless the query declares it.
  const bool open =
      mode_ == BindMode::kSchemaOnly && plugin != "narrow" && !plugin_call.has_output_schema;
  if (plugin == "pivot") return BindPivot(plugin_call, input, env);
  // bag_unpack and narrow read columns of the input as it is.
  ASSIGN_OR_RETURN(Table table, runner_(input));
  std::shared_ptr<Table> out;
  if (plugin == "narrow") {
    ASSIGN_OR_RETURN(out, Narrow(table));
  } else if (open && IsOpenSchema(table.schema) && !call->args.empty() &&
             call->args[0]->kind == kql::ExprKind::kName &&
             FindColumn(table.schema, call->args[0]->name) < 0) {
    out = std::make_shared<Table>(table);  // unpacking a column the open input may have
  } else {
    ASSIGN_OR_RETURN(out, BagUnpack(plugin_call, table, env));
  }
  if (open) MarkOpen(*out);
  return ValuesNode(out);
}

// https://learn.microsoft.com/kusto/query/bag-unpack-plugin
Result<std::shared_ptr<Table>> QueryBinder::BagUnpack(const PluginCall& call, const Table& input,
                                                      const EnvPtr& env) {
  if (call.args.empty()) return SemanticError("bag_unpack needs a column", call.position);
  const kql::Expr& column_expr = *call.args[0];
  if (column_expr.kind != kql::ExprKind::kName) {
    return SemanticError("bag_unpack needs a column name", column_expr.position);
  }
  int source = FindColumn(input.schema, column_expr.name);
  if (source < 0) {
    return SemanticError("unknown column '" + column_expr.name + "'", column_expr.position);
  }
  if (input.schema[source].type != TypeKind::kDynamic) {
    return SemanticError("bag_unpack needs a dynamic column, '" + column_expr.name + "' is " +
                             std::string(TypeName(input.schema[source].type)),
                         column_expr.position);
  }
  std::string prefix;
  std::string conflict = "error";
  std::vector<std::string> ignored;
  for (size_t i = 1; i < call.args.size(); ++i) {
    ASSIGN_OR_RETURN(Value value, BindConstant(*call.args[i], env));
    if (i == 1) prefix = value.ToString();
    if (i == 2) conflict = value.ToString();
    if (i == 3 && value.type() == TypeKind::kDynamic && value.dynamic_value().is_array()) {
      for (const Dynamic& name : value.dynamic_value().array()) {
        ignored.push_back(Value::Dyn(name).ToString());
      }
    }
  }
  for (const auto& [name, value] : call.named) {
    if (name == "OutputColumnPrefix") {
      prefix = value.ToString();
    } else if (name == "columnsConflict") {
      conflict = value.ToString();
    } else if (name == "ignoredProperties" && value.type() == TypeKind::kDynamic &&
               value.dynamic_value().is_array()) {
      for (const Dynamic& item : value.dynamic_value().array()) {
        ignored.push_back(Value::Dyn(item).ToString());
      }
    } else {
      return SemanticError("unknown bag_unpack argument '" + name + "'", call.position);
    }
  }
  if (conflict != "error" && conflict != "replace_source" && conflict != "keep_source") {
    return SemanticError("columnsConflict must be error, replace_source or keep_source",
                         call.position);
  }
  const Column& bags = *input.columns[source];
  // Slots: name -> type over all rows (differing types -> dynamic).
  std::map<std::string, std::optional<TypeKind>> slots;
  for (size_t row = 0; row < input.rows; ++row) {
    size_t i = At(bags, row);
    if (bags.IsNull(i)) continue;
    const Dynamic& bag = bags.GetDynamic(i);
    if (!bag.is_object()) continue;
    for (const auto& [key, value] : bag.object()) {
      if (std::find(ignored.begin(), ignored.end(), key) != ignored.end()) continue;
      auto& type = slots[key];
      if (value.is_null()) continue;
      TypeKind kind = SlotType(value);
      if (!type) {
        type = kind;
      } else if (*type != kind) {
        type = TypeKind::kDynamic;
      }
    }
  }
  // Output: the input's other columns, then one column per slot (sorted by name).
  auto out = std::make_shared<Table>();
  std::vector<int> kept;
  std::vector<std::pair<std::string, std::string>> unpacked;  // output name, slot
  std::vector<TypeKind> unpacked_types;
  std::vector<ColumnSchema> declared = call.output_schema;
  if (!call.has_output_schema || call.output_star) {
    for (size_t c = 0; c < input.schema.size(); ++c) {
      if (static_cast<int>(c) != source) kept.push_back(static_cast<int>(c));
    }
  }
  if (call.has_output_schema) {
    for (const ColumnSchema& column : declared) {
      int existing = FindColumn(input.schema, column.name);
      if (existing >= 0 && existing != source && call.output_star) continue;
      std::string slot = column.name.substr(
          prefix.size() <= column.name.size() && column.name.rfind(prefix, 0) == 0 ? prefix.size()
                                                                                   : 0);
      unpacked.push_back({column.name, slot});
      unpacked_types.push_back(column.type);
    }
  } else {
    for (const auto& [slot, type] : slots) {
      std::string name = prefix + slot;
      int existing = FindColumn(input.schema, name);
      if (existing >= 0 && existing != source) {
        if (conflict == "error") {
          return SemanticError(
              "bag_unpack: column '" + name + "' already exists (use columnsConflict)",
              call.position);
        }
        if (conflict == "keep_source") continue;
        kept.erase(std::remove(kept.begin(), kept.end(), existing), kept.end());
      }
      unpacked.push_back({name, slot});
      unpacked_types.push_back(type.value_or(TypeKind::kDynamic));
    }
  }
  for (int c : kept) {
    out->schema.push_back(input.schema[c]);
    out->columns.push_back(input.columns[c]);
  }
  for (size_t k = 0; k < unpacked.size(); ++k) {
    auto column = std::make_shared<Column>(unpacked_types[k]);
    for (size_t row = 0; row < input.rows; ++row) {
      size_t i = At(bags, row);
      Dynamic value = bags.IsNull(i) ? Dynamic() : bags.GetDynamic(i).Get(unpacked[k].second);
      column->Append(SlotValue(value, unpacked_types[k]));
    }
    out->schema.push_back({unpacked[k].first, unpacked_types[k]});
    out->columns.push_back(column);
  }
  out->rows = input.rows;
  // Broadcast constants of the input become full columns.
  for (ColumnPtr& column : out->columns) {
    if (column->size() != out->rows) {
      auto full = std::make_shared<Column>(column->type());
      for (size_t row = 0; row < out->rows; ++row) full->AppendFrom(*column, 0);
      column = full;
    }
  }
  return out;
}

// https://learn.microsoft.com/kusto/query/narrow-plugin: one row per cell, as
// (Row, Column, Value) with the value as a string.
Result<std::shared_ptr<Table>> QueryBinder::Narrow(const Table& input) {
  auto out = std::make_shared<Table>();
  out->schema = {
      {"Row", TypeKind::kInt}, {"Column", TypeKind::kString}, {"Value", TypeKind::kString}};
  auto rows = std::make_shared<Column>(TypeKind::kInt);
  auto names = std::make_shared<Column>(TypeKind::kString);
  auto values = std::make_shared<Column>(TypeKind::kString);
  for (size_t row = 0; row < input.rows; ++row) {
    for (size_t c = 0; c < input.schema.size(); ++c) {
      const Column& column = *input.columns[c];
      rows->AppendInt(static_cast<int64_t>(row));
      names->AppendString(input.schema[c].name);
      values->AppendString(column.Get(At(column, row)).ToString());
    }
  }
  out->columns = {rows, names, values};
  out->rows = rows->size();
  return out;
}

}  // namespace huntbook::analyzer
