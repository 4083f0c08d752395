// parse / parse-where: the pattern (string pieces, `*`, typed captures) becomes one RE2
// regex over the source text; each capture is a named group appended as a column.
// https://learn.microsoft.com/kusto/query/parse-operator
// https://learn.microsoft.com/kusto/query/parse-where-operator
//
// Translation: `*` is `.*?`; a capture is `(.*?)`, but long/int captures are `-?\d+`
// (as the documentation's regex-mode translation example shows) and real/decimal ones
// number text; string pieces are literal text in simple/relaxed and regular expressions
// in regex kind. simple/relaxed must match the whole text (`.` also matches newlines
// there); regex kind matches from the start, and a string capture that ends its pattern
// takes the rest of the text.
#include <re2/re2.h>

#include <map>

#include "huntbook/functions/kusto_regex.h"
#include "huntbook/kql/analyzer/query_binder.h"

namespace huntbook::analyzer {

namespace {

using planner::ParseCapture;
using planner::ParseKind;

Result<ParseKind> KindOf(const kql::OperatorParam& param) {
  std::string value = param.value ? param.value->name : "";
  if (value == "simple") return ParseKind::kSimple;
  if (value == "regex") return ParseKind::kRegex;
  if (value == "relaxed") return ParseKind::kRelaxed;
  return SemanticError("parse kind must be simple, regex or relaxed", param.position);
}

// `flags=Ui` as an RE2 inline flag group "(?Ui)"; "" for none.
Result<std::string> FlagsOf(const kql::OperatorParam& param) {
  std::string value;
  if (param.value && param.value->kind == kql::ExprKind::kName) {
    value = param.value->name;
  } else if (param.value && param.value->kind == kql::ExprKind::kLiteral &&
             IsStringStored(param.value->literal.type()) && !param.value->literal.is_null()) {
    value = std::string(param.value->literal.string_value());
  } else {
    return SemanticError("parse flags must be letters such as Ui", param.position);
  }
  for (char c : value) {
    if (c != 'U' && c != 'i' && c != 'm' && c != 's') {
      return SemanticError(std::string("unknown parse regex flag '") + c + "' (use U, i, m, s)",
                           param.position);
    }
  }
  return value.empty() ? std::string() : "(?" + value + ")";
}

// The group of capture `index`: named, so groups inside regex pieces do not shift it.
// Numeric captures match only number text, so a `*` after them skips the rest (the
// doc's `totalSlices:long * "sliceNumber="`); in relaxed kind such a group falls back to
// any text (tried after the number), which then fails to convert: that capture is null.
std::string CaptureRegex(ParseKind kind, TypeKind type, bool last, size_t index) {
  std::string body = ".*?";
  bool numeric = false;
  if (type == TypeKind::kLong || type == TypeKind::kInt) {
    body = "-?\\d+";
    numeric = true;
  } else if (type == TypeKind::kReal || type == TypeKind::kDecimal) {
    body = "-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?";
    numeric = true;
  } else if (kind == ParseKind::kRegex && last && type == TypeKind::kString) {
    body = ".*";
  }
  if (numeric && kind == ParseKind::kRelaxed) body = "(?:" + body + ")|.*?";
  return "(?P<" + planner::ParseGroupName(index) + ">" + body + ")";
}

}  // namespace

Result<PlanPtr> QueryBinder::BindParse(const kql::Operator& op, PlanPtr input, const EnvPtr& env) {
  ParseKind kind = ParseKind::kSimple;
  std::string flags;
  bool has_flags = false;
  SourcePosition flags_position;
  for (const kql::OperatorParam& param : op.params) {
    if (param.name == "kind") {
      ASSIGN_OR_RETURN(kind, KindOf(param));
    } else if (param.name == "flags") {
      ASSIGN_OR_RETURN(flags, FlagsOf(param));
      has_flags = true;
      flags_position = param.position;
    } else {
      return NotSupported(op.name + " parameter '" + param.name + "'", param.position);
    }
  }
  if (has_flags && kind != ParseKind::kRegex) {
    return SemanticError(op.name + " flags need kind=regex", flags_position);
  }
  if (op.args.empty()) return SemanticError(op.name + " needs a source", op.position);
  ASSIGN_OR_RETURN(BoundExprPtr source, BindScalar(*op.args[0], Scope{&input->schema, env}));

  // simple/relaxed: `.` also matches newlines (s); regex kind keeps the user's flags.
  std::string regex = (kind == ParseKind::kRegex ? flags : "(?s)") + "\\A";
  std::vector<ParseCapture> captures;
  for (size_t i = 1; i < op.args.size(); ++i) {
    const kql::Expr& piece = *op.args[i];
    bool last = i + 1 == op.args.size();
    if (piece.kind == kql::ExprKind::kStar) {
      regex += "(?:.*?)";
    } else if (piece.kind == kql::ExprKind::kLiteral && IsStringStored(piece.literal.type())) {
      std::string text(piece.literal.is_null() ? "" : piece.literal.string_value());
      regex += kind == ParseKind::kRegex ? "(?:" + text + ")" : RE2::QuoteMeta(text);
    } else if (piece.kind == kql::ExprKind::kName) {
      ParseCapture capture;
      capture.name = piece.name;
      std::string type_name = i < op.type_names.size() ? op.type_names[i] : "";
      if (!type_name.empty()) {
        std::optional<TypeKind> type = ParseTypeName(type_name);
        if (!type) return SemanticError("unknown type '" + type_name + "'", piece.position);
        capture.type = *type;
      }
      for (const ParseCapture& other : captures) {
        if (other.name == capture.name) {
          return SemanticError(op.name + " captures column '" + capture.name + "' twice",
                               piece.position);
        }
      }
      regex += CaptureRegex(kind, capture.type, last, captures.size());
      captures.push_back(std::move(capture));
    } else {
      return SemanticError(op.name +
                               " pattern pieces must be string constants, column names "
                               "or '*'",
                           piece.position);
    }
  }
  if (kind != ParseKind::kRegex) regex += "\\z";
  // Compiled once here: a bad regex fails at bind time with the query position, and every
  // chunk matches with the same (thread-safe) RE2.
  Result<std::unique_ptr<RE2>> compiled = functions::CompileKustoRegex(regex, op.name);
  if (!compiled.ok()) {
    return SemanticError(compiled.status().message(), op.position);
  }
  const std::map<std::string, int>& groups = (*compiled)->NamedCapturingGroups();
  for (size_t i = 0; i < captures.size(); ++i) {
    captures[i].group = groups.at(planner::ParseGroupName(i));
  }

  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kParse;
  node->parse_source = source;
  node->parse_regex = std::move(compiled).value();
  node->parse_kind = kind;
  node->parse_drop_failed = op.name == "parse-where";
  // A capture named like an input column replaces it (dropped there, appended here).
  for (size_t i = 0; i < input->schema.size(); ++i) {
    bool replaced = false;
    for (const ParseCapture& capture : captures) {
      replaced = replaced || capture.name == input->schema[i].name;
    }
    if (replaced) continue;
    node->schema.push_back(input->schema[i]);
    node->parse_keep.push_back(static_cast<int>(i));
  }
  for (const ParseCapture& capture : captures) {
    node->schema.push_back({capture.name, capture.type});
  }
  node->parse_captures = std::move(captures);
  node->children.push_back(input);
  return PlanPtr(node);
}

}  // namespace huntbook::analyzer
