#include "huntbook/kql/analyzer/search_predicate.h"

#include <algorithm>
#include <cctype>

#include "huntbook/kql/syntax/parser.h"

namespace huntbook::analyzer {

namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

// Length of a quoted string literal starting at text[i] (", ', @" or @'), 0 if none.
size_t QuotedLength(std::string_view text, size_t i) {
  size_t start = i;
  bool verbatim = false;
  if ((text[i] == '@' || text[i] == 'h' || text[i] == 'H') && i + 1 < text.size() &&
      (text[i + 1] == '"' || text[i + 1] == '\'')) {
    verbatim = text[i] == '@';
    ++i;
  }
  if (text[i] != '"' && text[i] != '\'') return 0;
  char quote = text[i++];
  while (i < text.size() && text[i] != quote) {
    if (text[i] == '\\' && !verbatim) ++i;
    ++i;
  }
  return i < text.size() ? i + 1 - start : 0;
}

class PredicateParser {
 public:
  PredicateParser(std::string_view text, SourcePosition position)
      : text_(text), position_(position) {}

  Result<SearchNodePtr> Parse() {
    ASSIGN_OR_RETURN(SearchNodePtr node, ParseOr());
    SkipSpace();
    if (pos_ < text_.size()) return Error("unexpected '" + std::string(text_.substr(pos_)) + "'");
    return node;
  }

 private:
  Status Error(const std::string& message) const {
    return SyntaxError("search predicate: " + message, position_);
  }
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool AtWord(std::string_view word) {
    SkipSpace();
    if (text_.substr(pos_, word.size()) != word) return false;
    size_t end = pos_ + word.size();
    return end >= text_.size() || !IsWordChar(text_[end]);
  }
  SearchNodePtr Combine(SearchNode::Kind kind, SearchNodePtr a, SearchNodePtr b) {
    auto node = std::make_shared<SearchNode>();
    node->kind = kind;
    node->children = {std::move(a), std::move(b)};
    return node;
  }
  Result<SearchNodePtr> ParseOr() {
    ASSIGN_OR_RETURN(SearchNodePtr left, ParseAnd());
    while (AtWord("or")) {
      pos_ += 2;
      ASSIGN_OR_RETURN(SearchNodePtr right, ParseAnd());
      left = Combine(SearchNode::Kind::kOr, left, right);
    }
    return left;
  }
  Result<SearchNodePtr> ParseAnd() {
    ASSIGN_OR_RETURN(SearchNodePtr left, ParseUnary());
    while (AtWord("and")) {
      pos_ += 3;
      ASSIGN_OR_RETURN(SearchNodePtr right, ParseUnary());
      left = Combine(SearchNode::Kind::kAnd, left, right);
    }
    return left;
  }
  Result<SearchNodePtr> ParseUnary() {
    SkipSpace();
    if (AtWord("not")) {
      size_t save = pos_;
      pos_ += 3;
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == '(') {
        ASSIGN_OR_RETURN(SearchNodePtr inner, ParseUnary());
        auto node = std::make_shared<SearchNode>();
        node->kind = SearchNode::Kind::kNot;
        node->children = {inner};
        return node;
      }
      pos_ = save;
    }
    if (pos_ < text_.size() && text_[pos_] == '(') {
      ++pos_;
      ASSIGN_OR_RETURN(SearchNodePtr inner, ParseOr());
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != ')') return Error("expected ')'");
      ++pos_;
      return inner;
    }
    return ParseAtom();
  }
  // An atom runs to the next top-level `and`/`or`, an unmatched ')' or the end.
  Result<SearchNodePtr> ParseAtom() {
    SkipSpace();
    size_t start = pos_;
    int depth = 0;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (size_t quoted = QuotedLength(text_, pos_)) {
        pos_ += quoted;
        continue;
      }
      if (c == '(' || c == '[') ++depth;
      if (c == ')' || c == ']') {
        if (depth == 0) break;
        --depth;
      }
      if (depth == 0 && (pos_ == start || !IsWordChar(text_[pos_ - 1])) &&
          (AtWordHere("and") || AtWordHere("or"))) {
        break;
      }
      ++pos_;
    }
    std::string atom(text_.substr(start, pos_ - start));
    while (!atom.empty() && std::isspace(static_cast<unsigned char>(atom.back()))) atom.pop_back();
    if (atom.empty()) return Error("expected a term");
    return Classify(atom);
  }
  bool AtWordHere(std::string_view word) const {
    if (text_.substr(pos_, word.size()) != word) return false;
    size_t end = pos_ + word.size();
    return end < text_.size() && std::isspace(static_cast<unsigned char>(text_[end]));
  }
  Result<SearchNodePtr> Classify(const std::string& atom) {
    auto node = std::make_shared<SearchNode>();
    // "term" alone.
    if (QuotedLength(atom, 0) == atom.size()) {
      ASSIGN_OR_RETURN(node->term, StringOf(atom));
      return node;
    }
    // Col:"term" or Col:term.
    size_t colon = atom.find(':');
    if (colon != std::string::npos && colon > 0) {
      std::string column = atom.substr(0, colon);
      bool name = true;
      for (char c : column) name = name && IsWordChar(c);
      if (name) {
        std::string value = atom.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        node->column = column;
        if (!value.empty() && QuotedLength(value, 0) == value.size()) {
          ASSIGN_OR_RETURN(node->term, StringOf(value));
        } else {
          node->term = value;
        }
        if (node->term.empty()) return Error("empty term after '" + column + ":'");
        return node;
      }
    }
    // A bare word (search error) is a term too.
    bool word = true;
    for (char c : atom) word = word && (IsWordChar(c) || c == '*' || c == '.' || c == '-');
    if (word) {
      node->term = atom;
      return node;
    }
    Result<kql::ExprPtr> expr = kql::ParseExpression(atom);
    if (!expr.ok()) return Error(expr.status().message());
    node->kind = SearchNode::Kind::kExpr;
    node->expr = *expr;
    CollectNames(**expr, &node->referenced);
    return node;
  }
  static void CollectNames(const kql::Expr& e, std::vector<std::string>* out) {
    if (e.kind == kql::ExprKind::kName) out->push_back(e.name);
    for (const kql::ExprPtr& arg : e.args) {
      if (arg) CollectNames(*arg, out);
    }
  }
  Result<std::string> StringOf(const std::string& literal) {
    Result<kql::ExprPtr> expr = kql::ParseExpression(literal);
    if (!expr.ok() || (*expr)->kind != kql::ExprKind::kLiteral ||
        (*expr)->literal.type() != TypeKind::kString) {
      return Error("bad string " + literal);
    }
    return (*expr)->literal.string_value();
  }

  std::string_view text_;
  SourcePosition position_;
  size_t pos_ = 0;
};

