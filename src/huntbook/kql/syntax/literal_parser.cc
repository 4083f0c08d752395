// Literals: strings, typed literals (datetime(...), int(null), real(nan), guid(...)) and
// dynamic(...) values.
// https://learn.microsoft.com/kusto/query/scalar-data-types/
// https://learn.microsoft.com/kusto/query/scalar-data-types/dynamic
#include <cmath>
#include <limits>
#include <utility>

#include "huntbook/kql/syntax/recursive_descent_parser.h"
#include "huntbook/types/datetime.h"
#include "huntbook/types/type.h"

namespace huntbook::kql {
namespace {

bool IsRawLiteralWord(std::string_view w) {
  return w == "datetime" || w == "date" || w == "timespan" || w == "time" || w == "guid" ||
         w == "uuid" || w == "uniqueid";
}

bool IsScalarLiteralWord(std::string_view w) {
  return w == "bool" || w == "boolean" || w == "int" || w == "long" || w == "real" ||
         w == "double" || w == "decimal" || w == "int64" || w == "int32";
}

std::string_view StripQuotes(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front()) {
    return s.substr(1, s.size() - 2);
  }
  return s;
}

// Canonical lower-case guid text, or empty when `s` is not 8-4-4-4-12 hex digits.
std::string CanonicalGuid(std::string_view s) {
  if (s.size() != 36) return "";
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash) {
      if (c != '-') return "";
    } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
    } else if (c >= 'A' && c <= 'F') {
      c = static_cast<char>(c - 'A' + 'a');
    } else {
      return "";
    }
    out += c;
  }
  return out;
}

// The one place raw literal text becomes a Value: datetime/timespan/guid words.
Result<Value> ConvertRawLiteral(std::string_view word, std::string_view raw,
                                const SourcePosition& position) {
  std::string_view text = StripQuotes(raw);
  bool is_null = raw == "null";
  if (word == "datetime" || word == "date") {
    if (is_null) return Value::Null(TypeKind::kDateTime);
    std::optional<int64_t> ticks = ParseDateTime(text);
    if (!ticks) return SyntaxError("invalid datetime literal '" + std::string(raw) + "'", position);
    return Value::DateTime(*ticks);
  }
  if (word == "timespan" || word == "time") {
    if (is_null) return Value::Null(TypeKind::kTimespan);
    std::optional<int64_t> ticks = ParseTimespan(text);
    if (!ticks) return SyntaxError("invalid timespan literal '" + std::string(raw) + "'", position);
    return Value::Timespan(*ticks);
  }
  if (is_null) return Value::Null(TypeKind::kGuid);
  std::string guid = CanonicalGuid(text);
  if (guid.empty()) return SyntaxError("invalid guid literal '" + std::string(raw) + "'", position);
  return Value::Guid(std::move(guid));
}

Dynamic DynamicFromValue(const Value& v) {
  if (v.is_null()) return Dynamic();
  switch (v.type()) {
    case TypeKind::kBool:
      return Dynamic::Bool(v.bool_value());
    case TypeKind::kInt:
    case TypeKind::kLong:
      return Dynamic::Long(v.int_value());
    case TypeKind::kReal:
    case TypeKind::kDecimal:
      return Dynamic::Real(v.real_value());
    case TypeKind::kDateTime:
      return Dynamic::DateTime(v.int_value());
    case TypeKind::kTimespan:
      return Dynamic::Timespan(v.int_value());
    case TypeKind::kGuid:
      return Dynamic::Guid(v.string_value());
    case TypeKind::kString:
      return Dynamic::String(v.string_value());
    case TypeKind::kDynamic:
      return v.dynamic_value();
    case TypeKind::kNull:
      break;
  }
  return Dynamic();
}

}  // namespace

bool RecursiveDescentParser::AtTypedLiteral() const {
  if (!IsIdentifier() || !IsOp("(", 1)) return false;
  const std::string& w = Peek().text;
  if (IsRawLiteralWord(w)) return Peek(2).kind == TokenKind::kRawText;
  return IsScalarLiteralWord(w) || w == "dynamic";
}

