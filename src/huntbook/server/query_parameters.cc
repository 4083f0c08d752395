#include "huntbook/server/query_parameters.h"

#include "huntbook/kql/syntax/parser.h"
#include "huntbook/types/datetime.h"

namespace huntbook::server {
namespace {

Status NotA(std::string_view name, std::string_view type, std::string_view text) {
  return InvalidArgument("query parameter '" + std::string(name) + "': '" + std::string(text) +
                         "' is not a " + std::string(type) + " literal");
}

// Text of a supplied value: strings as is, everything else as JSON.
std::string TextOf(const Dynamic& supplied) {
  if (supplied.kind() == Dynamic::Kind::kString) return supplied.string_value();
  return supplied.ToJson();
}

}  // namespace

std::map<std::string, std::string> DeclaredQueryParameters(std::string_view query_text) {
  std::map<std::string, std::string> declared;
  Result<kql::Query> query = kql::Parse(query_text);
  if (!query.ok()) return declared;
  for (const auto& statement : query->statements) {
    if (statement->kind != kql::StatementKind::kDeclareParameters) continue;
    for (const kql::ColumnDecl& parameter : statement->parameters) {
      declared[parameter.name] = parameter.type_name;
    }
  }
  return declared;
}

Result<Value> ParameterValue(std::string_view name, std::string_view declared_type,
                             const Dynamic& supplied) {
  std::optional<TypeKind> type = ParseTypeName(declared_type);
  if (!type) {
    return NotSupported("query parameter type '" + std::string(declared_type) + "'");
  }
  if (supplied.is_null()) return Value::Null(*type);
  Dynamic::Kind kind = supplied.kind();
  switch (*type) {
    case TypeKind::kString:
      return Value::String(TextOf(supplied));
    case TypeKind::kLong:
    case TypeKind::kInt:
      if (kind == Dynamic::Kind::kLong) {
        return *type == TypeKind::kInt ? Value::Int(static_cast<int32_t>(supplied.long_value()))
                                       : Value::Long(supplied.long_value());
      }
      break;
    case TypeKind::kReal:
      if (kind == Dynamic::Kind::kLong)
        return Value::Real(static_cast<double>(supplied.long_value()));
      if (kind == Dynamic::Kind::kReal) return Value::Real(supplied.real_value());
      break;
    case TypeKind::kBool:
      if (kind == Dynamic::Kind::kBool) return Value::Bool(supplied.bool_value());
      break;
    case TypeKind::kDynamic:
      if (kind == Dynamic::Kind::kArray || kind == Dynamic::Kind::kObject) {
        return Value::Dyn(supplied);
      }
      break;
    default:
      break;
  }
  std::string text = TextOf(supplied);
  // Bare forms clients also send: "2024-01-01T00:00:00Z", "01:00:00", a guid, JSON.
  if (*type == TypeKind::kDateTime) {
    if (auto ticks = ParseDateTime(text)) return Value::DateTime(*ticks);
  } else if (*type == TypeKind::kTimespan) {
    if (auto ticks = ParseTimespan(text)) return Value::Timespan(*ticks);
  } else if (*type == TypeKind::kDynamic) {
    std::string_view inner = text;
    if (inner.substr(0, 8) == "dynamic(" && inner.back() == ')') {
      inner = inner.substr(8, inner.size() - 9);
    }
    Result<Dynamic> parsed = Dynamic::Parse(inner);
    if (!parsed.ok()) return NotA(name, declared_type, text);
    return Value::Dyn(*parsed);
  }
  Result<kql::ExprPtr> expr = kql::ParseExpression(text);
  if (!expr.ok() || (*expr)->kind != kql::ExprKind::kLiteral) {
    return NotA(name, declared_type, text);
  }
  Value literal = (*expr)->literal;
  if (literal.type() == *type) return literal;
  if (literal.is_null()) return Value::Null(*type);
  if (*type == TypeKind::kLong && literal.type() == TypeKind::kInt) {
    return Value::Long(literal.int_value());
  }
  if (*type == TypeKind::kInt && literal.type() == TypeKind::kLong) {
    return Value::Int(static_cast<int32_t>(literal.int_value()));
  }
  if ((*type == TypeKind::kReal || *type == TypeKind::kDecimal) && IsNumeric(literal.type())) {
    return *type == TypeKind::kReal ? Value::Real(literal.AsDouble())
                                    : Value::Decimal(literal.AsDouble());
  }
  if (*type == TypeKind::kGuid && literal.type() == TypeKind::kString) {
    return Value::Guid(literal.string_value());
  }
  return NotA(name, declared_type, text);
}

Result<std::map<std::string, Value, std::less<>>> BindQueryParameters(std::string_view query_text,
                                                                      const Dynamic& supplied) {
  std::map<std::string, Value, std::less<>> bound;
  if (!supplied.is_object()) return bound;
  std::map<std::string, std::string> declared = DeclaredQueryParameters(query_text);
  for (const auto& [name, value] : supplied.object()) {
    auto it = declared.find(name);
    if (it == declared.end()) continue;
    ASSIGN_OR_RETURN(Value converted, ParameterValue(name, it->second, value));
    bound.emplace(name, std::move(converted));
  }
  return bound;
}

}  // namespace huntbook::server