kql::ExprPtr Literal(Value value) {
  auto e = std::make_shared<kql::Expr>();
  e->kind = kql::ExprKind::kLiteral;
  e->literal = std::move(value);
  return e;
}

kql::ExprPtr Name(const std::string& name) {
  auto e = std::make_shared<kql::Expr>();
  e->kind = kql::ExprKind::kName;
  e->name = name;
  return e;
}

kql::ExprPtr Binary(const std::string& op, kql::ExprPtr a, kql::ExprPtr b) {
  auto e = std::make_shared<kql::Expr>();
  e->kind = kql::ExprKind::kBinary;
  e->op = op;
  e->args = {std::move(a), std::move(b)};
  return e;
}

std::string RegexEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '*') {
      out += ".*";
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ' ') {
      out += c;
    } else {
      out += '\\';
      out += c;
    }
  }
  return out;
}

// `column op term` for one column, following the wildcard rules of the search page.
kql::ExprPtr TermOnColumn(const ColumnSchema& column, const std::string& term,
                          bool case_sensitive) {
  kql::ExprPtr subject = ColumnAsString(column);
  const std::string cs = case_sensitive ? "_cs" : "";
  size_t stars = std::count(term.begin(), term.end(), '*');
  bool leading = !term.empty() && term.front() == '*';
  bool trailing = term.size() > 1 && term.back() == '*';
  std::string core = term.substr(leading ? 1 : 0);
  if (trailing) core.pop_back();
  if (stars == 0) return Binary("has" + cs, subject, Literal(Value::String(term)));
  if (core.find('*') == std::string::npos) {
    if (core.empty()) return Literal(Value::Bool(true));
    if (leading && trailing) return Binary("contains" + cs, subject, Literal(Value::String(core)));
    if (trailing) return Binary("hasprefix" + cs, subject, Literal(Value::String(core)));
    return Binary("hassuffix" + cs, subject, Literal(Value::String(core)));
  }
  std::string regex = (case_sensitive ? "" : "(?i)") + RegexEscape(term);
  return Binary("matches regex", subject, Literal(Value::String(regex)));
}

}  // namespace

kql::ExprPtr ColumnAsString(const ColumnSchema& column) {
  kql::ExprPtr subject = Name(column.name);
  if (column.type == TypeKind::kString) return subject;
  auto call = std::make_shared<kql::Expr>();
  call->kind = kql::ExprKind::kCall;
  call->name = "tostring";
  call->args = {subject};
  return call;
}

