// externaldata (https://learn.microsoft.com/kusto/query/externaldata-operator): binds the
// declared schema and the property list; the files are read by the executor, so binding
// (`huntbook check`) never touches the file system.
#include <algorithm>

#include "huntbook/kql/analyzer/query_binder.h"

namespace huntbook::analyzer {

namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The text of a property value written as a name (format=csv), a string or a bool.
std::string PropertyText(const kql::Expr& value) {
  if (value.kind == kql::ExprKind::kName) return value.name;
  if (value.kind == kql::ExprKind::kLiteral) {
    return value.literal.type() == TypeKind::kString ? value.literal.string_value()
                                                     : value.literal.ToString();
  }
  return "";
}

constexpr const char* kFormats[] = {"csv", "tsv", "tsve", "psv",      "scsv",
                                    "txt", "raw", "json", "multijson"};

}  // namespace

Result<PlanPtr> QueryBinder::BindExternalData(const kql::Expr& expr, const EnvPtr& env) {
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kExternalData;
  for (const kql::ColumnDecl& decl : expr.schema) {
    std::optional<TypeKind> type = ParseTypeName(decl.type_name);
    if (!type) return SemanticError("unknown type '" + decl.type_name + "'", expr.position);
    node->schema.push_back({decl.name, *type});
  }
  if (node->schema.empty()) return SemanticError("externaldata needs columns", expr.position);
  for (const kql::ExprPtr& uri : expr.args) {
    ASSIGN_OR_RETURN(Value value, BindConstant(*uri, env));
    if (value.type() != TypeKind::kString) {
      return SemanticError("externaldata needs string storage URIs", uri->position);
    }
    node->external_paths.push_back(value.string_value());
  }
  if (node->external_paths.empty()) {
    return SemanticError("externaldata needs at least one storage URI", expr.position);
  }
  for (const kql::OperatorParam& param : expr.params) {
    std::string name = Lower(param.name);
    std::string value = param.value ? PropertyText(*param.value) : "";
    if (name == "format") {
      std::string format = Lower(value);
      if (std::find(std::begin(kFormats), std::end(kFormats), format) == std::end(kFormats)) {
        return NotSupported("externaldata format '" + value + "'", param.position);
      }
      node->external_format = format;
    } else if (name == "ignorefirstrecord") {
      std::string flag = Lower(value);
      if (flag != "true" && flag != "false") {
        return SemanticError("ignoreFirstRecord must be true or false", param.position);
      }
      node->external_ignore_first_record = flag == "true";
    } else if (name == "kind" || name == "compressed" || name == "zippattern") {
      continue;  // storage hints that do not change how a plain local file reads
    } else {
      return NotSupported("externaldata property '" + param.name + "'", param.position);
    }
  }
  return PlanPtr(node);
}

}  // namespace huntbook::analyzer
