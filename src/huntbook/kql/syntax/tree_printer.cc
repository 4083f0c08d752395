#include "huntbook/kql/syntax/tree_printer.h"

#include <cstdio>

#include "huntbook/types/datetime.h"

namespace huntbook::kql {
namespace {

std::string PrintLiteral(const Value& v) {
  std::string type(TypeName(v.type()));
  if (v.type() == TypeKind::kNull) return "null";
  if (v.is_null()) return type + ":null";
  switch (v.type()) {
    case TypeKind::kLong:
      return std::to_string(v.int_value());
    case TypeKind::kString:
      return "\"" + v.string_value() + "\"";
    case TypeKind::kBool:
      return v.bool_value() ? "true" : "false";
    case TypeKind::kInt:
      return type + ":" + std::to_string(v.int_value());
    case TypeKind::kReal:
    case TypeKind::kDecimal: {
      char buffer[64];
      std::snprintf(buffer, sizeof(buffer), "%.17g", v.real_value());
      return type + ":" + buffer;
    }
    case TypeKind::kDateTime:
      return type + ":" + FormatDateTime(v.int_value());
    case TypeKind::kTimespan:
      return type + ":" + FormatTimespan(v.int_value());
    case TypeKind::kGuid:
      return type + ":" + v.string_value();
    case TypeKind::kDynamic:
      return type + ":" + v.dynamic_value().ToJson();
    case TypeKind::kNull:
      break;
  }
  return "?";
}

std::string PrintDecls(const std::vector<ColumnDecl>& decls) {
  std::string out = "(";
  for (size_t i = 0; i < decls.size(); ++i) {
    if (i) out += " ";
    out += decls[i].name + ":" + decls[i].type_name;
    if (decls[i].default_value) out += "=" + PrintTree(*decls[i].default_value);
  }
  return out + ")";
}

std::string PrintNamed(const NamedExpr& named) {
  std::string out;
  if (named.names.size() == 1) {
    out = named.names[0] + "=";
  } else if (named.names.size() > 1) {
    out = "(";
    for (size_t i = 0; i < named.names.size(); ++i) out += (i ? "," : "") + named.names[i];
    out += ")=";
  }
  return out + (named.expr ? PrintTree(*named.expr) : "<null>");
}

std::string PrintParams(const std::vector<OperatorParam>& params) {
  std::string out;
  for (const OperatorParam& p : params) {
    out += " " + p.name + "=" + (p.value ? PrintTree(*p.value) : "<null>");
  }
  return out;
}

}  // namespace

std::string PrintTree(const Expr& e) {
  auto args = [&](size_t from, const char* sep) {
    std::string out;
    for (size_t i = from; i < e.args.size(); ++i) {
      if (i > from) out += sep;
      out += e.args[i] ? PrintTree(*e.args[i]) : "<null>";
    }
    return out;
  };
  switch (e.kind) {
    case ExprKind::kLiteral:
      return PrintLiteral(e.literal);
    case ExprKind::kName:
      return e.name;
    case ExprKind::kStar:
      return "*";
    case ExprKind::kMember:
      return "(. " + args(0, " ") + " " + e.name + ")";
    case ExprKind::kIndex:
      return "([] " + args(0, " ") + ")";
    case ExprKind::kCall:
    case ExprKind::kTableRef:
      if (!e.schema.empty() || !e.params.empty()) {  // externaldata
        return "(" + e.name + PrintParams(e.params) + " " + PrintDecls(e.schema) + " " +
               args(0, " ") + ")";
      }
      return e.name + "(" + args(0, ", ") + ")";
    case ExprKind::kUnary:
    case ExprKind::kBinary:
    case ExprKind::kList:
      return "(" + e.op + " " + args(0, " ") + ")";
    case ExprKind::kPipe: {
      std::string out = "(pipe";
      if (!e.args.empty()) out += " " + args(0, " ");
      for (const OperatorPtr& op : e.operators) out += " " + PrintTree(*op);
      return out + ")";
    }
    case ExprKind::kPrint: {
      std::string out = "(print";
      for (const NamedExpr& c : e.columns) out += " " + PrintNamed(c);
      return out + ")";
    }
    case ExprKind::kRange:
      return "(range " + e.name + " " + args(0, " ") + ")";
    case ExprKind::kDatatable:
      return "(datatable " + PrintDecls(e.schema) + (e.args.empty() ? "" : " ") + args(0, " ") +
             ")";
    case ExprKind::kUnion:
      return "(union" + PrintParams(e.params) + " " + args(0, " ") + ")";
    case ExprKind::kLambda: {
      std::string out = "(lambda " + PrintDecls(e.lambda_params);
      for (const auto& s : e.body) out += " " + PrintTree(*s) + ";";
      return out + ")";
    }
  }
  return "?";
}

std::string PrintTree(const Operator& op) {
  std::string out = "(" + op.name + PrintParams(op.params);
  if (op.predicate) out += " " + PrintTree(*op.predicate);
  if (op.count) out += " " + PrintTree(*op.count);
  bool parse = op.name == "parse" || op.name == "parse-where";
  bool typed_exprs = !parse && op.type_names.size() == op.exprs.size();
  for (size_t i = 0; i < op.exprs.size(); ++i) {
    out += " " + PrintNamed(op.exprs[i]);
    if (typed_exprs && !op.type_names[i].empty()) out += ":" + op.type_names[i];
  }
  if (!op.by.empty()) {
    out += " by";
    for (const NamedExpr& b : op.by) out += " " + PrintNamed(b);
  }
  if (!op.sort_keys.empty() && op.name != "project-reorder") {
    if (op.name != "sort") out += " by";
    for (const SortKey& k : op.sort_keys) {
      out += " " + PrintTree(*k.expr);
      if (k.order == SortOrder::kAsc) out += " asc";
      if (k.order == SortOrder::kDesc) out += " desc";
      if (k.nulls == NullsOrder::kFirst) out += " nulls-first";
      if (k.nulls == NullsOrder::kLast) out += " nulls-last";
    }
  }
  for (const auto& [new_name, old_name] : op.renames) out += " " + new_name + "=" + old_name;
  if (op.right) out += " " + PrintTree(*op.right);
  if (!op.on.empty()) {
    out += " on";
    for (const ExprPtr& c : op.on) out += " " + PrintTree(*c);
  }
  bool typed_args = parse && op.type_names.size() == op.args.size();
  for (size_t i = 0; i < op.args.size(); ++i) {
    out += " " + PrintTree(*op.args[i]);
    if (typed_args && !op.type_names[i].empty()) out += ":" + op.type_names[i];
  }
  if (!op.columns.empty()) out += " declare " + PrintDecls(op.columns);
  if (!op.text.empty()) {
    out += " {" + op.text + "}";
  } else {
    for (const OperatorPtr& nested : op.nested) out += " " + PrintTree(*nested);
  }
  return out + ")";
}

std::string PrintTree(const Statement& s) {
  switch (s.kind) {
    case StatementKind::kLet:
      return "(let " + s.name + " " + (s.expr ? PrintTree(*s.expr) : "<null>") + ")";
    case StatementKind::kSet:
      return "(set " + s.name + (s.expr ? " " + PrintTree(*s.expr) : "") + ")";
    case StatementKind::kDeclareParameters:
      return "(declare " + PrintDecls(s.parameters) + ")";
    case StatementKind::kQuery:
      return s.expr ? PrintTree(*s.expr) : "<null>";
  }
  return "?";
}

std::string PrintTree(const Query& query) {
  std::string out;
  for (size_t i = 0; i < query.statements.size(); ++i) {
    if (i) out += "; ";
    out += PrintTree(*query.statements[i]);
  }
  return out;
}

}  // namespace huntbook::kql