kql::ExprPtr AnyColumn(const std::vector<ColumnSchema>& columns,
                       const std::function<kql::ExprPtr(const ColumnSchema&)>& one) {
  std::function<kql::ExprPtr(size_t, size_t)> range = [&](size_t begin,
                                                          size_t end) -> kql::ExprPtr {
    if (end - begin == 1) return one(columns[begin]);
    size_t middle = begin + (end - begin) / 2;
    return Binary("or", range(begin, middle), range(middle, end));
  };
  return columns.empty() ? Literal(Value::Bool(false)) : range(0, columns.size());
}

Result<SearchNodePtr> ParseSearchPredicate(std::string_view text, SourcePosition position) {
  return PredicateParser(text, position).Parse();
}

kql::ExprPtr SearchToExpr(const SearchNode& node, const std::vector<ColumnSchema>& columns,
                          bool case_sensitive) {
  auto has_column = [&](const std::string& name) -> const ColumnSchema* {
    for (const ColumnSchema& c : columns) {
      if (c.name == name) return &c;
    }
    return nullptr;
  };
  switch (node.kind) {
    case SearchNode::Kind::kAnd:
    case SearchNode::Kind::kOr:
      return Binary(node.kind == SearchNode::Kind::kAnd ? "and" : "or",
                    SearchToExpr(*node.children[0], columns, case_sensitive),
                    SearchToExpr(*node.children[1], columns, case_sensitive));
    case SearchNode::Kind::kNot: {
      auto call = std::make_shared<kql::Expr>();
      call->kind = kql::ExprKind::kCall;
      call->name = "not";
      call->args = {SearchToExpr(*node.children[0], columns, case_sensitive)};
      return call;
    }
    case SearchNode::Kind::kExpr:
      for (const std::string& name : node.referenced) {
        if (has_column(name) == nullptr) return Literal(Value::Bool(false));
      }
      return node.expr;
    case SearchNode::Kind::kTerm: {
      if (!node.column.empty()) {
        const ColumnSchema* column = has_column(node.column);
        if (column == nullptr) return Literal(Value::Bool(false));
        return TermOnColumn(*column, node.term, case_sensitive);
      }
      return AnyColumn(columns, [&](const ColumnSchema& column) {
        return TermOnColumn(column, node.term, case_sensitive);
      });
    }
  }
  return Literal(Value::Bool(false));
}

Result<SearchPrefix> SplitSearchPrefix(std::string_view text, SourcePosition position) {
  SearchPrefix prefix;
  std::string rest(text);
  auto trim = [](std::string s) {
    s.erase(0, s.find_first_not_of(" \t\r\n"));
    s.erase(s.find_last_not_of(" \t\r\n") + 1);
    return s;
  };
  rest = trim(rest);
  for (;;) {
    if (rest.rfind("kind", 0) == 0 && rest.find('=') != std::string::npos &&
        trim(rest.substr(4, rest.find('=') - 4)).empty()) {
      std::string value = trim(rest.substr(rest.find('=') + 1));
      size_t end = 0;
      while (end < value.size() && IsWordChar(value[end])) ++end;
      std::string kind = value.substr(0, end);
      if (kind != "case_sensitive" && kind != "case_insensitive" && kind != "default") {
        return SyntaxError("search kind must be default, case_insensitive or case_sensitive",
                           position);
      }
      prefix.case_sensitive = kind == "case_sensitive";
      rest = trim(value.substr(end));
    } else if (rest.rfind("withsource", 0) == 0 && rest.find('=') != std::string::npos &&
               trim(rest.substr(10, rest.find('=') - 10)).empty()) {
      std::string value = trim(rest.substr(rest.find('=') + 1));
      size_t end = 0;
      while (end < value.size() && IsWordChar(value[end])) ++end;
      prefix.withsource = value.substr(0, end);
      rest = trim(value.substr(end));
    } else {
      break;
    }
  }
  if (rest.rfind("in", 0) == 0 && trim(rest.substr(2)).rfind("(", 0) == 0) {
    std::string list = trim(rest.substr(2));
    size_t close = list.find(')');
    if (close == std::string::npos) return SyntaxError("expected ')' after in (", position);
    std::string names = list.substr(1, close - 1);
    size_t start = 0;
    while (start <= names.size()) {
      size_t end = names.find(',', start);
      if (end == std::string::npos) end = names.size();
      std::string name = trim(names.substr(start, end - start));
      if (!name.empty()) prefix.tables.push_back(name);
      start = end + 1;
    }
    if (prefix.tables.empty()) return SyntaxError("empty table list after in", position);
    rest = trim(list.substr(close + 1));
  }
  prefix.rest = rest;
  return prefix;
}

}  // namespace huntbook::analyzer
