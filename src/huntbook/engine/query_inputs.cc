#include "huntbook/engine/query_inputs.h"

#include <cstdlib>

#include "huntbook/kql/syntax/parser.h"

namespace huntbook::engine {

namespace {

std::string Trim(std::string text) {
  text.erase(0, text.find_first_not_of(" \t\r\n"));
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
  return text;
}

// Splits at commas outside quotes and brackets.
std::vector<std::string> SplitTopLevel(const std::string& text) {
  std::vector<std::string> parts;
  std::string current;
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == '\\' && i + 1 < text.size()) {
        current += c;
        c = text[++i];
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 0) {
      parts.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  if (!Trim(current).empty()) parts.push_back(current);
  return parts;
}

std::string PropertyValue(const std::string& text) {
  std::string value = Trim(text);
  if (!value.empty() && (value.front() == '"' || value.front() == '\'' || value.front() == '@')) {
    Result<kql::ExprPtr> literal = kql::ParseExpression(value);
    if (literal.ok() && (*literal)->kind == kql::ExprKind::kLiteral &&
        (*literal)->literal.type() == TypeKind::kString) {
      return (*literal)->literal.string_value();
    }
  }
  return value;
}

}  // namespace

analyzer::QueryInputs MakeQueryInputs(const QueryOptions& options) {
  analyzer::QueryInputs inputs;
  for (const auto& [name, value] : options.parameters) inputs.parameters[name] = value;
  for (const auto& [name, table] : options.tables) {
    inputs.tables[name] = std::make_shared<const Table>(table);
  }
  return inputs;
}

std::vector<std::string> ExternalDataAllowList(const QueryOptions& options) {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("HUNTBOOK_EXTERNALDATA_ALLOW")) {
    std::string list = env;
    size_t start = 0;
    while (start <= list.size()) {
      size_t end = list.find(':', start);
      if (end == std::string::npos) end = list.size();
      if (end > start) dirs.push_back(list.substr(start, end - start));
      start = end + 1;
    }
  }
  (void)options;
  return dirs;
}

std::optional<RenderInfo> FindRender(const kql::Query& query) {
  const kql::Expr* last = nullptr;
  for (const auto& statement : query.statements) {
    if (statement->kind == kql::StatementKind::kQuery && statement->expr) {
      last = statement->expr.get();
    }
  }
  if (last == nullptr || last->kind != kql::ExprKind::kPipe || last->operators.empty()) {
    return std::nullopt;
  }
  const kql::Operator& op = *last->operators.back();
  if (op.name != "render" || op.exprs.empty() || !op.exprs[0].expr) return std::nullopt;
  RenderInfo info;
  info.visualization = op.exprs[0].expr->name;
  std::string text = Trim(op.text);
  if (text.rfind("with", 0) == 0) {
    text = Trim(text.substr(4));
    if (!text.empty() && text.front() == '(' && text.back() == ')') {
      text = text.substr(1, text.size() - 2);
    }
  }
  for (const std::string& part : SplitTopLevel(text)) {
    size_t eq = part.find('=');
    if (eq == std::string::npos) {
      // `ycolumns=a, b`: a bare name continues the previous property's value.
      if (!info.properties.empty()) info.properties.back().second += ", " + Trim(part);
      continue;
    }
    info.properties.push_back({Trim(part.substr(0, eq)), PropertyValue(part.substr(eq + 1))});
  }
  return info;
}

}  // namespace huntbook::engine