Result<ExprPtr> RecursiveDescentParser::ParseTypedLiteral() {
  size_t first = pos_;
  const Token& word_token = Advance();
  std::string word = word_token.text;
  ExprPtr e = MakeExpr(ExprKind::kLiteral, word_token.position);
  Advance();  // (
  if (IsRawLiteralWord(word)) {
    const Token& raw = Advance();
    Result<Value> value = ConvertRawLiteral(word, raw.text, raw.position);
    if (!value.ok()) {
      // Kusto's parser accepts any text here, so an unreadable literal is a kCall named
      // after the literal word, holding the raw text as a string argument and the message
      // in `text`. The binder types it as the word's type; running the query fails with
      // the error recorded here (Query::invalid_literals).
      e->kind = ExprKind::kCall;
      e->name = word;
      ExprPtr text = MakeExpr(ExprKind::kLiteral, raw.position);
      text->literal = Value::String(raw.text);
      e->args.push_back(std::move(text));
      RETURN_IF_ERROR(ExpectOp(")"));
      e->text = value.status().message();
      invalid_literals_.push_back(SemanticError(e->text, raw.position));
      return e;
    }
    e->literal = std::move(value).value();
  } else if (word == "dynamic") {
    if (IsWord("null") && IsOp(")", 1)) {
      Advance();
      e->literal = Value::Null(TypeKind::kDynamic);
    } else {
      ASSIGN_OR_RETURN(Dynamic d, ParseDynamicValue());
      e->literal = Value::Dyn(std::move(d));
    }
  } else {
    std::optional<TypeKind> type = ::huntbook::ParseTypeName(word);
    if (word == "int32") type = TypeKind::kInt;
    if (word == "int64") type = TypeKind::kLong;
    if (!type) type = word == "bool" || word == "boolean" ? TypeKind::kBool : TypeKind::kReal;
    bool negative = false;
    if (IsOp("-") || IsOp("+")) negative = Advance().text == "-";
    const Token& v = Peek();
    double real = 0;
    bool integral = false;
    int64_t integer = 0;
    if (IsWord("null")) {
      Advance();
      e->literal = Value::Null(*type);
    } else if (*type == TypeKind::kBool && (IsWord("true") || IsWord("false"))) {
      e->literal = Value::Bool(Advance().text == "true");
    } else if (v.kind == TokenKind::kLong || v.kind == TokenKind::kReal) {
      integral = v.kind == TokenKind::kLong;
      integer = negative ? Negate(v.long_value) : v.long_value;
      real = integral ? static_cast<double>(integer) : (negative ? -v.real_value : v.real_value);
      Advance();
      if (*type == TypeKind::kBool) {
        e->literal = Value::Bool(real != 0);
      } else if (*type == TypeKind::kReal || *type == TypeKind::kDecimal) {
        e->literal = *type == TypeKind::kReal ? Value::Real(real) : Value::Decimal(real);
      } else if (!integral) {
        return SyntaxError("expected an integer in " + word + "(...)", v.position);
      } else if (*type == TypeKind::kInt) {
        if (integer < std::numeric_limits<int32_t>::min() ||
            integer > std::numeric_limits<int32_t>::max()) {
          return SyntaxError("int literal out of range", v.position);
        }
        e->literal = Value::Int(static_cast<int32_t>(integer));
      } else {
        e->literal = Value::Long(integer);
      }
    } else if ((*type == TypeKind::kReal || *type == TypeKind::kDecimal) &&
               (IsWord("nan") || IsWord("inf") || IsWord("NaN"))) {
      double d = Advance().text == "inf" ? std::numeric_limits<double>::infinity()
                                         : std::numeric_limits<double>::quiet_NaN();
      e->literal = Value::Real(negative ? -d : d);
    } else {
      return ErrorExpected("a literal value in " + word + "(...)");
    }
  }
  RETURN_IF_ERROR(ExpectOp(")"));
  e->text = TextFrom(first);
  return e;
}

Result<ExprPtr> RecursiveDescentParser::ParseStringLiteral() {
  size_t first = pos_;
  ExprPtr e = MakeExpr(ExprKind::kLiteral, Peek().position);
  std::string value;
  // Adjacent string literals concatenate: "a" 'b' -> "ab".
  while (Peek().kind == TokenKind::kString) value += Advance().text;
  e->literal = Value::String(std::move(value));
  e->text = TextFrom(first);
  return e;
}

Result<Dynamic> RecursiveDescentParser::ParseDynamicValue() {
  NestingGuard guard(*this);
  RETURN_IF_ERROR(guard.status());
  const Token& t = Peek();
  if (AcceptOp("[")) {
    Dynamic::Array items;
    while (!IsOp("]")) {
      ASSIGN_OR_RETURN(Dynamic item, ParseDynamicValue());
      items.push_back(std::move(item));
      if (!AcceptOp(",")) break;
    }
    RETURN_IF_ERROR(ExpectOp("]"));
    return Dynamic::MakeArray(std::move(items));
  }
  if (AcceptOp("{")) {
    Dynamic::Object members;
    while (!IsOp("}")) {
      std::string key;
      if (Peek().kind == TokenKind::kString || IsIdentifier()) {
        key = Advance().text;
      } else {
        return ErrorExpected("a property name");
      }
      RETURN_IF_ERROR(ExpectOp(":"));
      ASSIGN_OR_RETURN(Dynamic value, ParseDynamicValue());
      members.emplace_back(std::move(key), std::move(value));
      if (!AcceptOp(",")) break;
    }
    RETURN_IF_ERROR(ExpectOp("}"));
    return Dynamic::MakeObject(std::move(members));
  }
  if (t.kind == TokenKind::kString) {
    ASSIGN_OR_RETURN(ExprPtr s, ParseStringLiteral());
    return Dynamic::String(s->literal.string_value());
  }
  if (IsWord("true") || IsWord("false")) return Dynamic::Bool(Advance().text == "true");
  if (IsWord("null")) {
    Advance();
    return Dynamic();
  }
  if (AtTypedLiteral()) {
    ASSIGN_OR_RETURN(ExprPtr lit, ParseTypedLiteral());
    return DynamicFromValue(lit->literal);
  }
  bool negative = false;
  if (IsOp("-") || IsOp("+")) negative = Advance().text == "-";
  const Token& n = Peek();
  if (n.kind == TokenKind::kLong) {
    Advance();
    return Dynamic::Long(negative ? Negate(n.long_value) : n.long_value);
  }
  if (n.kind == TokenKind::kReal) {
    Advance();
    return Dynamic::Real(negative ? -n.real_value : n.real_value);
  }
  if (n.kind == TokenKind::kTimespan) {
    Advance();
    return Dynamic::Timespan(negative ? Negate(n.long_value) : n.long_value);
  }
  return ErrorExpected("a dynamic value");
}

}  // namespace huntbook::kql
