// Values passed with a query: `declare query_parameters(...)`, tables passed by name, and
// names given by `as`; plus plan copies and table-name wildcards shared by the sources.
// https://learn.microsoft.com/kusto/query/query-parameters-statement
#include <algorithm>

#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/kql/syntax/parser.h"

namespace huntbook::analyzer {

namespace {

// A parameter value given as text: Kusto parses it "according to its normal parsing rules
// for that type" (the page above), i.e. as a literal of the declared type. Both the bare
// text (`42`, `2024-01-01`) and the literal spelling (`datetime(2024-01-01)`) are read.
Result<Value> ParseParameterText(QueryBinder& binder, const std::string& name, TypeKind type,
                                 const std::string& text, SourcePosition position) {
  if (type == TypeKind::kString) return Value::String(text);
  std::vector<std::string> spellings = {text};
  if (type != TypeKind::kLong && type != TypeKind::kReal) {
    spellings.push_back(std::string(TypeName(type)) + "(" + text + ")");
  }
  for (const std::string& spelling : spellings) {
    Result<kql::ExprPtr> parsed = kql::ParseExpression(spelling);
    if (!parsed.ok()) continue;
    Result<Value> value = binder.BindConstant(**parsed, nullptr);
    if (!value.ok()) continue;
    // An unreadable typed literal (datetime(abc)) binds to a null placeholder: not a value.
    if (value->is_null() && text.find("null") == std::string::npos) continue;
    if (value->type() == type) return *value;
    if (IsNumeric(type) && IsNumeric(value->type())) {
      if (IsRealStored(type)) {
        return type == TypeKind::kDecimal ? Value::Decimal(value->AsDouble())
                                          : Value::Real(value->AsDouble());
      }
      if (IsIntegerStored(value->type())) {
        return type == TypeKind::kInt ? Value::Int(static_cast<int32_t>(value->int_value()))
                                      : Value::Long(value->int_value());
      }
    }
  }
  return SemanticError("query parameter '" + name + "' is declared " + std::string(TypeName(type)) +
                           " but its value '" + text + "' is not a " + std::string(TypeName(type)) +
                           " literal",
                       position);
}

// A value of the declared type, or an error naming the parameter.
Result<Value> ConvertParameter(QueryBinder& binder, const std::string& name, TypeKind type,
                               const Value& value, SourcePosition position) {
  if (value.type() == type) return value;
  if (value.is_null()) return Value::Null(type);
  if (value.type() == TypeKind::kString) {
    return ParseParameterText(binder, name, type, value.string_value(), position);
  }
  bool integral = IsIntegerStored(value.type()) && value.type() != TypeKind::kBool &&
                  value.type() != TypeKind::kDateTime && value.type() != TypeKind::kTimespan;
  if (integral && (type == TypeKind::kLong || type == TypeKind::kInt)) {
    return type == TypeKind::kInt ? Value::Int(static_cast<int32_t>(value.int_value()))
                                  : Value::Long(value.int_value());
  }
  if ((integral || IsRealStored(value.type())) &&
      (type == TypeKind::kReal || type == TypeKind::kDecimal)) {
    return type == TypeKind::kReal ? Value::Real(value.AsDouble())
                                   : Value::Decimal(value.AsDouble());
  }
  return SemanticError("query parameter '" + name + "' is declared " + std::string(TypeName(type)) +
                           " but was given a " + std::string(TypeName(value.type())),
                       position);
}

bool IsTabularTypeName(const std::string& type_name) {
  return !type_name.empty() && type_name.front() == '(';
}

}  // namespace

Result<EnvPtr> QueryBinder::BindDeclareParameters(const kql::Statement& statement, EnvPtr env) {
  static const std::vector<ColumnSchema> kNoColumns;
  for (const kql::ColumnDecl& param : statement.parameters) {
    LetValue let;
    let.env = env;
    if (IsTabularTypeName(param.type_name)) {
      // A tabular parameter: a table passed with the query under this name.
      std::shared_ptr<const Table> table;
      if (inputs_ != nullptr) {
        auto it = inputs_->tables.find(param.name);
        if (it != inputs_->tables.end()) table = it->second;
      }
      if (!table) {
        return SemanticError("no table was passed for query parameter '" + param.name + "'",
                             statement.position);
      }
      let.kind = LetValue::Kind::kTabular;
      let.plan = ValuesNode(table);
      env = Extend(env, param.name, std::move(let));
      continue;
    }
    std::optional<TypeKind> type = ParseTypeName(param.type_name);
    if (!type) {
      return SemanticError(
          "unknown type '" + param.type_name + "' of query parameter '" + param.name + "'",
          statement.position);
    }
    Value value;
    const Value* given = nullptr;
    if (inputs_ != nullptr) {
      auto it = inputs_->parameters.find(param.name);
      if (it != inputs_->parameters.end()) given = &it->second;
    }
    if (given != nullptr) {
      ASSIGN_OR_RETURN(value,
                       ConvertParameter(*this, param.name, *type, *given, statement.position));
    } else if (param.default_value) {
      ASSIGN_OR_RETURN(BoundExprPtr bound,
                       BindScalar(*param.default_value, Scope{&kNoColumns, env}));
      if (!bound->is_constant()) {
        return SemanticError(
            "the default of query parameter '" + param.name + "' must be a constant",
            param.default_value->position);
      }
      ASSIGN_OR_RETURN(value, ConvertParameter(*this, param.name, *type, bound->constant,
                                               param.default_value->position));
    } else {
      return SemanticError("query parameter '" + param.name + "' has no value and no default",
                           statement.position);
    }
    let.kind = LetValue::Kind::kScalar;
    auto constant = std::make_shared<BoundExpr>();
    constant->kind = BoundKind::kConstant;
    constant->type = *type;
    constant->constant = value;
    let.scalar = constant;
    env = Extend(env, param.name, std::move(let));
  }
  return env;
}

PlanPtr QueryBinder::FindQueryTable(std::string_view name) const {
  auto as_it = as_tables_.find(name);
  if (as_it != as_tables_.end()) return as_it->second;
  if (inputs_ == nullptr) return nullptr;
  auto it = inputs_->tables.find(name);
  if (it == inputs_->tables.end()) return nullptr;
  return ValuesNode(it->second);
}

std::vector<std::string> QueryBinder::MatchTableNames(std::string_view pattern) const {
  std::vector<std::string> names;
  for (const std::string& table : catalog_.TableNames()) {
    if (NameMatchesPattern(pattern, table)) names.push_back(table);
  }
  if (inputs_ != nullptr) {
    for (const auto& [table, unused] : inputs_->tables) {
      if (NameMatchesPattern(pattern, table) &&
          std::find(names.begin(), names.end(), table) == names.end()) {
        names.push_back(table);
      }
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool NameMatchesPattern(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == text[t]) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

PlanPtr CopyPlan(const PlanPtr& plan) {
  if (!plan) return plan;
  auto copy = std::make_shared<PlanNode>(*plan);
  for (PlanPtr& child : copy->children) child = CopyPlan(child);
  return copy;
}

PlanPtr ValuesNode(std::shared_ptr<const Table> table) {
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kValues;
  node->schema = table->schema;
  node->values = std::move(table);
  return node;
}

}  // namespace huntbook::analyzer
